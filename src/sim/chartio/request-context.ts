import type { ChartioStore } from './store.js';

/** What a Chartio handler sees of a request: decoded path parameters, the query, the parsed JSON body. */
export interface RequestContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  store: ChartioStore;
  pageSize: number;
}
