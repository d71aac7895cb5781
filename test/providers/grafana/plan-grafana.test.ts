import { describe, expect, it } from 'vitest';
import { planGrafana } from '../../../src/providers/grafana/plan-grafana.js';
import type { GrafanaOrgSpec } from '../../../src/providers/grafana/desired-state.js';
import type { GrafanaChange } from '../../../src/providers/grafana/plan-context.js';
import { desired, liveInstance } from './live-fixture.js';

const summaries = (changes: GrafanaChange[]) => changes.map((c) => c.summary);
const at = (changes: GrafanaChange[], address: string) => {
  const found = changes.find((c) => c.address === address);
  if (!found) throw new Error(`no change at ${address}: ${changes.map((c) => c.address).join(', ')}`);
  return found;
};

describe('planGrafana: orgs and org users', () => {
  it('plans nothing when the instance matches', () => {
    const live = liveInstance({
      users: ['alice'],
      orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' }, teams: { SRE: ['alice'] }, folders: { ops: [{ principal: { team: 'SRE' }, permission: 'Edit' }] } } },
    });
    const plan = planGrafana(
      desired({
        orgs: {
          Main: {
            users: { admin: 'Admin', 'ALICE@example.com': 'Viewer' },
            teams: { SRE: { members: ['alice'] } },
            folders: { ops: { permissions: { teams: { SRE: 'Edit' } } } },
          },
        },
      }),
      live,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.problems).toEqual([]);
  });

  it('adds, promotes, demotes and removes org users; Admin demotions wait for Admin promotions', () => {
    const live = liveInstance({ users: ['alice', 'bob', 'carol', 'dave'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer', bob: 'Editor', carol: 'Viewer' } } } });
    const plan = planGrafana(desired({ orgs: { Main: { users: { admin: 'Viewer', alice: 'Admin', bob: 'Viewer', dave: 'Editor' } } } }), live);
    expect(summaries(plan.changes)).toEqual([
      'promote alice in org "Main" from Viewer to Admin',
      'add dave to org "Main" as Editor',
      'demote admin in org "Main" from Admin to Viewer',
      'demote bob in org "Main" from Editor to Viewer',
      'remove carol (Viewer) from org "Main"',
    ]);
    expect(at(plan.changes, 'org[Main].user[admin]').dependsOn).toEqual(['org[Main].user[alice]:update']);
    expect(at(plan.changes, 'org[Main].user[bob]').dependsOn).toEqual([]);
    expect(at(plan.changes, 'org[Main].user[dave]').operation).toEqual({ op: 'addOrgUser', org: { id: 1 }, userId: 5, login: 'dave', role: 'Editor' });
  });

  it('reports org users who do not exist in Grafana', () => {
    const plan = planGrafana(desired({ orgs: { Main: { users: { admin: 'Admin', ghost: 'Viewer' } } } }), liveInstance({ users: [], orgs: { Main: {} } }));
    expect(plan.problems).toEqual([
      { message: 'user "ghost" (org "Main") does not exist in Grafana; org users must be Grafana users first', path: ['orgs', 'Main', 'users', 'ghost'], at: 'key' },
    ]);
  });

  it('creates an org, then its users and teams, knowing its creator becomes its Admin', () => {
    const live = liveInstance({ users: ['alice'], orgs: { Main: {} } });
    const plan = planGrafana(desired({ orgs: { Partners: { users: { admin: 'Admin', alice: 'Editor' }, teams: { Ext: { members: ['alice'] } } } } }), live);
    expect(summaries(plan.changes)).toEqual([
      'create org "Partners"',
      'create team "Ext" in org "Partners"',
      'add alice to org "Partners" as Editor',
      'add alice to team "Ext" in org "Partners"',
    ]);
    expect(at(plan.changes, 'org[Partners].user[alice]').dependsOn).toEqual(['org[Partners]:create']);
    expect(at(plan.changes, 'org[Partners].team[Ext].member[alice]').dependsOn.sort()).toEqual([
      'org[Partners].team[Ext]:create',
      'org[Partners].user[alice]:create',
    ]);
  });

  it('renames an org by `previously:` and deletes unlisted orgs under manage.orgs: all', () => {
    const live = liveInstance({ users: [], orgs: { Main: {}, Old: {}, Stale: {} } });
    const plan = planGrafana(desired({ manage: { orgs: 'all' }, orgs: { Main: {}, New: { previously: ['Old'] } } }), live);
    expect(summaries(plan.changes)).toEqual(['rename org "Old" to "New"', 'delete org "Stale" with its teams, folders and dashboards']);
  });

  it('only adds under manage.org_users: additive', () => {
    const live = liveInstance({ users: ['alice', 'bob'], orgs: { Main: { users: { admin: 'Admin', bob: 'Viewer' } } } });
    const plan = planGrafana(desired({ manage: { org_users: 'additive' }, orgs: { Main: { users: { alice: 'Viewer' } } } }), live);
    expect(summaries(plan.changes)).toEqual(['add alice to org "Main" as Viewer']);
  });
});

describe('planGrafana: teams', () => {
  it('adds and removes members, warns about members outside the org, and skips removals of users leaving the org', () => {
    const live = liveInstance({
      users: ['alice', 'bob', 'carol', 'eve'],
      orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer', bob: 'Viewer', carol: 'Viewer' }, teams: { SRE: ['bob', 'carol'] } } },
    });
    const plan = planGrafana(
      desired({ orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer', bob: 'Viewer' }, teams: { SRE: { members: ['alice', 'eve'] } } } } }),
      live,
    );
    expect(summaries(plan.changes)).toEqual([
      'add alice to team "SRE" in org "Main"',
      'add eve to team "SRE" in org "Main"',
      'remove bob from team "SRE" in org "Main"',
      'remove carol (Viewer) from org "Main"',
    ]);
    // Grafana adds users outside the team's org (validateUser's LEFT JOIN): planned, not blocked.
    // The file lists Main's users, so the file check warns about eve (document-rules), not the plan.
    expect(at(plan.changes, 'org[Main].team[SRE].member[eve]').blocked).toBeUndefined();
    expect(plan.warnings).toEqual([]);
  });

  it.each<[string, GrafanaOrgSpec, (string | number)[]]>([
    ['a member', { teams: { SRE: { members: ['eve'] } } }, ['orgs', 'Main', 'teams', 'SRE', 'members', 0]],
    ['a grant', { folders: { ops: { permissions: { users: { eve: 'View' } } } } }, ['orgs', 'Main', 'folders', 'ops', 'permissions', 'users', 'eve']],
  ])('warns about %s outside the org when the file does not list the org\'s users', (_name, spec, path) => {
    const live = liveInstance({ users: ['eve'], orgs: { Main: { users: { admin: 'Admin' }, teams: { SRE: [] }, folders: { ops: [] } } } });
    const plan = planGrafana(desired({ orgs: { Main: spec } }), live);
    expect(plan.changes.map((c) => c.blocked)).toEqual([undefined]);
    expect(plan.warnings!.map((w) => w.path)).toEqual([path]);
    expect(plan.warnings![0]!.message).toMatch(/^eve .*not a member of org "Main"/);
  });

  it.each([
    ['server-admin', undefined],
    ['org-token', /deletes the user if they are in no other org/],
  ] as const)('with %s access, adds a member back after removing them from the org, which drops their teams', (access, blocked) => {
    const live = { ...liveInstance({ users: ['alice', 'bob'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer', bob: 'Viewer' }, teams: { SRE: ['bob'] } } } }), ...(access === 'org-token' ? { access } : {}) };
    const plan = planGrafana(desired({ orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' }, teams: { SRE: { members: ['bob'] } } } } }), live);
    const removal = at(plan.changes, 'org[Main].user[bob]');
    const readd = at(plan.changes, 'org[Main].team[SRE].member[bob]');
    expect([removal.action, readd.action]).toEqual(['delete', 'create']);
    expect(readd.dependsOn).toContain(removal.id);
    expect(plan.changes.indexOf(readd)).toBeGreaterThan(plan.changes.indexOf(removal));
    expect(readd.blocked).toEqual(blocked === undefined ? undefined : expect.stringMatching(blocked));
  });

  it('renames a team by `previously:` and deletes unlisted teams under manage.teams: all', () => {
    const live = liveInstance({ users: [], orgs: { Main: { teams: { Ops: [], Legacy: [] } } } });
    const plan = planGrafana(desired({ manage: { teams: 'all' }, orgs: { Main: { teams: { SRE: { previously: ['Ops'] } } } } }), live);
    expect(summaries(plan.changes)).toEqual(['rename team "Ops" to "SRE" in org "Main"', 'delete team "Legacy" (0 members) in org "Main"']);
    expect(at(plan.changes, 'org[Main].team[SRE]').operation).toEqual({ op: 'updateTeam', orgId: 1, teamId: 100, name: 'SRE', email: '' });
  });
});

describe('planGrafana: folder and dashboard permissions', () => {
  it('replaces a whole list when it differs, describing each difference', () => {
    const live = liveInstance({
      users: ['alice', 'bob'],
      orgs: {
        Main: {
          users: { admin: 'Admin', alice: 'Viewer', bob: 'Viewer' },
          teams: { SRE: [] },
          folders: {
            ops: [
              { principal: { team: 'SRE' }, permission: 'Admin' },
              { principal: { user: 'bob' }, permission: 'View' },
              { principal: { role: 'Viewer' }, permission: 'View' },
            ],
          },
        },
      },
    });
    const plan = planGrafana(
      desired({ orgs: { Main: { folders: { ops: { permissions: { teams: { SRE: 'Edit' }, users: { alice: 'Admin' }, roles: { Viewer: 'View' } } } } } } }),
      live,
    );
    expect(summaries(plan.changes)).toEqual([
      'set permissions of folder "ops" in org "Main": + user alice Admin, ~ team "SRE" Admin -> Edit, - user bob View',
    ]);
    expect(plan.changes[0]).toMatchObject({
      phase: 'revoke',
      reducesAccess: true,
      operation: {
        op: 'setPermissions',
        kind: 'folders',
        uid: 'ops',
        items: [
          { principal: { team: { orgId: 1, id: 100 } }, permission: 'Edit' },
          { principal: { userId: 2 }, permission: 'Admin' },
          { principal: { role: 'Viewer' }, permission: 'View' },
        ],
      },
    });
  });

  it('grants to a team created in the same plan after it exists', () => {
    const live = liveInstance({ users: [], orgs: { Main: { dashboards: { abc: [] } } } });
    const plan = planGrafana(desired({ orgs: { Main: { teams: { New: {} }, dashboards: { abc: { permissions: { teams: { New: 'View' } } } } } } }), live);
    const set = at(plan.changes, 'org[Main].dashboard[abc].permissions');
    expect(set).toMatchObject({ phase: 'grant', reducesAccess: false, dependsOn: ['org[Main].team[New]:create'] });
  });

  it('reports a folder that does not exist, and grants to a user outside the org with a warning', () => {
    const live = liveInstance({ users: ['zed'], orgs: { Main: { folders: { ops: [] } } } });
    const plan = planGrafana(
      desired({ orgs: { Main: { folders: { nope: { permissions: {} }, ops: { permissions: { users: { zed: 'View' } } } } } } }),
      live,
    );
    expect(plan.problems.map((p) => p.message)).toEqual(['folder "nope" does not exist in org "Main" (accessctl manages permissions, not folders); did you mean "ops"?']);
    expect(plan.changes[0]!.blocked).toBeUndefined();
    expect(plan.changes[0]!.operation).toMatchObject({ op: 'setPermissions', items: [{ principal: { userId: expect.any(Number) }, permission: 'View' }] });
    expect(plan.warnings!.map((w) => w.path)).toEqual([['orgs', 'Main', 'folders', 'ops', 'permissions', 'users', 'zed']]);
  });

  it.each([
    ['server-admin', undefined],
    ['org-token', /deletes the user if they are in no other org/],
  ] as const)('with %s access, writes a kept grant again after removing its user from the org, which deletes it', (access, blocked) => {
    const live = {
      ...liveInstance({ users: ['bob'], orgs: { Main: { users: { admin: 'Admin', bob: 'Viewer' }, folders: { ops: [{ principal: { user: 'bob' }, permission: 'View' }] } } } }),
      ...(access === 'org-token' ? { access } : {}),
    };
    const plan = planGrafana(desired({ orgs: { Main: { users: { admin: 'Admin' }, folders: { ops: { permissions: { users: { bob: 'View' } } } } } } }), live);
    const removal = at(plan.changes, 'org[Main].user[bob]');
    const grant = plan.changes.find((c) => c.kind === 'permission')!;
    expect(grant.dependsOn).toContain(removal.id);
    expect(plan.changes.indexOf(grant)).toBeGreaterThan(plan.changes.indexOf(removal));
    expect(grant.blocked).toEqual(blocked === undefined ? undefined : expect.stringMatching(blocked));
  });

  it('is deterministic', () => {
    const live = liveInstance({ users: ['a', 'b'], orgs: { Main: { users: { admin: 'Admin', a: 'Viewer' }, teams: { T: ['a'] } } } });
    const file = desired({ manage: { teams: 'all' }, orgs: { Main: { users: { admin: 'Admin', b: 'Editor' }, teams: { U: { members: ['b'] } } } } });
    expect(planGrafana(file, live)).toEqual(planGrafana(file, structuredClone(live)));
  });
});

describe('planGrafana: rules that keep accessctl in control', () => {
  it('never removes or demotes the user accessctl acts as', () => {
    const live = liveInstance({ users: ['alice'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' } }, Other: { users: { admin: 'Admin', alice: 'Admin' } } } });
    const plan = planGrafana(desired({ orgs: { Main: { users: { alice: 'Admin' } }, Other: { users: { admin: 'Viewer', alice: 'Admin' } } } }), live);
    expect(at(plan.changes, 'org[Main].user[admin]').blocked).toMatch(/^accessctl acts as admin; removing it in org "Main" would lock accessctl out/);
    expect(at(plan.changes, 'org[Other].user[admin]').blocked).toMatch(/demoting it in org "Other"/);
    expect(at(plan.changes, 'org[Main].user[alice]').blocked).toBeUndefined();
  });

  it('never deletes org 1, even under manage.orgs: all', () => {
    const live = liveInstance({ users: [], orgs: { 'Main Org.': {}, Extra: {} } });
    const plan = planGrafana(desired({ manage: { orgs: 'all' }, orgs: {} }), live);
    expect(summaries(plan.changes)).toEqual(['delete org "Extra" with its teams, folders and dashboards']);
  });

  it('matches team names exactly (Grafana\'s isTeamNameTaken): "sre" is a new team beside "SRE", which manage.teams: all deletes', () => {
    const live = liveInstance({ users: ['alice'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' }, teams: { SRE: ['alice'] } } } });
    const plan = planGrafana(desired({ manage: { teams: 'all' }, orgs: { Main: { teams: { sre: { members: ['alice'] } } } } }), live);
    expect(summaries(plan.changes)).toEqual(['create team "sre" in org "Main"', 'add alice to team "sre" in org "Main"', 'delete team "SRE" (1 member) in org "Main"']);
  });
});
