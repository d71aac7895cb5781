import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessDelta } from '../../../src/core/access-delta.js';
import { effectiveAccess, levelRank } from '../../../src/core/access-grant.js';
import { changeDirections } from '../../../src/core/change-directions.js';
import { HttpClient } from '../../../src/http/client.js';
import { grafanaAccessModel } from '../../../src/providers/grafana/access-model.js';
import type { GrafanaDocument } from '../../../src/providers/grafana/desired-state.js';
import { exportGrafanaDocument } from '../../../src/providers/grafana/export-document.js';
import { applyChangeToLive } from '../../../src/providers/grafana/live-after-change.js';
import { EVERYTHING } from '../../../src/providers/grafana/live-scope.js';
import type { GrafanaLive, LivePermissionItem } from '../../../src/providers/grafana/live-state.js';
import { planGrafana } from '../../../src/providers/grafana/plan-grafana.js';
import { readGrafanaLive } from '../../../src/providers/grafana/read-live.js';
import { generateSeedDocument } from '../../../src/sim/grafana/generate.js';
import { startGrafanaSim, type GrafanaSim } from '../../../src/sim/grafana/server.js';
import { desired, liveInstance } from './live-fixture.js';

const USERS = ['vera', 'ed', 'ada', 'nora'];
/** Org Main: admin and ada Admin, ed Editor, vera Viewer, nora None (unless a case says); team SRE. */
const ROLES = { admin: 'Admin', ada: 'Admin', ed: 'Editor', vera: 'Viewer', nora: 'None' } as const;
const viewerRole: LivePermissionItem = { principal: { role: 'Viewer' }, permission: 'View' };
const sre = (permission: LivePermissionItem['permission']): LivePermissionItem => ({ principal: { team: 'SRE' }, permission });

/** Folders `parent` and `child` (in parent), dashboard `board` in child, with the lists given. */
function nested(lists: { parent?: LivePermissionItem[]; child?: LivePermissionItem[] }, teams: Record<string, string[]> = { SRE: ['nora'] }): GrafanaLive {
  const live = liveInstance({ users: USERS, orgs: { Main: { users: ROLES, teams, folders: { parent: lists.parent ?? [], child: lists.child ?? [] }, dashboards: { board: [] } } } });
  const org = live.orgs[0]!;
  org.folders![0]!.folderUid = '';
  org.folders![1]!.folderUid = 'parent';
  org.dashboards![0]!.folderUid = 'child';
  return live;
}

const directions = (document: GrafanaDocument, live: GrafanaLive) => {
  const plan = planGrafana(document, live);
  const byId = changeDirections(live, plan.changes, grafanaAccessModel);
  return plan.changes.map((c) => [c.address, byId[c.id]]);
};
const main = (spec: NonNullable<GrafanaDocument['orgs']>[string]) => desired({ orgs: { Main: spec } });

describe('Grafana drift directions, from the effective-access model', () => {
  it.each<[string, GrafanaDocument, GrafanaLive, [string, string][]]>([
    [
      'someone made an org Admin by hand, where the file names no folder or dashboard: widened',
      main({ users: { admin: 'Admin', vera: 'Viewer' } }),
      liveInstance({ users: ['vera'], orgs: { Main: { users: { admin: 'Admin', vera: 'Admin' } } } }),
      [['org[Main].user[vera]', 'widened']],
    ],
    [
      'org users: an add and a promotion narrowed; a demotion and a removal widened',
      main({ users: { admin: 'Admin', vera: 'Admin', ed: 'Viewer', nora: 'Editor' } }),
      liveInstance({ users: USERS, orgs: { Main: { users: { admin: 'Admin', vera: 'Viewer', ed: 'Editor', ada: 'Viewer' } } } }),
      [
        ['org[Main].user[nora]', 'narrowed'],
        ['org[Main].user[vera]', 'narrowed'],
        ['org[Main].user[ada]', 'widened'],
        ['org[Main].user[ed]', 'widened'],
      ],
    ],
    [
      'a member taken off a granted team by hand: narrowed; off a team granted nothing: changed',
      main({ teams: { SRE: { members: ['nora'] }, Idle: { members: ['nora'] } }, folders: { parent: { permissions: { teams: { SRE: 'Edit' } } } } }),
      nested({ parent: [sre('Edit')] }, { SRE: [], Idle: [] }),
      [
        ['org[Main].team[Idle].member[nora]', 'changed'],
        ['org[Main].team[SRE].member[nora]', 'narrowed'],
      ],
    ],
    [
      'a team deleted by hand: its creation, its member and its grant each narrowed',
      main({ teams: { SRE: { members: ['nora'] } }, folders: { child: { permissions: { teams: { SRE: 'View' } } } } }),
      nested({}, {}),
      [
        ['org[Main].team[SRE]', 'narrowed'],
        ['org[Main].team[SRE].member[nora]', 'narrowed'],
        ['org[Main].folder[child].permissions', 'narrowed'],
      ],
    ],
    [
      'a folder entry removed by hand while the team still reaches it through the parent folder: no access moved',
      main({ folders: { child: { permissions: { teams: { SRE: 'Edit' } } } } }),
      nested({ parent: [sre('Edit')] }),
      [['org[Main].folder[child].permissions', 'changed']],
    ],
    [
      'a folder entry lowered by hand below what the file gives, over the parent\'s: narrowed',
      main({ folders: { child: { permissions: { teams: { SRE: 'Admin' } } } } }),
      nested({ parent: [sre('Edit')], child: [sre('View')] }),
      [['org[Main].folder[child].permissions', 'narrowed']],
    ],
    [
      'a folder entry given by hand that the parent folder gives anyway: changed',
      main({ folders: { child: { permissions: {} } } }),
      nested({ parent: [sre('Edit')], child: [sre('Edit')] }),
      [['org[Main].folder[child].permissions', 'changed']],
    ],
    [
      'a role Viewer entry on a folder by hand: widened',
      main({ folders: { parent: { permissions: {} } } }),
      nested({ parent: [viewerRole] }),
      [['org[Main].folder[parent].permissions', 'widened']],
    ],
    [
      'one list that adds an entry and lowers another: changed',
      main({ folders: { parent: { permissions: { roles: { Editor: 'Edit' }, users: { vera: 'View' } } } } }),
      nested({ parent: [{ principal: { user: 'vera' }, permission: 'Admin' }] }),
      [['org[Main].folder[parent].permissions', 'changed']],
    ],
    [
      'a team renamed (with its email) and another\'s email set: no access moves',
      main({ teams: { Platform: { previously: ['SRE'], email: 'p@example.com' }, Idle: { email: 'i@example.com' } } }),
      nested({ child: [sre('View')] }, { SRE: ['nora'], Idle: ['nora'] }),
      [
        ['org[Main].team[Idle]', 'changed'],
        ['org[Main].team[Platform]', 'changed'],
      ],
    ],
    [
      'an org deleted by hand: its creation narrowed (its creator becomes its Admin), its users narrowed',
      desired({ orgs: { Main: { users: ROLES }, New: { users: { admin: 'Admin', vera: 'Viewer' } } } }),
      liveInstance({ users: USERS, orgs: { Main: { users: ROLES } } }),
      [
        ['org[New]', 'narrowed'],
        ['org[New].user[vera]', 'narrowed'],
      ],
    ],
  ])('%s', (_name, document, live, expected) => {
    expect(directions(document, live)).toEqual(expected);
  });

  it('a role Viewer entry by hand is lost, applying the file, by the Viewers and Editors on the folder and all under it; Admins keep Admin everywhere', () => {
    const live = nested({ parent: [viewerRole] });
    const [change] = planGrafana(main({ folders: { parent: { permissions: {} } } }), live).changes;
    const access = (state: GrafanaLive) => effectiveAccess(grafanaAccessModel.grants(state), levelRank);
    const delta = accessDelta(access(live), access(applyChangeToLive(live, change!)), levelRank);
    expect(delta.gained).toEqual([]);
    expect(delta.lost.map((m) => `${m.user} ${m.resource} ${m.from}`).sort()).toEqual([
      'ed Main/dashboard:board View',
      'ed Main/folder:child View',
      'ed Main/folder:parent View',
      'vera Main/dashboard:board View',
      'vera Main/folder:child View',
      'vera Main/folder:parent View',
    ]);
    const admins = access(live).filter((e) => e.resource === 'Main/folder:parent' && e.level === 'Admin').map((e) => e.user);
    expect(admins).toEqual(['ada', 'admin']);
  });
});

/**
 * The reach and the restricted state are only a shortcut: on a generated instance from the
 * simulator (with a nested folder), with roles, memberships, teams and lists changed every way,
 * every change's direction is what the model says on the whole instance.
 */
describe('Grafana drift directions on a generated instance: the restricted computation agrees with the whole one', () => {
  let sim: GrafanaSim;
  let live: GrafanaLive;
  beforeAll(async () => {
    const data = generateSeedDocument('small', 3) as { orgs: { folders: Record<string, unknown>[] }[] };
    data.orgs[0]!.folders[0]!.folders = [{ uid: 'nested', title: 'Nested', permissions: [{ role: 'Editor', permission: 'Edit' }], dashboards: [{ uid: 'deep', title: 'Deep', permissions: [] }] }];
    sim = await startGrafanaSim({ host: '127.0.0.1', data });
    const client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'admin', password: 'admin' } });
    live = await readGrafanaLive(client, EVERYTHING);
    await client.close();
  });
  afterAll(() => sim.close());

  it('for every change of a plan that moves every kind of access', () => {
    const document = exportGrafanaDocument(live);
    const [first, second] = Object.values(document.orgs!);
    const firstName = Object.keys(document.orgs!)[0]!;
    const logins = Object.keys(first!.users!).filter((login) => login !== 'admin');
    const outsider = live.users.find((u) => !Object.hasOwn(first!.users!, u.login))!.login;
    first!.users![logins[0]!] = first!.users![logins[0]!] === 'Admin' ? 'Viewer' : 'Admin';
    first!.users![logins[1]!] = 'Editor';
    delete first!.users![logins[2]!];
    const [teamName, team] = Object.entries(first!.teams!)[0]!;
    team.members = [...team.members!.slice(1), logins[3]!];
    first!.teams!['New Team'] = { members: [logins[4]!] };
    first!.teams!.Renamed = { previously: [Object.keys(first!.teams!)[1]!], email: 'r@example.com' };
    delete first!.teams![Object.keys(first!.teams!)[1]!];
    const lists = Object.values({ ...first!.folders, ...first!.dashboards });
    lists.forEach((spec, i) => {
      const permissions = spec.permissions!;
      if (i % 3 === 0) permissions.roles = {};
      else if (i % 3 === 1) permissions.teams = { ...permissions.teams, 'New Team': 'Admin', [teamName]: 'View' };
      else permissions.users = { [logins[0]!]: 'Edit' };
    });
    second!.users = { admin: 'Admin' };
    document.orgs!.Fresh = { users: { admin: 'Admin', [logins[3]!]: 'Editor' } };
    first!.users![outsider] = 'Viewer';
    const plan = planGrafana(document, live);
    expect(new Set(plan.changes.map((c) => c.operation.op))).toEqual(
      new Set(['createOrg', 'addOrgUser', 'setOrgRole', 'removeOrgUser', 'createTeam', 'updateTeam', 'addTeamMember', 'removeTeamMember', 'setPermissions']),
    );
    expect(firstName).toBe('Main Org.');
    const whole = { ...grafanaAccessModel, reaches: (changes: readonly unknown[]) => changes.map(() => ({})), restrict: (state: GrafanaLive, reaches: readonly unknown[]) => reaches.map(() => state) };
    const fast = changeDirections(live, plan.changes, grafanaAccessModel);
    expect(fast).toEqual(changeDirections(live, plan.changes, whole));
    expect(new Set(Object.values(fast))).toEqual(new Set(['widened', 'narrowed', 'changed']));
  });
});
