import { describe, expect, it } from 'vitest';
import { applyChangeToLive } from '../../../src/providers/chartio/live-after-change.js';
import type { ChartioLive } from '../../../src/providers/chartio/live-state.js';
import type { ChartioOperation } from '../../../src/providers/chartio/operation.js';
import { liveOrg } from './live-fixture.js';

const OWNER = 'owner@example.com';
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';

/**
 * Teams Owners (100) [owner], Sales (101) [alice, bob], Ops (102) [bob]; users owner 1, alice 2,
 * bob 3, carol 4 (on no team); dashboard d (10): Sales viewer (permission 1000), carol editor
 * (1001); datasource dw (50) alias DW: Ops admin (1002).
 */
const base = () =>
  liveOrg({
    teams: { Owners: [OWNER], Sales: [ALICE, BOB], Ops: [BOB] },
    dashboards: { d: { 'team:Sales': 'viewer', [`user:${CAROL}`]: 'editor' } },
    datasources: { dw: { alias: 'DW', permissions: { 'team:Ops': 'admin' } } },
    extraUsers: [CAROL],
  });

/** Live state as people read it: teams with members, users with their teams, objects with their grants. */
function view(live: ChartioLive) {
  const teamName = (id: number) => live.teams.find((t) => t.id === id)?.name ?? `#${id}`;
  const grants = (object: { permissions?: ChartioLive['dashboards'][number]['permissions'] }) =>
    Object.fromEntries((object.permissions ?? []).map((p) => [p.principal.type === 'team' ? `team:${p.principal.name}` : `user:${p.principal.email}`, p.level]));
  return {
    teams: Object.fromEntries(live.teams.map((t) => [t.name, t.members.map((m) => m.email)])),
    users: Object.fromEntries(live.users.map((u) => [u.email, u.teamIds.map(teamName)])),
    dashboards: Object.fromEntries(live.dashboards.map((d) => [d.slug, grants(d)])),
    datasources: Object.fromEntries(live.datasources.map((d): [string, Record<string, string>] => [d.slug, { alias: d.alias, ...grants(d) }])),
  };
}
type View = ReturnType<typeof view>;

const BASE_VIEW: View = {
  teams: { Owners: [OWNER], Sales: [ALICE, BOB], Ops: [BOB] },
  users: { [OWNER]: ['Owners'], [ALICE]: ['Sales'], [BOB]: ['Sales', 'Ops'], [CAROL]: [] },
  dashboards: { d: { 'team:Sales': 'viewer', [`user:${CAROL}`]: 'editor' } },
  datasources: { dw: { alias: 'DW', 'team:Ops': 'admin' } },
};

describe('applyChangeToLive (Chartio): one operation of every kind, as the API would leave the org', () => {
  const cases: [name: string, operation: ChartioOperation, changed: Partial<View>][] = [
    ['createTeam adds an empty team', { op: 'createTeam', name: 'Support' }, { teams: { ...BASE_VIEW.teams, Support: [] } }],
    ['createTeam of a name that exists changes nothing', { op: 'createTeam', name: 'Sales' }, {}],
    [
      'renameTeam renames the team and the grants that name it',
      { op: 'renameTeam', teamId: 101, name: 'Revenue' },
      {
        teams: { Owners: [OWNER], Revenue: [ALICE, BOB], Ops: [BOB] },
        users: { ...BASE_VIEW.users, [ALICE]: ['Revenue'], [BOB]: ['Revenue', 'Ops'] },
        dashboards: { d: { 'team:Revenue': 'viewer', [`user:${CAROL}`]: 'editor' } },
      },
    ],
    [
      'deleteTeam takes its memberships and grants with it',
      { op: 'deleteTeam', teamId: 101 },
      { teams: { Owners: [OWNER], Ops: [BOB] }, users: { ...BASE_VIEW.users, [ALICE]: [], [BOB]: ['Ops'] }, dashboards: { d: { [`user:${CAROL}`]: 'editor' } } },
    ],
    [
      'createUser creates the user into the team',
      { op: 'createUser', email: 'new@example.com', team: { id: 102 } },
      { teams: { ...BASE_VIEW.teams, Ops: [BOB, 'new@example.com'] }, users: { ...BASE_VIEW.users, 'new@example.com': ['Ops'] } },
    ],
    [
      'createUser into a team created earlier, by name',
      { op: 'createUser', email: 'new@example.com', team: { name: 'Ops' } },
      { teams: { ...BASE_VIEW.teams, Ops: [BOB, 'new@example.com'] }, users: { ...BASE_VIEW.users, 'new@example.com': ['Ops'] } },
    ],
    ['createUser into a team that does not exist changes nothing', { op: 'createUser', email: 'new@example.com', team: { name: 'Nowhere' } }, {}],
    [
      'addMember by user id',
      { op: 'addMember', team: { id: 102 }, user: { id: 4 } },
      { teams: { ...BASE_VIEW.teams, Ops: [BOB, CAROL] }, users: { ...BASE_VIEW.users, [CAROL]: ['Ops'] } },
    ],
    [
      'addMember by email, matched without ASCII case',
      { op: 'addMember', team: { name: 'Ops' }, user: { email: 'Carol@Example.com' } },
      { teams: { ...BASE_VIEW.teams, Ops: [BOB, CAROL] }, users: { ...BASE_VIEW.users, [CAROL]: ['Ops'] } },
    ],
    [
      'addMember by the email of no user yet creates them into the team',
      { op: 'addMember', team: { id: 100 }, user: { email: 'new@example.com' } },
      { teams: { ...BASE_VIEW.teams, Owners: [OWNER, 'new@example.com'] }, users: { ...BASE_VIEW.users, 'new@example.com': ['Owners'] } },
    ],
    ['addMember of a member changes nothing', { op: 'addMember', team: { id: 101 }, user: { id: 2 } }, {}],
    [
      'removeMember',
      { op: 'removeMember', teamId: 101, userId: 3 },
      { teams: { ...BASE_VIEW.teams, Sales: [ALICE] }, users: { ...BASE_VIEW.users, [BOB]: ['Ops'] } },
    ],
    ['removeMember of someone not on the team changes nothing', { op: 'removeMember', teamId: 102, userId: 2 }, {}],
    [
      'deleteUser takes their memberships and direct grants with them',
      { op: 'deleteUser', userId: 4 },
      { users: { [OWNER]: ['Owners'], [ALICE]: ['Sales'], [BOB]: ['Sales', 'Ops'] }, dashboards: { d: { 'team:Sales': 'viewer' } } },
    ],
    [
      'grant to a team',
      { op: 'grant', resource: 'dashboards', resourceId: 10, principal: { team: { id: 102 } }, level: 'editor' },
      { dashboards: { d: { 'team:Sales': 'viewer', [`user:${CAROL}`]: 'editor', 'team:Ops': 'editor' } } },
    ],
    [
      'grant to a principal who holds one replaces it (POST upserts)',
      { op: 'grant', resource: 'dashboards', resourceId: 10, principal: { user: { email: CAROL } }, level: 'admin' },
      { dashboards: { d: { 'team:Sales': 'viewer', [`user:${CAROL}`]: 'admin' } } },
    ],
    [
      'grant on a datasource to a team named by name',
      { op: 'grant', resource: 'datasources', resourceId: 50, principal: { team: { name: 'Sales' } }, level: 'viewer' },
      { datasources: { dw: { alias: 'DW', 'team:Ops': 'admin', 'team:Sales': 'viewer' } } },
    ],
    ['grant to a team that does not exist changes nothing', { op: 'grant', resource: 'dashboards', resourceId: 10, principal: { team: { name: 'Nowhere' } }, level: 'viewer' }, {}],
    ['grant on an object that does not exist changes nothing', { op: 'grant', resource: 'dashboards', resourceId: 99, principal: { team: { id: 101 } }, level: 'viewer' }, {}],
    ['setLevel', { op: 'setLevel', resource: 'dashboards', resourceId: 10, permissionId: 1000, level: 'admin' }, { dashboards: { d: { 'team:Sales': 'admin', [`user:${CAROL}`]: 'editor' } } }],
    ['revoke', { op: 'revoke', resource: 'datasources', resourceId: 50, permissionId: 1002 }, { datasources: { dw: { alias: 'DW' } } }],
    ['setAlias', { op: 'setAlias', datasourceId: 50, alias: 'Warehouse' }, { datasources: { dw: { alias: 'Warehouse', 'team:Ops': 'admin' } } }],
  ];

  it('covers every operation kind', () => {
    const kinds: Record<ChartioOperation['op'], true> = {
      createTeam: true, renameTeam: true, deleteTeam: true, createUser: true, addMember: true, removeMember: true,
      deleteUser: true, grant: true, setLevel: true, revoke: true, setAlias: true,
    };
    expect(new Set(cases.map(([, operation]) => operation.op))).toEqual(new Set(Object.keys(kinds)));
  });

  it.each(cases)('%s', (_name, operation, changed) => {
    const live = base();
    const before = structuredClone(live);
    const after = applyChangeToLive(live, { operation });
    expect(view(after)).toEqual({ ...BASE_VIEW, ...changed });
    expect(live).toEqual(before); // the input is never changed
  });

  it('gives what it creates ids no live object has, and a second creation another one', () => {
    const once = applyChangeToLive(base(), { operation: { op: 'createTeam', name: 'A' } });
    const twice = applyChangeToLive(once, { operation: { op: 'createTeam', name: 'B' } });
    expect(twice.teams.slice(-2).map((t) => t.id)).toEqual([-1, -2]);
    const user = applyChangeToLive(twice, { operation: { op: 'createUser', email: 'n@example.com', team: { name: 'B' } } });
    expect(user.users.at(-1)).toEqual({ id: -1, email: 'n@example.com', teamIds: [-2] });
  });

  it('shares what the change does not touch', () => {
    const live = base();
    const after = applyChangeToLive(live, { operation: { op: 'setAlias', datasourceId: 50, alias: 'X' } });
    expect(after.teams).toBe(live.teams);
    expect(after.dashboards).toBe(live.dashboards);
  });
});
