import { describe, expect, it } from 'vitest';
import { applyChangeToLive } from '../../../src/providers/grafana/live-after-change.js';
import type { GrafanaLive } from '../../../src/providers/grafana/live-state.js';
import type { GrafanaOperation } from '../../../src/providers/grafana/operation.js';
import { liveInstance } from './live-fixture.js';

/**
 * Users admin 1 (the acting user), alice 2, bob 3, carol 4. Org Main (1): admin Admin, alice
 * Editor, bob Viewer; teams SRE (100) [alice, bob], Ops (101) [bob]; folder f: SRE Edit, carol
 * View, role Viewer View; dashboard d: Ops View, bob Edit. Org Other (2): admin Admin, carol Viewer.
 */
const base = () =>
  liveInstance({
    users: ['alice', 'bob', 'carol'],
    orgs: {
      Main: {
        users: { admin: 'Admin', alice: 'Editor', bob: 'Viewer' },
        teams: { SRE: ['alice', 'bob'], Ops: ['bob'] },
        folders: {
          f: [
            { principal: { team: 'SRE' }, permission: 'Edit' },
            { principal: { user: 'carol' }, permission: 'View' },
            { principal: { role: 'Viewer' }, permission: 'View' },
          ],
        },
        dashboards: { d: [{ principal: { team: 'Ops' }, permission: 'View' }, { principal: { user: 'bob' }, permission: 'Edit' }] },
      },
      Other: { users: { admin: 'Admin', carol: 'Viewer' } },
    },
  });

/** Each org as people read it: roles, team members, and each list as `principal permission`. */
function view(live: GrafanaLive) {
  const list = (items: GrafanaLive['orgs'][number]['folders']) =>
    Object.fromEntries((items ?? []).map((t) => [t.uid, t.items.map(({ principal: p, permission }) => `${'team' in p ? `team:${p.team}` : 'user' in p ? `user:${p.user}` : `role:${p.role}`} ${permission}`)]));
  return Object.fromEntries(
    live.orgs.map((org) => [
      org.name,
      {
        users: Object.fromEntries((org.users ?? []).map((u): [string, string] => [u.login, u.role])),
        teams: Object.fromEntries((org.teams ?? []).map((t) => [t.name, t.members.map((m) => m.login)])),
        folders: list(org.folders),
        dashboards: list(org.dashboards),
      },
    ]),
  );
}
type OrgView = ReturnType<typeof view>[string];

const MAIN: OrgView = {
  users: { admin: 'Admin', alice: 'Editor', bob: 'Viewer' },
  teams: { SRE: ['alice', 'bob'], Ops: ['bob'] },
  folders: { f: ['team:SRE Edit', 'user:carol View', 'role:Viewer View'] },
  dashboards: { d: ['team:Ops View', 'user:bob Edit'] },
};
const OTHER: OrgView = { users: { admin: 'Admin', carol: 'Viewer' }, teams: {}, folders: {}, dashboards: {} };
const EMPTY_ORG = (users: Record<string, string>): OrgView => ({ users, teams: {}, folders: {}, dashboards: {} });

describe('applyChangeToLive (Grafana): one operation of every kind, as Grafana would leave the instance', () => {
  const cases: [name: string, operation: GrafanaOperation, orgs: Record<string, OrgView>][] = [
    ['createOrg: the acting user becomes its Admin', { op: 'createOrg', name: 'New' }, { Main: MAIN, Other: OTHER, New: EMPTY_ORG({ admin: 'Admin' }) }],
    ['createOrg of a name that exists changes nothing', { op: 'createOrg', name: 'Other' }, { Main: MAIN, Other: OTHER }],
    ['renameOrg', { op: 'renameOrg', orgId: 2, name: 'Renamed' }, { Main: MAIN, Renamed: OTHER }],
    ['deleteOrg', { op: 'deleteOrg', orgId: 2 }, { Main: MAIN }],
    ['addOrgUser', { op: 'addOrgUser', org: { id: 2 }, userId: 2, login: 'alice', role: 'Editor' }, { Main: MAIN, Other: { ...OTHER, users: { admin: 'Admin', carol: 'Viewer', alice: 'Editor' } } }],
    ['addOrgUser to an org by name', { op: 'addOrgUser', org: { name: 'Other' }, userId: 3, login: 'bob', role: 'Admin' }, { Main: MAIN, Other: { ...OTHER, users: { admin: 'Admin', carol: 'Viewer', bob: 'Admin' } } }],
    ['addOrgUser of a member sets their role (the 409 path)', { op: 'addOrgUser', org: { id: 2 }, userId: 4, login: 'carol', role: 'Admin' }, { Main: MAIN, Other: { ...OTHER, users: { admin: 'Admin', carol: 'Admin' } } }],
    ['setOrgRole', { op: 'setOrgRole', orgId: 1, userId: 3, role: 'Admin' }, { Main: { ...MAIN, users: { admin: 'Admin', alice: 'Editor', bob: 'Admin' } }, Other: OTHER }],
    [
      'removeOrgUser: they leave its teams and lose their grants in it',
      { op: 'removeOrgUser', orgId: 1, userId: 3 },
      { Main: { users: { admin: 'Admin', alice: 'Editor' }, teams: { SRE: ['alice'], Ops: [] }, folders: MAIN.folders, dashboards: { d: ['team:Ops View'] } }, Other: OTHER },
    ],
    ['createTeam: without members (the apply takes its creator off)', { op: 'createTeam', org: { id: 1 }, name: 'New', email: '', creatorId: 1 }, { Main: { ...MAIN, teams: { ...MAIN.teams, New: [] } }, Other: OTHER }],
    ['createTeam in an org created earlier, by name', { op: 'createTeam', org: { name: 'Other' }, name: 'New', email: '' }, { Main: MAIN, Other: { ...OTHER, teams: { New: [] } } }],
    ['createTeam of a name that exists changes nothing', { op: 'createTeam', org: { id: 1 }, name: 'SRE', email: '' }, { Main: MAIN, Other: OTHER }],
    [
      'updateTeam renames the team and the entries that name it',
      { op: 'updateTeam', orgId: 1, teamId: 100, name: 'Platform', email: '' },
      { Main: { ...MAIN, teams: { Platform: ['alice', 'bob'], Ops: ['bob'] }, folders: { f: ['team:Platform Edit', 'user:carol View', 'role:Viewer View'] } }, Other: OTHER },
    ],
    ['updateTeam of its email only', { op: 'updateTeam', orgId: 1, teamId: 100, name: 'SRE', email: 'sre@example.com' }, { Main: MAIN, Other: OTHER }],
    ['deleteTeam takes its entries with it', { op: 'deleteTeam', orgId: 1, teamId: 101 }, { Main: { ...MAIN, teams: { SRE: ['alice', 'bob'] }, dashboards: { d: ['user:bob Edit'] } }, Other: OTHER }],
    ['addTeamMember', { op: 'addTeamMember', team: { orgId: 1, id: 101 }, userId: 2 }, { Main: { ...MAIN, teams: { ...MAIN.teams, Ops: ['bob', 'alice'] } }, Other: OTHER }],
    ['addTeamMember of someone outside the org (Grafana allows it)', { op: 'addTeamMember', team: { org: { id: 1 }, name: 'Ops' }, userId: 4 }, { Main: { ...MAIN, teams: { ...MAIN.teams, Ops: ['bob', 'carol'] } }, Other: OTHER }],
    ['addTeamMember to a team that does not exist changes nothing', { op: 'addTeamMember', team: { org: { id: 1 }, name: 'Nowhere' }, userId: 2 }, { Main: MAIN, Other: OTHER }],
    ['removeTeamMember', { op: 'removeTeamMember', orgId: 1, teamId: 100, userId: 3 }, { Main: { ...MAIN, teams: { ...MAIN.teams, SRE: ['alice'] } }, Other: OTHER }],
    [
      'setPermissions replaces the whole list: teams by id or name, users by id, roles',
      {
        op: 'setPermissions',
        org: { id: 1 },
        kind: 'folders',
        uid: 'f',
        items: [
          { principal: { team: { orgId: 1, id: 101 } }, permission: 'Admin' },
          { principal: { team: { org: { id: 1 }, name: 'SRE' } }, permission: 'View' },
          { principal: { userId: 2 }, permission: 'Edit' },
          { principal: { role: 'Editor' }, permission: 'Edit' },
        ],
      },
      { Main: { ...MAIN, folders: { f: ['team:Ops Admin', 'team:SRE View', 'user:alice Edit', 'role:Editor Edit'] } }, Other: OTHER },
    ],
    ['setPermissions to an empty list', { op: 'setPermissions', org: { id: 1 }, kind: 'dashboards', uid: 'd', items: [] }, { Main: { ...MAIN, dashboards: { d: [] } }, Other: OTHER }],
    ['setPermissions of an object that does not exist changes nothing', { op: 'setPermissions', org: { id: 1 }, kind: 'dashboards', uid: 'nope', items: [] }, { Main: MAIN, Other: OTHER }],
    ['an operation on an org that does not exist changes nothing', { op: 'setOrgRole', orgId: 9, userId: 2, role: 'Admin' }, { Main: MAIN, Other: OTHER }],
  ];

  it('covers every operation kind', () => {
    const kinds: Record<GrafanaOperation['op'], true> = {
      createOrg: true, renameOrg: true, deleteOrg: true, addOrgUser: true, setOrgRole: true, removeOrgUser: true,
      createTeam: true, updateTeam: true, deleteTeam: true, addTeamMember: true, removeTeamMember: true, setPermissions: true,
    };
    expect(new Set(cases.map(([, operation]) => operation.op))).toEqual(new Set(Object.keys(kinds)));
  });

  it.each(cases)('%s', (_name, operation, orgs) => {
    const live = base();
    const before = structuredClone(live);
    expect(view(applyChangeToLive(live, { operation }))).toEqual(orgs);
    expect(live).toEqual(before); // the input is never changed
  });

  it('gives what it creates ids no live object has, and keeps the team email', () => {
    const after = applyChangeToLive(base(), { operation: { op: 'createTeam', org: { id: 2 }, name: 'T', email: 't@example.com' } });
    expect(after.orgs[1]!.teams).toEqual([{ id: -1, name: 'T', email: 't@example.com', members: [] }]);
    expect(applyChangeToLive(base(), { operation: { op: 'createOrg', name: 'N' } }).orgs.at(-1)!.id).toBe(-1);
  });

  it('shares what the change does not touch', () => {
    const live = base();
    const after = applyChangeToLive(live, { operation: { op: 'setOrgRole', orgId: 2, userId: 4, role: 'Editor' } });
    expect(after.orgs[0]).toBe(live.orgs[0]);
    expect(after.users).toBe(live.users);
  });
});
