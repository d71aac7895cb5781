import { afterEach, describe, expect, it } from 'vitest';
import type { HttpClient } from '../../../src/http/client.js';
import { ForeignLinkError, HttpError, PaginationError } from '../../../src/http/errors.js';
import { collectAll, halPages, type HalPage } from '../../../src/providers/chartio/hal-pages.js';
import { halCollection, type HalBody, type HalCollectionOptions } from '../../helpers/hal-collection.js';
import { json, startServer, type ScriptedServer } from '../../helpers/scripted-server.js';
import { testClient } from '../../helpers/test-client.js';
import { failure } from '../../helpers/failure.js';

const servers: ScriptedServer[] = [];
const clients: HttpClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Item = { id: number };

async function setup(collection: Partial<HalCollectionOptions> & { total: number }, clientOptions: Parameters<typeof testClient>[1] = {}) {
  const server = await startServer(halCollection({ path: '/example-org/users/', itemsKey: 'users', ...collection }));
  servers.push(server);
  const made = testClient(server.origin, clientOptions);
  clients.push(made.client);
  return { server, client: made.client, sleeps: made.sleeps };
}

async function pagesOf(client: HttpClient, options: Parameters<typeof halPages>[3] = {}): Promise<HalPage<Item>[]> {
  const pages: HalPage<Item>[] = [];
  for await (const page of halPages<Item>(client, '/example-org/users/', 'users', options)) pages.push(page);
  return pages;
}


const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('halPages reads whole collections', () => {
  it.each([
    ['empty', 0, 1],
    ['one partial page', 42, 1],
    ['exactly one full page', 100, 1],
    ['one item over a page', 101, 2],
    ['several pages', 250, 3],
  ])('%s (%i items -> %i pages), every item once and in order', async (_name, total, pages) => {
    const { server, client } = await setup({ total });
    const read = await pagesOf(client);
    expect(read.map((p) => p.page)).toEqual(ids(pages));
    expect(read.flatMap((p) => p.items.map((item) => item.id))).toEqual(ids(total));
    expect(read.every((p) => p.count === total && p.pageCount === pages)).toBe(true);
    expect(server.requests).toHaveLength(pages);
  });

  it('after page 1, requests every remaining ?page=N at once through the shared limit', async () => {
    const { server, client } = await setup({ total: 950 }, { concurrency: 3 });
    // Hold every response a little so concurrent requests overlap at the server.
    const items = await collectAll(halPages<Item>(client, '/example-org/users/', 'users'));
    expect(items.map((item) => item.id)).toEqual(ids(950));
    expect(server.requests.map((r) => r.url).sort()).toEqual(
      ['/v1/example-org/users/', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `/v1/example-org/users/?page=${n}`)].sort(),
    );
    expect(server.maxInFlight()).toBeLessThanOrEqual(3);
  });

  it('requests pages 2..N before consuming page 2 (not one after another)', async () => {
    const { server, client } = await setup({ total: 400 });
    const iterator = halPages<Item>(client, '/example-org/users/', 'users')[Symbol.asyncIterator]();
    await iterator.next(); // page 1
    await iterator.next(); // page 2: by now pages 3 and 4 must have been asked for as well
    await expect.poll(() => server.requests.length).toBe(4);
    await iterator.return?.();
  });

  it('follows next one by one when it is not of the ?page=N form', async () => {
    const cursor = (n: number) => `/example-org/users/?page=${n}&cursor=c${n}`;
    const { server, client } = await setup({
      total: 250,
      alter: (page, body) => ({
        ...body,
        _links: { self: { href: cursor(page) }, ...(page < 3 ? { next: { href: page === 1 ? `/example-org/users/?cursor=c2&page=2&page=2` : cursor(page + 1) } } : {}) },
      }),
    });
    const read = await pagesOf(client);
    expect(read.flatMap((p) => p.items.map((item) => item.id))).toEqual(ids(250));
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/example-org/users/',
      '/v1/example-org/users/?cursor=c2&page=2&page=2',
      '/v1/example-org/users/?page=3&cursor=c3',
    ]);
  });

  it('follows next one by one when asked to', async () => {
    const { server, client } = await setup({ total: 250 });
    const read = await pagesOf(client, { concurrent: false });
    expect(read.flatMap((p) => p.items.map((item) => item.id))).toEqual(ids(250));
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/example-org/users/', '/v1/example-org/users/?page=2', '/v1/example-org/users/?page=3']);
  });

  it('accepts an absolute next link on the same origin', async () => {
    let origin = '';
    const { server, client } = await setup({
      total: 150,
      alter: (page, body) => (page === 1 ? { ...body, _links: { ...body._links, next: { href: `${origin}/v1/example-org/users/?page=2` } } } : body),
    });
    origin = server.origin;
    expect((await collectAll(halPages<Item>(client, '/example-org/users/', 'users'))).length).toBe(150);
  });

  it('retries a page answered 503 and still yields every item', async () => {
    let failed = false;
    const { client, sleeps } = await setup({
      total: 300,
      intercept: (page, response) => {
        if (page !== 2 || failed) return false;
        failed = true;
        json(503, { message: 'busy' })({ method: 'GET', url: '', headers: {}, body: '' }, response, 0);
        return true;
      },
    });
    expect((await collectAll(halPages<Item>(client, '/example-org/users/', 'users'))).map((i) => i.id)).toEqual(ids(300));
    expect(sleeps).toHaveLength(1);
  });

  it('shares one slot between several collections read at once without deadlock', async () => {
    const { server, client } = await setup({ total: 420 }, { concurrency: 1 });
    const all = await Promise.all([1, 2, 3].map(() => collectAll(halPages<Item>(client, '/example-org/users/', 'users'))));
    for (const items of all) expect(items.map((i) => i.id)).toEqual(ids(420));
    expect(server.requests).toHaveLength(15);
    expect(server.maxInFlight()).toBe(1);
  });
});

describe('halPages refuses reads it cannot trust', () => {
  it('a failed page (500 on page 3) makes the iteration throw, never a short collection', async () => {
    const { client } = await setup({
      total: 500,
      intercept: (page, response) => {
        if (page !== 3) return false;
        json(500, { message: 'boom' })({ method: 'GET', url: '', headers: {}, body: '' }, response, 0);
        return true;
      },
    });
    const seen: number[] = [];
    const error = await failure(
      (async () => {
        for await (const page of halPages<Item>(client, '/example-org/users/', 'users')) seen.push(page.page);
      })(),
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 500, path: '/v1/example-org/users/' });
    expect(seen).toEqual([1, 2]);
    await expect(collectAll(halPages(client, '/example-org/users/', 'users'))).rejects.toBeInstanceOf(HttpError);
  });

  it('a failed first page throws too', async () => {
    const { client } = await setup({
      total: 10,
      intercept: (_page, response) => {
        json(403, { message: 'Forbidden' })({ method: 'GET', url: '', headers: {}, body: '' }, response, 0);
        return true;
      },
    });
    await expect(collectAll(halPages(client, '/example-org/users/', 'users'))).rejects.toMatchObject({ status: 403 });
  });

  it.each([
    ['another port', (own: string, other: string) => `${other}/v1/example-org/users/?page=2`],
    ['another scheme', (own: string) => `${own.replace('http:', 'https:')}/v1/example-org/users/?page=2`],
    ['another host', (own: string) => `${own.replace('127.0.0.1', 'localhost')}/v1/example-org/users/?page=2`],
    ['userinfo', (own: string) => `${own.replace('http://', 'http://k:s@')}/v1/example-org/users/?page=2`],
    ['a network-path reference', (_own: string, other: string) => other.replace('http:', '') + '/v1/x'],
  ])('a next link to %s is refused and nothing is sent there', async (_name, make) => {
    const other = await startServer(json(200, { count: 200, users: [] }));
    servers.push(other);
    let own = '';
    const { server, client } = await setup({
      total: 200,
      alter: (page, body) => (page === 1 ? { ...body, _links: { ...body._links, next: { href: make(own, other.origin) } } } : body),
    });
    own = server.origin;
    await expect(collectAll(halPages(client, '/example-org/users/', 'users'))).rejects.toBeInstanceOf(ForeignLinkError);
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  it('a foreign next link on a later page is refused too', async () => {
    const { server, client } = await setup({
      total: 300,
      alter: (page, body) => {
        const links = { ...body._links };
        if (page === 1) links.next = { href: '/example-org/users/?cursor=2' }; // not ?page=N: followed
        if (page === 2) links.next = { href: 'http://evil.example/v1/example-org/users/?page=3' };
        return { ...body, _links: links };
      },
    });
    await expect(collectAll(halPages(client, '/example-org/users/', 'users'))).rejects.toBeInstanceOf(ForeignLinkError);
    expect(server.requests).toHaveLength(2);
  });

  function withNext(next: (page: number) => string | undefined) {
    return (page: number, body: HalBody): HalBody => {
      const target = next(page);
      const { next: _drop, ...rest } = body._links;
      return { ...body, _links: target === undefined ? rest : { ...rest, next: { href: target } } };
    };
  }

  it.each([
    ['page 1 links to itself', withNext(() => '/example-org/users/'), 'loop'],
    ['page 1 links to itself with another trailing slash', withNext(() => '/example-org/users'), 'loop'],
    ['page 3 links back to page 2', withNext((p) => (p === 1 ? '/example-org/users/?c=2' : p === 2 ? '/example-org/users/?c=3' : '/example-org/users/?c=2')), 'loop'],
  ] as const)('%s: loop', async (_name, alter, problem) => {
    const { server, client } = await setup({ total: 400, alter });
    const error = await failure(collectAll(halPages(client, '/example-org/users/', 'users')));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ problem, collection: '/example-org/users/' });
    expect(server.requests.length).toBeLessThanOrEqual(4);
  });

  it.each([
    ['?page=N form', true],
    ['followed one by one', false],
  ])('more pages than count allows (%s)', async (_name, concurrent) => {
    // count 150 at 100 per page means 2 pages, but page 2 still links to a page 3.
    const { server, client } = await setup({
      total: 150,
      alter: withNext((p) => `/example-org/users/?page=${p + 1}`),
    });
    const error = await failure(collectAll(halPages(client, '/example-org/users/', 'users', { concurrent })));
    expect(error).toMatchObject({ problem: 'too-many-pages' });
    expect(server.requests).toHaveLength(2);
  });

  it('page 1 with a next link although count fits in one page', async () => {
    const { client } = await setup({ total: 100, alter: withNext(() => '/example-org/users/?page=2') });
    await expect(collectAll(halPages(client, '/example-org/users/', 'users'))).rejects.toMatchObject({ problem: 'too-many-pages' });
  });

  it('a never-ending chain stops at maxPages', async () => {
    let n = 0;
    const { server, client } = await setup({
      total: 100_000,
      // Cursors from 2 on: distinct pages (cursor 1 would serve page 1's items again).
      alter: withNext(() => `/example-org/users/?cursor=${++n + 1}`),
    });
    await expect(collectAll(halPages(client, '/example-org/users/', 'users', { maxPages: 5 }))).rejects.toMatchObject({ problem: 'too-many-pages' });
    expect(server.requests).toHaveLength(5);
  });

  it.each([
    ['?page=N form', true],
    ['followed one by one', false],
  ])('more items than count (%s)', async (_name, concurrent) => {
    const { client } = await setup({
      total: 150,
      alter: (page, body) => (page === 2 ? { ...body, users: ids(100).map((id) => ({ id: id + 100 })) } : body),
    });
    await expect(collectAll(halPages(client, '/example-org/users/', 'users', { concurrent }))).rejects.toMatchObject({ problem: 'too-many-items' });
  });

  it('more items than count on a single page', async () => {
    const { client } = await setup({ total: 5, alter: (_page, body) => ({ ...body, count: 3 }) });
    await expect(collectAll(halPages(client, '/example-org/users/', 'users'))).rejects.toMatchObject({ problem: 'too-many-items' });
  });

  it.each([
    ['?page=N form', true],
    ['followed one by one', false],
  ])('fewer items than count (%s)', async (_name, concurrent) => {
    const { client } = await setup({
      total: 250,
      alter: (page, body) => (page === 3 ? { ...body, users: [] } : body),
    });
    await expect(collectAll(halPages(client, '/example-org/users/', 'users', { concurrent }))).rejects.toMatchObject({ problem: 'too-few-items' });
  });

  it.each([
    ['?page=N form', true],
    ['followed one by one', false],
  ])('count that changes between pages (%s)', async (_name, concurrent) => {
    const { client } = await setup({
      total: 250,
      alter: (page, body) => (page === 2 ? { ...body, count: 251 } : body),
    });
    await expect(collectAll(halPages(client, '/example-org/users/', 'users', { concurrent }))).rejects.toMatchObject({ problem: 'count-changed' });
  });

  it.each([
    // Page 2 repeats item 7 of page 1 and leaves out item 150: every count still adds up.
    ['?page=N form', true, 2, (page: number, body: HalBody): HalBody => (page === 2 ? { ...body, users: [...ids(49).map((id) => ({ id: id + 100 })), { id: 7 }] } : body)],
    ['followed one by one', false, 2, (page: number, body: HalBody): HalBody => (page === 2 ? { ...body, users: [...ids(49).map((id) => ({ id: id + 100 })), { id: 7 }] } : body)],
    ['the id as a string', true, 2, (page: number, body: HalBody): HalBody => (page === 2 ? { ...body, users: [...ids(49).map((id) => ({ id: id + 100 })), { id: '7' }] } : body)],
    ['twice on one page', true, 1, (page: number, body: HalBody): HalBody => (page === 1 ? { ...body, users: [...ids(99).map((id) => ({ id })), { id: 7 }] } : { ...body, users: [...ids(49).map((id) => ({ id: id + 100 })), { id: 100 }] })],
  ])('an item repeated across pages fails the read even when count adds up (%s)', async (_name, concurrent, page, alter) => {
    const { client } = await setup({ total: 150, alter });
    const error = await failure(collectAll(halPages(client, '/example-org/users/', 'users', { concurrent })));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ problem: 'repeated-item', collection: '/example-org/users/' });
    expect(error.message).toContain(`page ${page} repeats id "7"`);
  });

  it.each([
    ['no items array', (_p: number, body: HalBody): HalBody => ({ _links: body._links, count: body.count })],
    ['a string count', (_p: number, body: HalBody): HalBody => ({ ...body, count: '2,' as unknown as number })],
    ['a next link without href', (_p: number, body: HalBody): HalBody => ({ ...body, _links: { ...body._links, next: {} as { href: string } } })],
    ['an empty page 1 with a next link', (_p: number, body: HalBody): HalBody => ({ ...body, users: [] })],
  ])('a page with %s is a bad-shape error', async (_name, alter) => {
    const { client } = await setup({ total: 150, alter });
    await expect(collectAll(halPages(client, '/example-org/users/', 'users'))).rejects.toMatchObject({ problem: 'bad-shape' });
  });

  it('an array body is a bad-shape error', async () => {
    const server = await startServer(json(200, []));
    servers.push(server);
    const { client } = testClient(server.origin);
    clients.push(client);
    await expect(collectAll(halPages(client, '/example-org/users/', 'users'))).rejects.toMatchObject({ problem: 'bad-shape' });
  });
});
