import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../src/http/client.js';
import { applyChartioOperation } from '../../../src/providers/chartio/apply-operation.js';
import { CreatedIds } from '../../../src/providers/chartio/created-ids.js';
import type { ChartioOperation } from '../../../src/providers/chartio/operation.js';
import { startChartioSim, type ChartioSim } from '../../../src/sim/chartio/server.js';
import { startFaultProxy, type FaultProxy, type ProxyDecision } from '../../helpers/fault-proxy.js';

interface SimState {
  users: { id: number; email: string; team_ids: number[] }[];
  teams: { id: number; name: string; member_ids: number[] }[];
  dashboards: { id: number; slug: string; permissions: { id: number; team_id?: number; user_id?: number; access_level: string }[] }[];
  datasources: { id: number; slug: string; alias: string; permissions: { id: number; team_id?: number; user_id?: number; access_level: string }[] }[];
}

const DATA = {
  users: [{ email: 'owner@example.com' }, { email: 'a@example.com' }, { email: 'b@example.com' }],
  teams: [
    { name: 'Owners', members: ['owner@example.com'] },
    { name: 'Sales', members: ['a@example.com', 'b@example.com'] },
    { name: 'Ops', members: ['b@example.com'] },
  ],
  dashboards: [{ slug: 'd', permissions: [{ team: 'Sales', access_level: 'viewer' }] }],
  datasources: [{ slug: 'dw', alias: 'DW', permissions: [{ team: 'Ops', access_level: 'editor' }] }],
};
// Ids as the simulator assigns them in order: users 1-3, teams 1-3, dashboard 1, datasource 1, permissions 1.

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function setup(baseUrl?: (sim: ChartioSim) => Promise<string>) {
  const sim = await startChartioSim({ credentials: 'apply-key:apply-secret', data: DATA });
  cleanup.push(() => sim.close());
  const url = baseUrl ? await baseUrl(sim) : sim.url;
  const client = new HttpClient({ baseUrl: url, auth: { kind: 'basic', user: 'apply-key', password: 'apply-secret' }, sleep: async () => {} });
  cleanup.push(() => client.close());
  const state = () => sim.store.toJSON() as SimState;
  const apply = (operation: ChartioOperation, created = new CreatedIds()) => applyChartioOperation(client, 'example-org', operation, created);
  return { sim, client, state, apply };
}

const teamNamed = (state: SimState, name: string) => state.teams.find((t) => t.name === name);
const userNamed = (state: SimState, email: string) => state.users.find((u) => u.email === email);

describe('applyChartioOperation: each operation against the simulator', () => {
  it.each<{ name: string; operation: ChartioOperation; check: (state: SimState) => unknown; expected: unknown }>([
    { name: 'createTeam', operation: { op: 'createTeam', name: 'New' }, check: (s) => teamNamed(s, 'New')?.member_ids, expected: [] },
    { name: 'renameTeam', operation: { op: 'renameTeam', teamId: 3, name: 'Operations' }, check: (s) => teamNamed(s, 'Operations')?.id, expected: 3 },
    {
      name: 'createUser into a team',
      operation: { op: 'createUser', email: 'new@example.com', team: { id: 2 } },
      check: (s) => userNamed(s, 'new@example.com')?.team_ids,
      expected: [2],
    },
    { name: 'addMember by id', operation: { op: 'addMember', team: { id: 3 }, user: { id: 2 } }, check: (s) => teamNamed(s, 'Ops')?.member_ids.sort(), expected: [2, 3] },
    {
      name: 'addMember by email',
      operation: { op: 'addMember', team: { name: 'Ops' }, user: { email: 'a@example.com' } },
      check: (s) => teamNamed(s, 'Ops')?.member_ids.sort(),
      expected: [2, 3],
    },
    { name: 'removeMember', operation: { op: 'removeMember', teamId: 2, userId: 3 }, check: (s) => teamNamed(s, 'Sales')?.member_ids, expected: [2] },
    {
      name: 'deleteUser',
      operation: { op: 'deleteUser', userId: 2 },
      check: (s) => s.users.map((u) => u.email),
      expected: ['owner@example.com', 'b@example.com'],
    },
    { name: 'deleteTeam', operation: { op: 'deleteTeam', teamId: 3 }, check: (s) => teamNamed(s, 'Ops'), expected: undefined },
    {
      name: 'grant to a team (upsert)',
      operation: { op: 'grant', resource: 'dashboards', resourceId: 1, principal: { team: { id: 3 } }, level: 'admin' },
      check: (s) => s.dashboards[0]!.permissions.map((p) => [p.team_id, p.access_level]),
      expected: [
        [2, 'viewer'],
        [3, 'admin'],
      ],
    },
    {
      name: 'grant to a user found by email',
      operation: { op: 'grant', resource: 'datasources', resourceId: 1, principal: { user: { email: 'A@example.com' } }, level: 'admin' },
      check: (s) => s.datasources[0]!.permissions.map((p) => [p.user_id ?? `team ${p.team_id}`, p.access_level]),
      expected: [
        ['team 3', 'editor'],
        [2, 'admin'],
      ],
    },
    {
      name: 'setLevel',
      operation: { op: 'setLevel', resource: 'dashboards', resourceId: 1, permissionId: 1, level: 'editor' },
      check: (s) => s.dashboards[0]!.permissions[0]!.access_level,
      expected: 'editor',
    },
    { name: 'revoke', operation: { op: 'revoke', resource: 'datasources', resourceId: 1, permissionId: 1 }, check: (s) => s.datasources[0]!.permissions, expected: [] },
    { name: 'setAlias', operation: { op: 'setAlias', datasourceId: 1, alias: 'Data Warehouse' }, check: (s) => s.datasources[0]!.alias, expected: 'Data Warehouse' },
  ])('$name', async ({ operation, check, expected }) => {
    const { state, apply } = await setup();
    await apply(operation);
    expect(check(state())).toEqual(expected);
  });

  it('resolves a team created earlier in the same apply by name', async () => {
    const { state, apply } = await setup();
    const created = new CreatedIds();
    await apply({ op: 'createTeam', name: 'New' }, created);
    await apply({ op: 'createUser', email: 'n@example.com', team: { name: 'New' } }, created);
    await apply({ op: 'grant', resource: 'dashboards', resourceId: 1, principal: { user: { email: 'n@example.com' } }, level: 'viewer' }, created);
    const s = state();
    expect(userNamed(s, 'n@example.com')?.team_ids).toEqual([teamNamed(s, 'New')!.id]);
    expect(s.dashboards[0]!.permissions.some((p) => p.user_id === userNamed(s, 'n@example.com')!.id)).toBe(true);
    expect(created.team('New')).toBe(teamNamed(s, 'New')!.id);
  });

  it('treats "already a member" and "not a member" as done', async () => {
    const { apply } = await setup();
    await expect(apply({ op: 'addMember', team: { id: 2 }, user: { id: 2 } })).resolves.toBeUndefined();
    await expect(apply({ op: 'removeMember', teamId: 3, userId: 2 })).resolves.toBeUndefined();
  });

  it('fails a create that conflicts on its first attempt, with method, path, status and message', async () => {
    const { apply } = await setup();
    await expect(apply({ op: 'createTeam', name: 'Sales' })).rejects.toThrow(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/example-org\/teams -> 409: /);
  });

  it('names a team that cannot be found', async () => {
    const { apply } = await setup();
    await expect(apply({ op: 'addMember', team: { name: 'Ghosts' }, user: { id: 2 } })).rejects.toThrow('team "Ghosts" does not exist in Chartio');
  });
});

describe('a create whose answer is lost', () => {
  it.each([
    { name: 'team', path: /\/teams\/?$/, operation: { op: 'createTeam', name: 'New' } as ChartioOperation, count: (s: SimState) => s.teams.filter((t) => t.name === 'New').length },
    {
      name: 'user',
      path: /\/users\/?$/,
      operation: { op: 'createUser', email: 'n@example.com', team: { id: 2 } } as ChartioOperation,
      count: (s: SimState) => s.users.filter((u) => u.email === 'n@example.com').length,
    },
  ].flatMap((c) => [
    // The first create's answer is lost after the simulator has performed it: the connection
    // drops, or a 500 comes back (the server committed, then failed).
    { ...c, fault: 'lose-answer' as ProxyDecision, how: 'connection lost' },
    { ...c, fault: { status: 500, message: 'internal error', forward: true } as ProxyDecision, how: '500' },
  ]))('creates the $name exactly once and records its id ($how)', async ({ path, operation, count, fault }) => {
    let proxy: FaultProxy | undefined;
    const { state, apply } = await setup(async (sim) => {
      proxy = await startFaultProxy(sim.url, (req) => (req.method === 'POST' && path.test(req.url ?? '') && proxy!.faults() === 0 ? fault : 'pass'));
      cleanup.push(() => proxy!.close());
      return proxy.url;
    });
    const created = new CreatedIds();
    await apply(operation, created);
    expect(proxy!.faults()).toBe(1);
    expect(proxy!.requests().filter((r) => r.startsWith('POST '))).toHaveLength(1);
    expect(count(state())).toBe(1);
    const id = operation.op === 'createTeam' ? created.team('New') : created.user('n@example.com');
    expect(id).toBeGreaterThan(0);
  });
});
