/**
 * Reading Grafana's paged endpoints as async iterators of pages. Two shapes exist:
 *
 * - Searches (`/api/users/search`, `/api/orgs/:id/users/search`, `/api/teams/search`) answer
 *   `{ totalCount, <items>: [...], page, perPage }` with a 1-based `page`. Page 1 tells the size
 *   of the whole collection, so pages 2..N are requested at once (the client's one concurrency
 *   limit and rate limit still pace them) and yielded in order.
 * - `/api/orgs` answers a bare array and has no total. Its `page` is 0-based in effect: Grafana
 *   computes the SQL offset as `perpage * page`, so `page=1` is the *second* page (the OpenAPI
 *   file's "default 1" would skip the first one). Pages are read one after another until a page
 *   is shorter than the first one. A server may serve fewer items than `perpage` asks for (the
 *   simulator's `--page-size` caps it), so a short first page is not taken as the end until the
 *   next page confirms it.
 *
 * A read that is not provably complete and consistent throws (`PaginationError`, or the client's
 * `HttpError`): a partial read taken for the live state would plan to grant or remove access
 * on the strength of what it did not see. An item seen twice (by its key: `id` for users, orgs
 * and teams, `userId` for org users, `uid` for `/api/search`) is such a read even when the
 * totals add up: the repeat stands in for an item left out.
 */

import type { QueryValue } from '../../http/client.js';
import { PaginationError } from '../../http/errors.js';
import { RepeatedItems } from '../../http/repeated-items.js';
import type { GrafanaClient } from './grafana-client.js';

export interface PagedRequest {
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
}

export interface GrafanaPage<T> {
  items: T[];
  /** The page number as sent (1-based for searches, 0-based for `/api/orgs`). */
  page: number;
}

export interface PageOptions {
  /** `perpage` to ask for. Grafana's default (and the simulator's cap) is 1000. */
  perPage?: number;
  /** Hard bound on pages, whatever the server says. Default 1000. */
  maxPages?: number;
}

export const DEFAULT_PER_PAGE = 1000;
const DEFAULT_MAX_PAGES = 1000;

/** What identifies an item of a collection; undefined when the item has no usable key. */
export type ItemKey<T> = (item: T) => string | number | undefined;

/**
 * A 1-based search with `totalCount`; `itemsKey` names the array (`users`, `orgUsers`, `teams`),
 * `key` what identifies one item.
 */
export async function* searchPages<T = unknown>(
  client: GrafanaClient,
  request: PagedRequest,
  itemsKey: string,
  key: ItemKey<T>,
  options: PageOptions = {},
): AsyncGenerator<GrafanaPage<T>, void, undefined> {
  const perPage = options.perPage ?? DEFAULT_PER_PAGE;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const fail = failFor(request.path);
  const seen = new RepeatedItems(key, fail);
  const fetchPage = async (page: number) => {
    const response = await client.request<unknown>({
      method: 'GET',
      path: request.path,
      query: { ...request.query, perpage: perPage, page },
      ...(request.headers ? { headers: request.headers } : {}),
    });
    return parseSearch<T>(response.body, itemsKey, (detail) => fail('bad-shape', `page ${page}: ${detail}`));
  };

  const first = await fetchPage(1);
  const total = first.totalCount;
  // The server's own `perPage` says how many items it serves per page (it may cap what was asked).
  const size = first.perPage ?? perPage;
  const pageCount = Math.max(1, Math.ceil(total / size));
  if (pageCount > maxPages) throw fail('too-many-pages', `totalCount ${total} needs ${pageCount} pages of ${size}, more than ${maxPages}`);
  let received = first.items.length;
  if (received > Math.min(size, total)) throw fail('too-many-items', `page 1 has ${received} items (page size ${size}, totalCount ${total})`);
  if (pageCount > 1 && received < size) throw fail('too-few-items', `page 1 has ${received} items but totalCount ${total} needs full pages of ${size}`);
  seen.check(first.items, 1);
  yield { items: first.items, page: 1 };

  const pending: Promise<ParsedSearch<T>>[] = [];
  for (let page = 2; page <= pageCount; page++) {
    const request = fetchPage(page);
    // Failures surface in order below; until then they must not count as unhandled.
    request.catch(() => undefined);
    pending.push(request);
  }
  for (const [index, request] of pending.entries()) {
    const page = index + 2;
    const parsed = await request;
    if (parsed.totalCount !== total) throw fail('count-changed', `totalCount changed from ${total} to ${parsed.totalCount} at page ${page}`);
    received += parsed.items.length;
    if (received > total) throw fail('too-many-items', `got ${received} items by page ${page} but totalCount is ${total}`);
    seen.check(parsed.items, page);
    yield { items: parsed.items, page };
  }
  if (received < total) throw fail('too-few-items', `got ${received} items but totalCount is ${total}`);
}

/**
 * `/api/orgs`: a bare array, 0-based `page`, no total. `key` identifies an item so a server
 * that ignores `page` (and answers the same page forever) is caught instead of looping, and one
 * that repeats some items is caught as an inconsistent read.
 */
export async function* arrayPages<T = unknown>(
  client: GrafanaClient,
  request: PagedRequest,
  key: ItemKey<T>,
  options: PageOptions & { firstPage: 0 | 1; sizeParam?: 'perpage' | 'limit' },
): AsyncGenerator<GrafanaPage<T>, void, undefined> {
  const perPage = options.perPage ?? DEFAULT_PER_PAGE;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const fail = failFor(request.path);
  const seen = new RepeatedItems(key, fail);
  let size: number | undefined;
  for (let n = 0; ; n++) {
    const page = options.firstPage + n;
    if (n >= maxPages) throw fail('too-many-pages', `more than ${maxPages} pages of ${size ?? perPage}`);
    const response = await client.request<unknown>({
      method: 'GET',
      path: request.path,
      // `/api/search` calls the page size `limit`; the others `perpage`.
      query: { ...request.query, [options.sizeParam ?? 'perpage']: perPage, page },
      ...(request.headers ? { headers: request.headers } : {}),
    });
    if (!Array.isArray(response.body)) throw fail('bad-shape', `page ${page}: response is not an array`);
    const items = response.body as T[];
    if (items.length > perPage || (size !== undefined && items.length > size)) {
      throw fail('too-many-items', `page ${page} has ${items.length} items, more than the page size ${size ?? perPage}`);
    }
    // Every item of a page seen before: the server ignores `page` and would answer it forever.
    if (seen.allSeen(items)) {
      throw fail('loop', `page ${page} repeats an earlier page`);
    }
    seen.check(items, page);
    yield { items, page };
    size ??= items.length;
    // A page shorter than the first (or an empty first page) is the last one.
    if (items.length === 0 || items.length < size) return;
  }
}

/** Every item of every page, in order. */
export async function collectAll<T>(pages: AsyncIterable<GrafanaPage<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page.items);
  return items;
}

interface ParsedSearch<T> {
  items: T[];
  totalCount: number;
  perPage: number | undefined;
}

function parseSearch<T>(body: unknown, itemsKey: string, badShape: (detail: string) => Error): ParsedSearch<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badShape('response is not a JSON object');
  const record = body as Record<string, unknown>;
  const items = record[itemsKey];
  if (!Array.isArray(items)) throw badShape(`response has no "${itemsKey}" array`);
  const totalCount = record.totalCount;
  if (typeof totalCount !== 'number' || !Number.isSafeInteger(totalCount) || totalCount < 0) throw badShape('response has no integer "totalCount"');
  const perPage = record.perPage;
  const served = typeof perPage === 'number' && Number.isSafeInteger(perPage) && perPage > 0 ? perPage : undefined;
  return { items: items as T[], totalCount, perPage: served };
}

function failFor(collection: string) {
  return (problem: PaginationError['problem'], detail: string) => new PaginationError({ problem, collection, detail });
}
