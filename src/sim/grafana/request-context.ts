import type { Identity } from './auth.js';
import type { GrafanaStore } from './store.js';
import type { GrafanaVersion } from './version.js';

/** What a Grafana handler sees: decoded path parameters, the query, the parsed body, the caller. */
export interface GrafanaContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  store: GrafanaStore;
  identity: Identity;
  /** `--page-size`: the `perpage`/`limit` of a request that names none (Grafana: 1000). */
  pageSize: number;
  /** `--grafana-version`: the release line whose behaviour to follow where versions differ. */
  version: GrafanaVersion;
}

export const param = (ctx: GrafanaContext, name: string): string => ctx.params[name] ?? '';
export const ok = (body: unknown) => ({ status: 200, body });
export const message = (text: string, extra: Record<string, unknown> = {}) => ({ status: 200, body: { message: text, ...extra } });
