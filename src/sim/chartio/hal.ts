import { ApiError } from './errors.js';

/**
 * HAL links and pages. Seed: hrefs are relative to the API root (`/example-org/users/?page=2`
 * under `https://api.chartio.com/v1`), collections carry `count` (the whole collection's
 * size) and `_links.self/next/previous`.
 */
export interface HalLink {
  href: string;
}

export const link = (href: string): HalLink => ({ href });

/** Seed: the org root's `_links.curies` (HalCurie: href, name, templated). */
export const curies = (): Array<{ name: string; href: string; templated: boolean }> => [
  { name: 'chartio', href: '/docs/rels/{rel}', templated: true },
];

export interface Page<T> {
  items: T[];
  links: { self: HalLink; next?: HalLink; previous?: HalLink };
  count: number;
}

/** Parses `?page=N` (1-based; absent means 1). */
export function pageNumber(query: URLSearchParams): number {
  const raw = query.get('page');
  if (raw === null) return 1;
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw new ApiError(404, 'Invalid page.');
  return Number(raw);
}

/**
 * One page of a collection. `collectionPath` ends with a slash (`/example-org/users/`).
 * Page 1's self link is the bare collection path, as in the seed's examples; a page past the
 * end is 404 "Invalid page." (the seed is silent; this is what a Django REST API answers),
 * except page 1 of an empty collection, which is an empty page.
 */
export function paginate<T>(all: readonly T[], page: number, pageSize: number, collectionPath: string): Page<T> {
  const lastPage = Math.max(1, Math.ceil(all.length / pageSize));
  if (page > lastPage) throw new ApiError(404, 'Invalid page.');
  const href = (n: number): string => (n === 1 ? collectionPath : `${collectionPath}?page=${n}`);
  const links: Page<T>['links'] = { self: link(href(page)) };
  if (page < lastPage) links.next = link(`${collectionPath}?page=${page + 1}`);
  if (page > 1) links.previous = link(`${collectionPath}?page=${page - 1}`);
  return { items: all.slice((page - 1) * pageSize, page * pageSize), links, count: all.length };
}

/** Seed timestamps look like `2020-05-29T00:00:00Z`: UTC, milliseconds only when there are some. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
