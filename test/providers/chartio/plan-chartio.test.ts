import { describe, expect, it } from 'vitest';
import { planChartio } from '../../../src/providers/chartio/plan-chartio.js';
import type { ChartioChange } from '../../../src/providers/chartio/plan-context.js';
import { desired, liveOrg } from './live-fixture.js';

const base = { Owners: ['owner@example.com'] };
const summaries = (changes: ChartioChange[]) => changes.map((c) => c.summary);
const byAddress = (changes: ChartioChange[], address: string) => {
  const found = changes.find((c) => c.address === address);
  if (!found) throw new Error(`no change at ${address}; have ${changes.map((c) => c.address).join(', ')}`);
  return found;
};

describe('planChartio: teams and members', () => {
  it('plans nothing when the org matches the file', () => {
    const live = liveOrg({ teams: { ...base, Sales: ['a@example.com'] }, dashboards: { d: { 'team:Sales': 'viewer' } } });
    const plan = planChartio(
      desired({
        teams: { Owners: { members: ['owner@example.com'] }, Sales: { members: ['A@Example.com'] } },
        dashboards: { d: { permissions: { teams: { Sales: 'viewer' } } } },
      }),
      live,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems).toEqual([]);
  });

  it('creates a team, creates a new user into it, and adds an existing user after the team exists', () => {
    const live = liveOrg({ teams: { ...base, Sales: ['bob@example.com'] } });
    const plan = planChartio(
      desired({ teams: { Support: { members: ['new@example.com', 'bob@example.com'] }, Sales: { members: ['bob@example.com', 'new@example.com'] } } }),
      live,
    );
    expect(summaries(plan.changes)).toEqual([
      'create team "Support"',
      'create user new@example.com in team "Support"',
      'add new@example.com to team "Sales"',
      'add bob@example.com to team "Support"',
    ]);
    const createUser = byAddress(plan.changes, 'user[new@example.com]');
    expect(createUser.dependsOn).toEqual(['team[Support]:create']);
    expect(createUser.operation).toEqual({ op: 'createUser', email: 'new@example.com', team: { name: 'Support' } });
    expect(byAddress(plan.changes, 'team[Sales].member[new@example.com]').dependsOn).toEqual(['user[new@example.com]:create']);
    expect(byAddress(plan.changes, 'team[Support].member[bob@example.com]').operation).toEqual({
      op: 'addMember',
      team: { name: 'Support' },
      user: { id: 2 },
    });
  });

  it('renames a team named in `previously:` instead of deleting and re-creating it', () => {
    const live = liveOrg({ teams: { ...base, Growth: ['a@example.com'] } });
    const plan = planChartio(
      desired({ manage: { teams: 'all' }, teams: { Marketing: { previously: ['Growth'], members: ['a@example.com', 'b@example.com'] } } }),
      live,
    );
    expect(summaries(plan.changes)).toEqual([
      'rename team "Growth" to "Marketing"',
      'create user b@example.com in team "Marketing"',
    ]);
    // The team keeps its id, so the new member needs no wait for the rename.
    expect(byAddress(plan.changes, 'user[b@example.com]').operation).toMatchObject({ team: { id: 101 } });
  });

  it('moves a user by adding to the new team before removing from the old one', () => {
    const live = liveOrg({ teams: { ...base, A: ['u@example.com'], B: ['x@example.com'] } });
    const plan = planChartio(desired({ teams: { A: { members: [] }, B: { members: ['x@example.com', 'u@example.com'] } } }), live);
    expect(summaries(plan.changes)).toEqual(['add u@example.com to team "B"', 'remove u@example.com from team "A"']);
    const removal = byAddress(plan.changes, 'team[A].member[u@example.com]');
    expect(removal.dependsOn).toEqual(['team[B].member[u@example.com]:create']);
    expect(removal).toMatchObject({ action: 'delete', reducesAccess: true, principal: 'u@example.com' });
  });

  it('blocks removing a user from their only team under manage.users: keep', () => {
    const live = liveOrg({ teams: { ...base, A: ['u@example.com', 'v@example.com'] } });
    const plan = planChartio(desired({ teams: { A: { members: ['v@example.com'] } } }), live);
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({
      address: 'user[u@example.com]',
      action: 'delete',
      blocked: expect.stringContaining('set manage.users: prune'),
    });
  });

  it('deletes the user instead under manage.users: prune, and plans no separate removal', () => {
    const live = liveOrg({ teams: { ...base, A: ['u@example.com', 'v@example.com'] } });
    const plan = planChartio(
      desired({ manage: { users: 'prune' }, teams: { Owners: { members: ['owner@example.com'] }, A: { members: ['v@example.com'] } } }),
      live,
    );
    expect(summaries(plan.changes)).toEqual(['delete user u@example.com (would be on no team; leaves "A")']);
    expect(plan.changes[0]!.blocked).toBeUndefined();
  });

  it('prunes users named nowhere, but never the last Owner', () => {
    const live = liveOrg({ teams: { ...base, A: ['u@example.com'] } });
    const plan = planChartio(desired({ manage: { users: 'prune' }, teams: {} }), live);
    const owner = byAddress(plan.changes, 'user[owner@example.com]');
    expect(owner.blocked).toMatch(/last member of the Owners team/);
    expect(byAddress(plan.changes, 'user[u@example.com]').blocked).toBeUndefined();
  });

  it('replaces the owners by adding the new owner before removing the old one', () => {
    const live = liveOrg({ teams: { Owners: ['old@example.com'], A: ['old@example.com', 'new@example.com'] } });
    const plan = planChartio(desired({ teams: { Owners: { members: ['new@example.com'] } } }), live);
    expect(summaries(plan.changes)).toEqual(['add new@example.com to team "Owners"', 'remove old@example.com from team "Owners"']);
    expect(plan.changes[1]!.dependsOn).toContain('team[Owners].member[new@example.com]:create');
  });

  it('only adds under manage.members: additive', () => {
    const live = liveOrg({ teams: { ...base, A: ['u@example.com', 'v@example.com'] } });
    const plan = planChartio(desired({ manage: { members: 'additive' }, teams: { A: { members: ['w@example.com'] } } }), live);
    expect(summaries(plan.changes)).toEqual(['create user w@example.com in team "A"']);
  });

  it('leaves membership alone for a team listed without members', () => {
    const live = liveOrg({ teams: { ...base, A: ['u@example.com'] } });
    expect(planChartio(desired({ teams: { A: {} } }), live).changes).toEqual([]);
  });

  it('under manage.teams: all, deletes unlisted teams after their members found another team', () => {
    const live = liveOrg({ teams: { ...base, Old: ['u@example.com'], Keep: ['k@example.com'], 'Added from Dashboard': ['s@example.com'] } });
    const plan = planChartio(
      desired({ manage: { teams: 'all' }, teams: { Owners: {}, Keep: { members: ['k@example.com', 'u@example.com'] } } }),
      live,
    );
    expect(summaries(plan.changes)).toEqual(['add u@example.com to team "Keep"', 'delete team "Old" (1 member)']);
    expect(byAddress(plan.changes, 'team[Old]').dependsOn).toEqual(['team[Keep].member[u@example.com]:create']);
  });

  it('blocks deleting a team that is a member\'s only team under manage.users: keep', () => {
    const live = liveOrg({ teams: { ...base, Old: ['u@example.com'] } });
    const plan = planChartio(desired({ manage: { teams: 'all' }, teams: { Owners: {} } }), live);
    expect(byAddress(plan.changes, 'team[Old]').blocked).toMatch(/u@example.com would be left on no team/);
  });

  it('deletes such a member first under manage.users: prune', () => {
    const live = liveOrg({ teams: { ...base, Old: ['u@example.com'] } });
    const plan = planChartio(desired({ manage: { teams: 'all', users: 'prune' }, teams: { Owners: { members: ['owner@example.com'] } } }), live);
    expect(summaries(plan.changes)).toEqual(['delete user u@example.com (would be on no team)', 'delete team "Old" (1 member)']);
    expect(byAddress(plan.changes, 'team[Old]').dependsOn).toEqual(['user[u@example.com]:delete']);
  });
});

describe('planChartio: permissions', () => {
  it('grants, raises, lowers and revokes, granting before revoking on the same dashboard', () => {
    const live = liveOrg({
      teams: { ...base, A: ['a@example.com'], B: ['b@example.com'], C: ['c@example.com'] },
      dashboards: { d: { 'team:A': 'viewer', 'team:B': 'admin', 'user:c@example.com': 'editor' } },
    });
    const plan = planChartio(
      desired({ dashboards: { d: { permissions: { teams: { A: 'editor', B: 'viewer', C: 'viewer' } } } } }),
      live,
    );
    expect(summaries(plan.changes)).toEqual([
      'change team "A" on dashboard "d" from viewer to editor',
      'grant viewer on dashboard "d" to team "C"',
      'change team "B" on dashboard "d" from admin to viewer',
      'revoke editor on dashboard "d" from user c@example.com',
    ]);
    const lower = byAddress(plan.changes, 'dashboard[d].permission[team:B]');
    expect(lower).toMatchObject({ phase: 'revoke', reducesAccess: true, operation: { op: 'setLevel', level: 'viewer' } });
    expect(lower.dependsOn.sort()).toEqual(['dashboard[d].permission[team:A]:update', 'dashboard[d].permission[team:C]:create']);
    expect(byAddress(plan.changes, 'dashboard[d].permission[team:A]')).toMatchObject({ phase: 'grant', reducesAccess: false });
  });

  it('grants to a team created in the same plan after it exists, by name', () => {
    const live = liveOrg({ teams: base, dashboards: { d: {} } });
    const plan = planChartio(
      desired({ teams: { New: { members: ['n@example.com'] } }, dashboards: { d: { permissions: { teams: { New: 'admin' }, users: { 'n@example.com': 'viewer' } } } } }),
      live,
    );
    const teamGrant = byAddress(plan.changes, 'dashboard[d].permission[team:New]');
    expect(teamGrant.dependsOn).toEqual(['team[New]:create']);
    expect(teamGrant.operation).toEqual({ op: 'grant', resource: 'dashboards', resourceId: 10, principal: { team: { name: 'New' } }, level: 'admin' });
    expect(byAddress(plan.changes, 'dashboard[d].permission[user:n@example.com]').dependsOn).toEqual(['user[n@example.com]:create']);
  });

  it('blocks a grant to a user who does not exist and joins no team', () => {
    const live = liveOrg({ teams: base, dashboards: { d: {} } });
    const plan = planChartio(desired({ dashboards: { d: { permissions: { users: { 'ghost@example.com': 'viewer' } } } } }), live);
    expect(plan.changes[0]!.blocked).toMatch(/ghost@example.com does not exist in Chartio and is on no team/);
  });

  it('reports a listed dashboard that does not exist', () => {
    const plan = planChartio(desired({ dashboards: { nope: { permissions: {} } } }), liveOrg({ teams: base }));
    expect(plan.problems).toEqual([{ message: 'dashboard "nope" does not exist in org example-org', path: ['dashboards', 'nope'], at: 'key' }]);
  });

  it('finds a dashboard by a pinned id rather than its slug', () => {
    const live = liveOrg({ teams: { ...base, A: ['a@example.com'] }, dashboards: { renamed: {} } });
    const plan = planChartio(desired({ dashboards: { 'old-slug': { id: 10, permissions: { teams: { A: 'viewer' } } } } }), live);
    expect(plan.problems).toEqual([]);
    expect(plan.changes[0]!.operation).toMatchObject({ op: 'grant', resourceId: 10 });
  });

  it('under manage.dashboards: all, revokes every permission on unlisted dashboards', () => {
    const live = liveOrg({ teams: { ...base, A: ['a@example.com'] }, dashboards: { listed: {}, other: { 'team:A': 'viewer' } } });
    expect(summaries(planChartio(desired({ manage: { dashboards: 'all' }, dashboards: { listed: { permissions: {} } } }), live).changes)).toEqual([
      'revoke viewer on dashboard "other" from team "A"',
    ]);
    expect(planChartio(desired({ dashboards: { listed: { permissions: {} } } }), live).changes).toEqual([]);
  });

  it('does not revoke the permissions of a team it deletes (the deletion removes them)', () => {
    const live = liveOrg({ teams: { ...base, Old: ['owner@example.com'] }, dashboards: { d: { 'team:Old': 'viewer' } } });
    const plan = planChartio(desired({ manage: { teams: 'all' }, teams: { Owners: {} }, dashboards: { d: { permissions: {} } } }), live);
    expect(summaries(plan.changes)).toEqual(['delete team "Old" (1 member)']);
  });

  it('updates a datasource alias and its permissions (editor/admin)', () => {
    const live = liveOrg({ teams: { ...base, A: ['a@example.com'] }, datasources: { dw: { alias: 'Warehouse', permissions: { 'team:A': 'editor' } } } });
    const plan = planChartio(desired({ datasources: { dw: { alias: 'Data Warehouse', permissions: { teams: { A: 'admin' } } } } }), live);
    expect(summaries(plan.changes)).toEqual([
      'rename datasource "dw" alias from "Warehouse" to "Data Warehouse"',
      'change team "A" on datasource "dw" from editor to admin',
    ]);
  });

  it('counts live objects per kind for the deletion limits', () => {
    const live = liveOrg({ teams: { ...base, A: ['a@example.com', 'b@example.com'] }, dashboards: { d: { 'team:A': 'viewer' } } });
    expect(planChartio(desired({}), live).liveCounts).toEqual({ team: 2, member: 3, user: 3, permission: 1, datasource: 0 });
  });

  it('is deterministic', () => {
    const live = liveOrg({ teams: { ...base, A: ['a@example.com'], B: [] }, dashboards: { d: { 'team:A': 'viewer' } } });
    const file = desired({ manage: { teams: 'all', users: 'prune' }, teams: { Owners: {}, C: { members: ['c@example.com', 'a@example.com'] } }, dashboards: { d: { permissions: { teams: { C: 'admin' } } } } });
    expect(planChartio(file, live)).toEqual(planChartio(file, structuredClone(live)));
  });
});

describe('planChartio: prune and removals together', () => {
  it('deletes a pruned user without also removing them from their teams', () => {
    const live = liveOrg({ teams: { ...base, A: ['u@example.com', 'v@example.com'], B: ['u@example.com'] } });
    const plan = planChartio(
      desired({ manage: { users: 'prune' }, teams: { Owners: { members: ['owner@example.com'] }, A: { members: ['v@example.com'] } } }),
      live,
    );
    expect(summaries(plan.changes)).toEqual(['delete user u@example.com (is named nowhere in the file; leaves "A")']);
  });
});

describe('planChartio: plans that never contradict themselves', () => {
  it('never deletes under prune a user the file grants something: the deletion is blocked instead', () => {
    const live = liveOrg({ teams: { ...base, A: ['u@example.com', 'v@example.com'] }, dashboards: { d: {} } });
    const plan = planChartio(
      desired({
        manage: { users: 'prune' },
        teams: { Owners: { members: ['owner@example.com'] }, A: { members: ['v@example.com'] } },
        dashboards: { d: { permissions: { users: { 'u@example.com': 'viewer' } } } },
      }),
      live,
    );
    const deletion = byAddress(plan.changes, 'user[u@example.com]');
    expect(deletion.blocked).toMatch(/the file grants them access, so they are not deleted/);
    // The grant stays planned (and does not wait for a deletion that will not happen).
    const grant = byAddress(plan.changes, 'dashboard[d].permission[user:u@example.com]');
    expect(grant.blocked).toBeUndefined();
    expect(grant.dependsOn).not.toContain(deletion.id);
  });
});

describe('planChartio: identity is exact', () => {
  const KELVIN = '\u212Aate@example.com';

  it('never matches a look-alike account to the file\'s user, and warns about it', () => {
    const live = liveOrg({ teams: { ...base, Staff: [KELVIN] } });
    const plan = planChartio(desired({ teams: { Owners: { members: ['owner@example.com', 'kate@example.com'] } } }), live);
    // kate is created into Owners: the KELVIN SIGN account is someone else and is never put there.
    expect(plan.changes.map((c) => [c.address, c.operation])).toEqual([
      ['user[kate@example.com]', { op: 'createUser', email: 'kate@example.com', team: { id: live.teams.find((t) => t.name === 'Owners')!.id } }],
    ]);
    expect(plan.warnings).toEqual([
      expect.objectContaining({ path: ['teams', 'Owners', 'members', 1], message: expect.stringMatching(/"\\u\{212A\}ate@example\.com" in Chartio org example-org looks like "kate@example\.com" but is another account or team \(U\+212A/) }),
    ]);
  });

  it('refuses a name that matches two live accounts differing only in ASCII case, at its place in the file', () => {
    const live = liveOrg({ teams: { ...base, Marketing: ['alice@example.com'], Other: [] }, dashboards: { d1: {} } });
    // A second account, ALICE@example.com, on team Other (the fixture folds case, so it is added by hand).
    const other = live.teams.find((t) => t.name === 'Other')!;
    live.users.push({ id: 99, email: 'ALICE@example.com', teamIds: [other.id] });
    other.members.push({ id: 99, email: 'ALICE@example.com' });
    const plan = planChartio(desired({ dashboards: { d1: { permissions: { users: { 'alice@example.com': 'viewer' } } } } }), live);
    expect(plan.problems).toContainEqual({
      path: ['dashboards', 'd1', 'permissions', 'users', 'alice@example.com'],
      at: 'key',
      message: expect.stringMatching(/^"alice@example\.com" matches 2 users in Chartio org example-org \(alice@example\.com \(id \d+\), ALICE@example\.com \(id \d+\)\)/),
    });
  });

  it.each([
    ['ASCII case differs', 'Kate@Example.com', true],
    ['a KELVIN SIGN', KELVIN, false],
    ['a Cyrillic a', 'k\u0430te@example.com', false],
    ['a zero-width space', 'ka\u200Bte@example.com', false],
    ['a trailing space', 'kate@example.com ', false],
    ['a decomposed accent against a composed one', 'jose\u0301@example.com', false],
  ])('a live user with %s is %s the same account', (_name, email, same) => {
    const target = email.startsWith('jose') ? 'jos\u00e9@example.com' : 'kate@example.com';
    const live = liveOrg({ teams: { ...base, Staff: [email] } });
    const plan = planChartio(desired({ teams: { Staff: { members: [target] } } }), live);
    expect(plan.changes.length === 0).toBe(same);
  });
});

describe('planChartio: renames and permissions', () => {
  it('keeps a renamed team\'s permissions under its new name instead of re-granting and revoking', () => {
    const live = liveOrg({ teams: { ...base, Growth: ['a@example.com'] }, dashboards: { d: { 'team:Growth': 'viewer' } } });
    const plan = planChartio(
      desired({ teams: { Marketing: { previously: ['Growth'] } }, dashboards: { d: { permissions: { teams: { Marketing: 'editor' } } } } }),
      live,
    );
    expect(summaries(plan.changes)).toEqual(['rename team "Growth" to "Marketing"', 'change team "Marketing" on dashboard "d" from viewer to editor']);
  });
});

describe('planChartio: guards', () => {
  it('suggests the closest slugs for a dashboard that does not exist', () => {
    const live = liveOrg({ teams: base, dashboards: { 'revenue-overview': {}, 'revenue-detail': {}, unrelated: {} } });
    const plan = planChartio(desired({ dashboards: { 'revenue-overveiw': { permissions: {} } } }), live);
    expect(plan.problems.map((p) => p.message)).toEqual(['dashboard "revenue-overveiw" does not exist in org example-org; did you mean "revenue-overview"?']);
  });

  it('refuses a plan that would take the org past 2,000 teams', () => {
    const live = liveOrg({ teams: base });
    live.teams.push(...Array.from({ length: 1998 }, (_, i) => ({ id: 5000 + i, name: `T${i}`, isOwner: false, members: [] })));
    const ok = planChartio(desired({ teams: { New: {} } }), live);
    expect(ok.problems).toEqual([]);
    const over = planChartio(desired({ teams: { New: {}, Newer: {} } }), live);
    expect(over.problems.map((p) => p.message)).toEqual(['this plan would leave 2,001 teams in org example-org; Chartio orgs hold at most 2,000 (the API answers 403 beyond)']);
  });
});
