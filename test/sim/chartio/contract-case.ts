import { expect } from 'vitest';
import type { ChartioSim } from '../../../src/sim/chartio/server.js';
import type { ApiResponse, testClock } from './helpers.js';

/** One row of the contract suite: a request and what the seed says it answers. */
export interface Case {
  name: string;
  /** Requests run first (each must succeed with a 2xx), or a function for anything else. */
  setup?: Array<[method: string, path: string, body?: unknown]> | ((ctx: Ctx) => Promise<void> | void);
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  auth?: string | null;
  status: number;
  /** Matched with toMatchObject. */
  expect?: Record<string, unknown>;
  headers?: Record<string, string | RegExp>;
  /** Further checks on the response and the org afterwards. */
  after?: (res: ApiResponse, ctx: Ctx) => Promise<void> | void;
}

export interface Ctx {
  sim: ChartioSim;
  clock: ReturnType<typeof testClock>;
}

export const O = '/example-org';
export const WRONG = `Basic ${Buffer.from('sim-key:wrong').toString('base64')}`;
export const msg = (text: string | RegExp) => ({ message: typeof text === 'string' ? text : expect.stringMatching(text) });
export const link = (href: string) => ({ href });
export const MIN = 60_000;

/** 401 (missing and wrong credentials) and 403 (another org) - seed: on every operation. */
export function authCases(method: string, path: string, body?: unknown): Case[] {
  return [
    { name: `${method} ${path} without credentials`, method, path: O + path, body, auth: null, status: 401, expect: msg(/Unauthorized/) },
    { name: `${method} ${path} with a wrong secret`, method, path: O + path, body, auth: WRONG, status: 401, expect: msg(/Unauthorized/) },
    { name: `${method} ${path} on another org`, method, path: `/other-org${path}`, body, status: 403, expect: msg(/Forbidden/) },
  ];
}

