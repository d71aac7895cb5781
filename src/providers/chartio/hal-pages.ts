/**
 * Reading a paginated Chartio HAL collection as an async iterator of pages.
 *
 * A collection page looks like `{ _links: { self, next?, previous? }, count, <itemsKey>: [...] }`
 * with 100 items per page, `count` being the size of the whole collection and `next` an `href`
 * relative to the API root (`/example-org/users/?page=2`). See DESIGN §4.
 *
 * Fewest round trips: page 1 tells the page size and `count`, so when `next` has the
 * `?page=2` form the remaining pages are all requested at once (through the same client, so
 * its single concurrency limit and rate limit still govern) and yielded in order. Otherwise
 * `next` is followed one page at a time.
 *
 * A read that is not provably complete and consistent throws (`PaginationError`, or the
 * client's `HttpError`/`ForeignLinkError`/...): an access tool that mistook a partial read
 * for the live state would plan to re-grant, or delete, what it did not see. That includes an
 * item (by `id`) seen twice: a server that repeats one team on page 2 and leaves another out
 * keeps `count` right, and the team left out would look deleted (its members teamless, and
 * removed under `users: prune`).
 */

import { PaginationError } from '../../http/errors.js';
import { RepeatedItems } from '../../http/repeated-items.js';
import type { HttpRequest, HttpResponse } from '../../http/client.js';

/** The part of `HttpClient` the paginator needs; tests may hand in a fake. */
export interface HalClient {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /** Resolves a link against the API root; throws `ForeignLinkError` for one off the API. */
  resolve(path: string): URL;
}

export interface HalPage<T> {
  items: T[];
  /** The whole collection's size, as every page reports it. */
  count: number;
  /** 1-based position of this page. */
  page: number;
  /** How many pages the collection has, when known (for progress display). */
  pageCount: number | undefined;
}

export interface HalPagesOptions {
  /** Hard upper bound on pages, whatever `count` says. Default 1000 (100,000 items). */
  maxPages?: number;
  /** Fetch pages 2..N at once when possible. Default true; false forces following `next`. */
  concurrent?: boolean;
}

interface ParsedPage<T> {
  items: T[];
  count: number;
  next: string | undefined;
}

const DEFAULT_MAX_PAGES = 1000;

export async function* halPages<T = unknown>(
  client: HalClient,
  path: string,
  itemsKey: string,
  options: HalPagesOptions = {},
): AsyncGenerator<HalPage<T>, void, undefined> {
  const maxPagesOption = options.maxPages ?? DEFAULT_MAX_PAGES;
  const fail = (problem: PaginationError['problem'], detail: string): PaginationError =>
    new PaginationError({ problem, collection: path, detail });
  const fetchPage = async (href: string): Promise<ParsedPage<T>> => {
    const response = await client.request<unknown>({ method: 'GET', path: href });
    return parsePage<T>(response.body, itemsKey, (detail) => fail('bad-shape', detail));
  };

  const itemIds = new RepeatedItems<unknown>((item) => {
    // Every Chartio collection (users, teams, dashboards, datasources, permissions) keys its items by `id`.
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    return typeof id === 'number' || typeof id === 'string' ? id : undefined;
  }, fail, 'id ');
  const firstUrl = client.resolve(path);
  const first = await fetchPage(path);
  const { count } = first;
  let received = first.items.length;
  if (received > count) throw fail('too-many-items', `page 1 has ${received} items but count is ${count}`);
  itemIds.check(first.items, 1);

  if (first.next === undefined) {
    if (received < count) throw fail('too-few-items', `got ${received} items but count is ${count}`);
    yield { items: first.items, count, page: 1, pageCount: 1 };
    return;
  }

  // Page 1 is full whenever there is a next page, so its length is the page size.
  const pageSize = first.items.length;
  if (pageSize === 0) throw fail('bad-shape', 'page 1 is empty but links to a next page');
  const pageCount = Math.ceil(count / pageSize);
  const maxPages = Math.min(maxPagesOption, pageCount);
  const seen = new Set([linkKey(firstUrl)]);
  const nextUrl = client.resolve(first.next);
  if (seen.has(linkKey(nextUrl))) throw fail('loop', 'page 1 links to itself as next');
  if (maxPages < 2) {
    throw fail('too-many-pages', `count ${count} fits in ${pageCount} page(s) of ${pageSize}, but page 1 links to a next page`);
  }

  yield { items: first.items, count, page: 1, pageCount };

  const checkPage = (page: ParsedPage<T>, number: number): void => {
    if (page.count !== count) throw fail('count-changed', `count changed from ${count} to ${page.count} at page ${number}`);
    received += page.items.length;
    if (received > count) throw fail('too-many-items', `got ${received} items by page ${number} but count is ${count}`);
    itemIds.check(page.items, number);
  };

  if ((options.concurrent ?? true) && pageParam(nextUrl) === 2) {
    // `?page=N` form: request every remaining page now; the client's limit paces them.
    const pending = [] as Promise<ParsedPage<T>>[];
    for (let number = 2; number <= maxPages; number++) {
      const url = new URL(nextUrl);
      url.searchParams.set('page', String(number));
      const request = fetchPage(url.href);
      // Failures surface in order below; until then they must not count as unhandled.
      request.catch(() => undefined);
      pending.push(request);
    }
    for (const [index, request] of pending.entries()) {
      const number = index + 2;
      const page = await request;
      checkPage(page, number);
      if (number === maxPages && page.next !== undefined) {
        throw fail('too-many-pages', `page ${number} of ${pageCount} (count ${count}) still links to a next page`);
      }
      yield { items: page.items, count, page: number, pageCount };
    }
  } else {
    let url: URL | undefined = nextUrl;
    for (let number = 2; url !== undefined; number++) {
      const key = linkKey(url);
      if (seen.has(key)) throw fail('loop', `page ${number - 1} links back to an earlier page`);
      seen.add(key);
      if (number > maxPages) {
        throw fail('too-many-pages', `more than ${maxPages} pages (count ${count}, page size ${pageSize})`);
      }
      const page = await fetchPage(url.href);
      checkPage(page, number);
      // Resolve before yielding so a foreign link fails the read, not the next iteration.
      url = page.next === undefined ? undefined : client.resolve(page.next);
      yield { items: page.items, count, page: number, pageCount };
    }
  }
  if (received < count) throw fail('too-few-items', `got ${received} items but count is ${count}`);
}

/** Every item of every page, in order. */
export async function collectAll<T>(pages: AsyncIterable<HalPage<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page.items);
  return items;
}

function parsePage<T>(body: unknown, itemsKey: string, badShape: (detail: string) => Error): ParsedPage<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badShape('response is not a HAL object');
  const record = body as Record<string, unknown>;
  const items = record[itemsKey];
  if (!Array.isArray(items)) throw badShape(`response has no "${itemsKey}" array`);
  const count = record.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw badShape('response has no integer "count"');
  }
  const links = record._links;
  let next: string | undefined;
  if (typeof links === 'object' && links !== null) {
    const link = (links as Record<string, unknown>).next;
    if (link !== undefined && link !== null) {
      const href = (link as Record<string, unknown>).href;
      if (typeof href !== 'string') throw badShape('"_links.next" has no string "href"');
      next = href;
    }
  }
  return { items: items as T[], count, next };
}

/** The `page` query parameter when it is the only one of its name and a positive integer. */
function pageParam(url: URL): number | undefined {
  const values = url.searchParams.getAll('page');
  if (values.length !== 1 || !/^[1-9]\d*$/.test(values[0] ?? '')) return undefined;
  return Number(values[0]);
}

/** Identity of a page for loop detection: trailing slashes and parameter order do not matter. */
function linkKey(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.sort();
  return `${url.pathname.replace(/\/+$/, '')}?${params.toString()}`;
}
