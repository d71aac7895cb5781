import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../src/http/client.js';
import { readChartioLive } from '../../../src/providers/chartio/read-live.js';
import { startChartioSim, type ChartioSim } from '../../../src/sim/chartio/server.js';

interface SimState {
  users: { id: number; email: string; team_ids: number[] }[];
  teams: { id: number; name: string; is_owner: boolean; member_ids: number[] }[];
  dashboards: { id: number; slug: string; link_sharing_access: string; permissions: { id: number; team_id?: number; user_id?: number; access_level: string }[] }[];
  datasources: { id: number; slug: string; alias: string; permissions: { id: number; team_id?: number; user_id?: number; access_level: string }[] }[];
}

const started: { sim: ChartioSim; client: HttpClient }[] = [];
afterEach(async () => {
  for (const { sim, client } of started.splice(0)) {
    await client.close();
    await sim.close();
  }
});

async function setup(options: Parameters<typeof startChartioSim>[0] = {}, maxAttempts = 5) {
  const sim = await startChartioSim({ credentials: 'read-key:read-secret', ...options });
  const client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'read-key', password: 'read-secret' }, maxAttempts, sleep: async () => {} });
  started.push({ sim, client });
  return { sim, client, state: sim.store.toJSON() as SimState };
}

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

describe('readChartioLive against the simulator', () => {
  it('reads every team, member, user and permission exactly as the org holds them, across many pages', async () => {
    const { sim, client, state } = await setup({ generate: 'small', pageSize: 3 });
    const live = await readChartioLive(client, 'example-org', { dashboards: 'all', datasources: 'all' });

    const email = (id: number) => state.users.find((u) => u.id === id)!.email;
    expect(live.teams.map((t) => [t.id, t.name, t.isOwner, t.members.map((m) => m.email).sort()])).toEqual(
      state.teams.map((t) => [t.id, t.name, t.is_owner, t.member_ids.map(email).sort()]),
    );
    expect(live.users.map((u) => [u.id, u.email, [...u.teamIds].sort()])).toEqual(state.users.map((u) => [u.id, u.email, u.team_ids]));
    const permissions = (list: SimState['dashboards'][number]['permissions']) =>
      list.map((p) => [p.id, p.team_id !== undefined ? `team:${p.team_id}` : `user:${p.user_id}`, p.access_level]);
    expect(live.dashboards.map((d) => [d.id, d.slug, d.permissions!.map((p) => [p.id, `${p.principal.type}:${p.principal.id}`, p.level])])).toEqual(
      state.dashboards.map((d) => [d.id, d.slug, permissions(d.permissions)]),
    );
    expect(live.dashboards.map((d) => [d.slug, d.linkSharing])).toEqual(state.dashboards.map((d) => [d.slug, d.link_sharing_access]));
    expect(live.datasources.map((d) => [d.slug, d.alias, d.permissions!.length])).toEqual(
      state.datasources.map((d) => [d.slug, d.alias, d.permissions.length]),
    );

    // The fewest requests the API allows: every page of the four collections, then every permission list's pages.
    const minimum =
      pages(state.teams.length, 3) +
      pages(state.users.length, 3) +
      pages(state.dashboards.length, 3) +
      pages(state.datasources.length, 3) +
      state.dashboards.reduce((n, d) => n + pages(d.permissions.length, 3), 0) +
      state.datasources.reduce((n, d) => n + pages(d.permissions.length, 3), 0);
    expect(sim.requests.list().length).toBe(minimum);
  });

  it('asks for a dashboard\'s permissions as soon as the page naming it arrives, not after every collection', async () => {
    const sim = await startChartioSim({ credentials: 'read-key:read-secret', generate: 'small', pageSize: 3 });
    // One request at a time, so the simulator's log is the order the client sent them in.
    const client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'read-key', password: 'read-secret' }, concurrency: 1 });
    started.push({ sim, client });
    await readChartioLive(client, 'example-org', { dashboards: 'all', datasources: 'all' });
    const paths = sim.requests.list().map((r) => r.path);
    const firstPermissions = paths.findIndex((p) => p.includes('/permissions'));
    const lastDashboardsPage = paths.findLastIndex((p) => /\/dashboards\/?\?page=/.test(p));
    expect(firstPermissions).toBeGreaterThan(0);
    expect(lastDashboardsPage).toBeGreaterThan(firstPermissions);
  });

  it('reads only the listed dashboards\' and datasources\' permissions', async () => {
    const { sim, client, state } = await setup({ generate: 'small' });
    const listed = state.dashboards[1]!;
    const live = await readChartioLive(client, 'example-org', { dashboards: [{ slug: listed.slug }], datasources: [{ slug: 'nope', id: state.datasources[0]!.id }] });
    expect(live.dashboards.filter((d) => d.permissions).map((d) => d.slug)).toEqual([listed.slug]);
    expect(live.datasources.filter((d) => d.permissions).map((d) => d.id)).toEqual([state.datasources[0]!.id]);
    const permissionReads = sim.requests.list().filter((r) => r.path.includes('/permissions'));
    expect(permissionReads.map((r) => r.path)).toEqual(
      expect.arrayContaining([`/v1/example-org/dashboards/${listed.id}/permissions`, `/v1/example-org/datasources/${state.datasources[0]!.id}/permissions`]),
    );
    expect(permissionReads).toHaveLength(2);
  });

  it('fails the whole read when a page fails, instead of returning part of the org', async () => {
    // Every request fails with a 500 with probability 0.3 (seeded); with no retries some page must fail.
    const { client } = await setup({ generate: 'small', pageSize: 2, faults: '500:0.3', seed: 7 }, 1);
    await expect(readChartioLive(client, 'example-org', { dashboards: 'all', datasources: 'all' })).rejects.toThrow(/-> 500: Simulated fault/);
  });

  it('reports progress as pages arrive', async () => {
    const { client } = await setup({ generate: 'small', pageSize: 5 });
    const seen: [number, number][] = [];
    await readChartioLive(client, 'example-org', { dashboards: [], datasources: [] }, (done, expected) => seen.push([done, expected]));
    expect(seen.length).toBeGreaterThan(4);
    const last = seen.at(-1)!;
    expect(last[0]).toBe(last[1]);
    for (const [done, expected] of seen) expect(done).toBeLessThanOrEqual(expected);
  });
});

describe('readChartioLive: names in answers must be strings, link sharing one of the seed\'s levels', () => {
  it.each([
    ['a team name that is a number', '/teams', (body: { teams: { name: unknown }[] }) => (body.teams[0]!.name = 42), /GET \/example-org\/teams: the answer's teams\[\]\.name 42 is not a string/],
    ['a user email that is an object', '/users', (body: { users: { email: unknown }[] }) => (body.users[0]!.email = { x: 1 }), /GET \/example-org\/users: the answer's users\[\]\.email \{"x":1\} is not a string/],
    [
      'a link_sharing_access outside none, viewer, editor',
      '/dashboards',
      (body: { dashboards: { link_sharing_access: unknown }[] }) => (body.dashboards[0]!.link_sharing_access = 'public'),
      /GET \/example-org\/dashboards: the answer's dashboards\[\]\.link_sharing_access "public" is not one of none, viewer, editor/,
    ],
  ])('%s fails the read, naming the request and the value', async (_name, suffix, mutate, message) => {
    const { sim } = await setup({
      data: { org: 'example-org', users: [{ email: 'o@example.com' }], teams: [{ name: 'Owners', members: ['o@example.com'] }], dashboards: [{ slug: 'd', link_sharing_access: 'viewer' }] },
    });
    const { startFaultProxy } = await import('../../helpers/fault-proxy.js');
    const proxy = await startFaultProxy(sim.url, (req) =>
      (req.url ?? '').split('?')[0]!.replace(/\/$/, '').endsWith(suffix) ? { rewrite: (text) => JSON.stringify(((body) => (mutate(body as never), body))(JSON.parse(text))) } : 'pass',
    );
    const client = new HttpClient({ baseUrl: proxy.url, auth: { kind: 'basic', user: 'read-key', password: 'read-secret' }, sleep: async () => {} });
    try {
      await expect(readChartioLive(client, 'example-org', { dashboards: 'all', datasources: 'all' })).rejects.toThrow(message);
    } finally {
      await client.close();
      await proxy.close();
    }
  });
});
