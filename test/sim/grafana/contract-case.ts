import { expect } from 'vitest';
import type { GrafanaSim } from '../../../src/sim/grafana/server.js';
import type { GrafanaVersion } from '../../../src/sim/grafana/version.js';
import type { ApiResponse } from './helpers.js';

/** One row of the contract suite: a request and what Grafana answers. */
export interface Case {
  name: string;
  /**
   * The release lines this answer holds for, where Grafana's behaviour differs by version; the
   * case runs against a simulator started with each (`--grafana-version`). Default: the
   * behaviour is the same in all, and the case runs once, against the default version.
   */
  versions?: readonly GrafanaVersion[];
  /** Requests run first as admin (each must answer 2xx). */
  setup?: Array<[method: string, path: string, body?: unknown]>;
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  auth?: string | null;
  orgId?: number;
  status: number;
  /** Matched with toMatchObject. */
  expect?: unknown;
  /**
   * For the paths Grafana serves but its OpenAPI file leaves out: the definition the 2xx body
   * must match (`null`: nothing to check, e.g. /api/health). Otherwise the operation's own
   * response schema is used.
   */
  definition?: string | null;
  after?: (res: ApiResponse, sim: GrafanaSim) => Promise<void> | void;
}

export const msg = (text: string) => ({ message: text });
export const anyMessage = () => ({ message: expect.any(String) });

/** The RBAC middleware's 403 (accesscontrol middleware `deny`) for the evaluator `action`. */
export const denied = (action: string) => ({
  title: 'Access denied',
  message: `You'll need additional permissions to perform this action. Permissions needed: ${action}`,
  accessErrorId: expect.stringMatching(/^ACE\d{10}$/),
});

/** An errutil error as Grafana's context handler writes it (writeErrOrFallback). */
export const errutil = (statusCode: number, messageId: string, message: string) => ({ extra: null, message, messageId, statusCode, traceID: '' });
