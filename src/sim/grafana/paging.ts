import { badRequestData } from './errors.js';

/**
 * Grafana's paging parameters. `c.QueryInt` reads a missing or unparsable value as 0; the
 * handlers then differ:
 *  - `/api/users`, `/api/users/search`, `/api/teams/search`, `/api/org/users/search`,
 *    `/api/orgs/:id/users/search`, `/api/search`, `/api/folders`: 1-based `page` (below 1 is 1);
 *  - `/api/orgs`: the SQL offset is `perpage * page`, so `page` is 0-based in effect (0 or
 *    missing is the first page; the OpenAPI's "default 1" would skip the first page).
 * `perpage` (or `limit`) of 0 or less means the default (`--page-size`, Grafana's 1000). There
 * is no largest size: the handlers do `perPage := c.QueryInt("perpage"); if perPage <= 0 {
 * perPage = 1000 }` and pass it on (org_users.go, users.go, team.go, org.go), and the answer
 * echoes what was asked. Endpoints with a maximum check it themselves (`/api/search`'s 5000).
 */
export interface PageRequest {
  page: number;
  perPage: number;
  offset: number;
}

export function pageRequest(query: URLSearchParams, defaultSize: number, base: 0 | 1, sizeParam = 'perpage'): PageRequest {
  const perPageRaw = queryInt(query, sizeParam);
  const perPage = perPageRaw <= 0 ? defaultSize : perPageRaw;
  const pageRaw = queryInt(query, 'page');
  const page = base === 1 ? Math.max(1, pageRaw) : Math.max(0, pageRaw);
  return { page, perPage, offset: (page - base) * perPage };
}

export function slice<T>(all: readonly T[], request: PageRequest): T[] {
  return all.slice(request.offset, request.offset + request.perPage);
}

/** Like Grafana's `c.QueryInt`: unparsable is 0. Only absurd lengths are refused. */
function queryInt(query: URLSearchParams, name: string): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return 0;
  if (raw.length > 15) throw badRequestData();
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : 0;
}

/** Grafana's searches match `query` as a case-insensitive substring of login, email or name. */
export function matchesQuery(query: URLSearchParams, ...fields: string[]): boolean {
  const q = (query.get('query') ?? '').toLowerCase();
  return q === '' || fields.some((f) => f.toLowerCase().includes(q));
}
