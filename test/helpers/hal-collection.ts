/**
 * A scripted HAL collection for paginator tests, shaped like Chartio's:
 * `{ _links: { self, next?, previous? }, count, <key>: [...] }`, `?page=N`, hrefs relative to the
 * API root (`/v1` here). Every aspect can be bent per page to play a broken or hostile server.
 */

import type { ServerResponse } from 'node:http';
import type { Handler } from './scripted-server.js';

export interface HalCollectionOptions {
  /** Collection path under the API root, e.g. `/example-org/users/`. */
  path: string;
  itemsKey: string;
  total: number;
  pageSize?: number;
  /** Rewrites one page's JSON (page number from 1) before it is sent. */
  alter?: (page: number, body: HalBody) => HalBody;
  /** Answers a page some other way (an error, a reset); return true when handled. */
  intercept?: (page: number, response: ServerResponse) => boolean;
}

export interface HalBody {
  _links: { self: { href: string }; next?: { href: string }; previous?: { href: string } };
  count: number;
  [key: string]: unknown;
}

export function halCollection(options: HalCollectionOptions): Handler {
  const pageSize = options.pageSize ?? 100;
  return (request, response) => {
    const url = new URL(request.url, 'http://placeholder');
    // `?page=N`, or a cursor-style `?cursor=N` / `?c=N` for servers that do not number pages.
    const marker = url.searchParams.get('page') ?? url.searchParams.get('cursor') ?? url.searchParams.get('c') ?? '1';
    const page = Number(marker.replace(/^c/, ''));
    if (options.intercept?.(page, response) === true) return;
    const start = (page - 1) * pageSize;
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, options.total - start)) }, (_, i) => ({ id: start + i + 1 }));
    const pages = Math.max(1, Math.ceil(options.total / pageSize));
    const link = (n: number) => ({ href: `${options.path}?page=${n}` });
    let body: HalBody = {
      _links: {
        self: link(page),
        ...(page < pages ? { next: link(page + 1) } : {}),
        ...(page > 1 ? { previous: link(page - 1) } : {}),
      },
      count: options.total,
      [options.itemsKey]: items,
    };
    if (options.alter !== undefined) body = options.alter(page, body);
    const text = JSON.stringify(body);
    response.writeHead(200, { 'content-type': 'application/hal+json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  };
}
