import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaSim, type GrafanaSim } from '../../../src/sim/grafana/server.js';
import { call } from './helpers.js';

/**
 * Every paged endpoint, walked to the end: each item exactly once, `totalCount` right.
 * 1-based (`page` 1 is the first page): /api/users, /api/users/search, /api/teams/search,
 * /api/org/users/search, /api/orgs/:id/users/search, /api/search, /api/folders.
 * 0-based: /api/orgs (Grafana's offset is perpage * page).
 */
const USERS = 137;
const ORGS = 23;
const TEAMS = 61;
const FOLDERS = 45;

function bigData() {
  const users = Array.from({ length: USERS }, (_, i) => ({ login: `user${String(i + 1).padStart(3, '0')}` }));
  const orgs = Array.from({ length: ORGS }, (_, o) => ({
    name: o === 0 ? 'Main Org.' : `Org ${String(o + 1).padStart(2, '0')}`,
    users: [{ user: 'admin', role: 'Admin' }, ...(o === 0 ? users.map((u) => ({ user: u.login, role: 'Viewer' })) : [])],
    teams: o === 0 ? Array.from({ length: TEAMS }, (_, t) => ({ name: `Team ${t + 1}` })) : [],
    folders: o === 0 ? Array.from({ length: FOLDERS }, (_, f) => ({ title: `Folder ${f + 1}`, dashboards: [{ title: `Dash ${f + 1}` }] })) : [],
  }));
  return { users, orgs };
}

async function walk(sim: GrafanaSim, path: string, base: 0 | 1, perPage: number, items: (body: any) => Array<{ id?: number; userId?: number }>) {
  const seen: number[] = [];
  let totals: number[] = [];
  for (let page = base; ; page++) {
    expect(page).toBeLessThan(200); // bounded
    const sep = path.includes('?') ? '&' : '?';
    const res = await call(sim, 'GET', `${path}${sep}perpage=${perPage}&limit=${perPage}&page=${page}`);
    expect(res.status).toBe(200);
    if (res.body.totalCount !== undefined) totals.push(res.body.totalCount);
    const list = items(res.body);
    expect(list.length).toBeLessThanOrEqual(perPage);
    if (list.length === 0) break;
    seen.push(...list.map((i) => (i.userId ?? i.id) as number));
  }
  totals = [...new Set(totals)];
  return { seen, totals };
}

describe('paging', () => {
  let sim: GrafanaSim;
  beforeAll(async () => {
    sim = await startGrafanaSim({ data: bigData() });
  });
  afterAll(async () => {
    await sim.close();
  });

  it.each([
    ['/api/users', 1, USERS + 1, (b: any) => b],
    ['/api/users/search', 1, USERS + 1, (b: any) => b.users],
    ['/api/teams/search', 1, TEAMS, (b: any) => b.teams],
    ['/api/org/users/search', 1, USERS + 1, (b: any) => b.orgUsers],
    ['/api/orgs/1/users/search', 1, USERS + 1, (b: any) => b.orgUsers],
    ['/api/search', 1, FOLDERS * 2, (b: any) => b],
    ['/api/search?type=dash-folder', 1, FOLDERS, (b: any) => b],
    ['/api/folders', 1, FOLDERS, (b: any) => b],
    ['/api/orgs', 0, ORGS, (b: any) => b],
  ] as const)('%s (base %i): every one of %i items exactly once', async (path, base, total, items) => {
    for (const perPage of [7, 10, 1000]) {
      const { seen, totals } = await walk(sim, path, base, perPage, items);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      if (totals.length > 0) expect(totals).toEqual([total]);
    }
  });

  it('/api/orgs page 1 is the second page, not the first', async () => {
    const first = await call(sim, 'GET', '/api/orgs?perpage=5');
    const zero = await call(sim, 'GET', '/api/orgs?perpage=5&page=0');
    const one = await call(sim, 'GET', '/api/orgs?perpage=5&page=1');
    expect(zero.body).toEqual(first.body);
    const six = await call(sim, 'GET', '/api/orgs?perpage=6');
    expect(first.body).toHaveLength(5);
    expect(one.body[0]).toEqual(six.body[5]);
  });

  it('1-based searches treat page 0 as page 1 and report the page served', async () => {
    const zero = await call(sim, 'GET', '/api/teams/search?perpage=5&page=0');
    const one = await call(sim, 'GET', '/api/teams/search?perpage=5&page=1');
    expect(zero.body).toEqual(one.body);
    expect(one.body).toMatchObject({ page: 1, perPage: 5, totalCount: TEAMS });
  });

  it('--page-size is only the default: a larger perpage is served and echoed (no cap, as in Grafana)', async () => {
    const small = await startGrafanaSim({ data: bigData(), pageSize: 10 });
    try {
      const asked = await call(small, 'GET', '/api/users/search?perpage=1000');
      expect(asked.body).toMatchObject({ perPage: 1000, totalCount: USERS + 1 });
      expect(asked.body.users).toHaveLength(USERS + 1);
      const byDefault = await call(small, 'GET', '/api/users/search');
      expect(byDefault.body).toMatchObject({ perPage: 10 });
      expect(byDefault.body.users).toHaveLength(10);
      expect((await call(small, 'GET', '/api/orgs')).body).toHaveLength(10);
      expect((await call(small, 'GET', '/api/orgs?perpage=100')).body).toHaveLength(ORGS);
    } finally {
      await small.close();
    }
  });
});
