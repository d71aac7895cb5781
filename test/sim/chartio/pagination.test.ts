import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartioSim } from '../../../src/sim/chartio/server.js';
import { startChartioSim } from '../../../src/sim/chartio/server.js';
import { call } from './helpers.js';

/**
 * Seed: every collection is paginated (`?page=N`), every page carries `count` (the whole
 * collection) and `_links.self/next/previous`; hrefs are relative to the API root.
 */
const USERS = 307;
const TEAMS = 203;
const DASHBOARDS = 251;
const PAGE = 25;

function bigOrg() {
  const users = Array.from({ length: USERS }, (_, i) => ({ email: `user${i + 1}@example.com` }));
  const teams = [
    { name: 'Owners', members: ['user1@example.com'] },
    ...Array.from({ length: TEAMS - 1 }, (_, i) => ({
      name: `Team ${i + 2}`,
      // Every user lands in exactly one non-owner team.
      members: users.filter((_, u) => u % (TEAMS - 1) === i && u !== 0).map((x) => x.email),
    })),
  ];
  const manyPermissions = teams.slice(1, 121).map((t) => ({ team: t.name, access_level: 'viewer' }));
  return {
    users,
    teams,
    dashboards: Array.from({ length: DASHBOARDS }, (_, i) => ({
      slug: `dash-${i + 1}`,
      permissions: i === 0 ? manyPermissions : [],
    })),
    datasources: Array.from({ length: 60 }, (_, i) => ({
      slug: `ds-${i + 1}`,
      permissions: i === 0 ? manyPermissions.slice(0, 55).map((p) => ({ ...p, access_level: 'editor' })) : [],
    })),
  };
}

interface Walked {
  ids: number[];
  pages: number;
}

/** Follows `next` from page 1, checking each page's links against its neighbours. */
async function walk(sim: ChartioSim, path: string, key: string, expectedCount: number): Promise<Walked> {
  const ids: number[] = [];
  let href: string | undefined = path;
  let previousSelf: string | undefined;
  let pages = 0;
  while (href !== undefined) {
    pages++;
    expect(pages).toBeLessThan(100); // bounded loop
    const res = await call(sim, 'GET', href);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(expectedCount);
    const items = res.body[key] as Array<{ id: number }>;
    expect(items.length).toBeLessThanOrEqual(PAGE);
    ids.push(...items.map((i) => i.id));
    const links = res.body._links;
    expect(links.self.href).toBe(pages === 1 ? path : `${path}?page=${pages}`);
    if (pages === 1) expect(links.previous).toBeUndefined();
    else expect(links.previous.href).toBe(previousSelf === path ? `${path}?page=1` : previousSelf);
    if (links.next) {
      expect(items.length).toBe(PAGE);
      expect(links.next.href).toBe(`${path}?page=${pages + 1}`);
    }
    previousSelf = links.self.href;
    href = links.next?.href;
  }
  return { ids, pages };
}

describe('pagination over every collection', () => {
  let sim: ChartioSim;
  beforeAll(async () => {
    sim = await startChartioSim({ data: bigOrg(), pageSize: PAGE });
  });
  afterAll(async () => {
    await sim.close();
  });

  const collections: Array<[string, string, string, number]> = [
    ['users', '/example-org/users/', 'users', USERS],
    ['teams', '/example-org/teams/', 'teams', TEAMS],
    ['dashboards', '/example-org/dashboards/', 'dashboards', DASHBOARDS],
    ['datasources', '/example-org/datasources/', 'datasources', 60],
    ['dashboard permissions', '/example-org/dashboards/1/permissions/', 'permissions', 120],
    ['datasource permissions', '/example-org/datasources/1/permissions/', 'permissions', 55],
  ];

  it.each(collections)('%s: each item exactly once, next/previous consistent, last page without next', async (_n, path, key, count) => {
    const { ids, pages } = await walk(sim, path, key, count);
    expect(pages).toBe(Math.ceil(count / PAGE));
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids); // stable id order
  });

  it('walks backwards along previous links to page 1', async () => {
    const last = Math.ceil(USERS / PAGE);
    let href: string | undefined = `/example-org/users/?page=${last}`;
    const seen: number[] = [];
    for (let i = 0; href !== undefined && i < 100; i++) {
      const res = await call(sim, 'GET', href);
      expect(res.status).toBe(200);
      seen.unshift(...res.body.users.map((u: { id: number }) => u.id));
      href = res.body._links.previous?.href;
    }
    expect(seen).toEqual(Array.from({ length: USERS }, (_, i) => i + 1));
  });

  it('reflects writes in count and on later pages', async () => {
    const created = await call(sim, 'POST', '/example-org/users', { body: { email: 'late@example.com', team: { id: 2 } } });
    expect(created.status).toBe(201);
    const { ids } = await walk(sim, '/example-org/users/', 'users', USERS + 1);
    expect(ids.at(-1)).toBe(created.body.id);
    expect((await call(sim, 'DELETE', `/example-org/users/${created.body.id}`)).status).toBe(204);
  });

  it('an empty collection is one page with count 0', async () => {
    const res = await call(sim, 'GET', '/example-org/dashboards/2/permissions');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ _links: { self: { href: '/example-org/dashboards/2/permissions/' } }, count: 0, permissions: [] });
  });

  it('defaults to 100 per page (seed)', async () => {
    const plain = await startChartioSim({ data: bigOrg() });
    try {
      const res = await call(plain, 'GET', '/example-org/users');
      expect(res.body.users).toHaveLength(100);
      expect(res.body._links.next.href).toBe('/example-org/users/?page=2');
    } finally {
      await plain.close();
    }
  });
});
