import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeDirections } from '../../../src/core/change-directions.js';
import { HttpClient } from '../../../src/http/client.js';
import { chartioAccessModel } from '../../../src/providers/chartio/access-model.js';
import type { ChartioDocument } from '../../../src/providers/chartio/desired-state.js';
import { exportChartioDocument } from '../../../src/providers/chartio/export-document.js';
import type { ChartioLive } from '../../../src/providers/chartio/live-state.js';
import { planChartio } from '../../../src/providers/chartio/plan-chartio.js';
import { readChartioLive } from '../../../src/providers/chartio/read-live.js';
import { generateSeedDocument } from '../../../src/sim/chartio/generate.js';
import { startChartioSim, type ChartioSim } from '../../../src/sim/chartio/server.js';
import { desired, liveOrg } from './live-fixture.js';

const OWNER = 'owner@example.com';
const owners = { Owners: [OWNER] };
const keepOwners = { Owners: { members: [OWNER] } };

/** [address, direction] of every planned change: drift's reading of the file against live. */
const directions = (document: ChartioDocument, live: ChartioLive) => {
  const plan = planChartio(document, live);
  const byId = changeDirections(live, plan.changes, chartioAccessModel);
  return plan.changes.map((c) => [c.address, byId[c.id]]);
};

describe('Chartio drift directions, from the effective-access model', () => {
  it.each<[string, ChartioDocument, ChartioLive, [string, string][]]>([
    [
      'someone made an Owner by hand, in an org where no dashboard or datasource is read: widened',
      desired({ teams: keepOwners }),
      liveOrg({ teams: { Owners: [OWNER, 'carol@example.com'], Analysts: ['carol@example.com'] } }),
      [['team[Owners].member[carol@example.com]', 'widened']],
    ],
    [
      'an Owner made by hand and taken off a team: the Owner widened; the team they left narrowed, though as an Owner they reach it anyway',
      desired({ teams: { ...keepOwners, Analysts: { members: ['carol@example.com'] } }, dashboards: { d: { permissions: { teams: { Analysts: 'viewer' } } } } }),
      liveOrg({ teams: { Owners: [OWNER, 'carol@example.com'], Analysts: [] }, dashboards: { d: { 'team:Analysts': 'viewer' } } }),
      [
        ['team[Analysts].member[carol@example.com]', 'narrowed'],
        ['team[Owners].member[carol@example.com]', 'widened'],
      ],
    ],
    [
      'a granted team deleted by hand: its creation, its members and its grant are each narrowed',
      desired({ teams: { ...keepOwners, Support: { members: ['new@example.com', 'bob@example.com'] } }, dashboards: { d: { permissions: { teams: { Support: 'viewer' } } } } }),
      liveOrg({ teams: { ...owners, Sales: ['bob@example.com'] }, dashboards: { d: {} } }),
      [
        ['team[Support]', 'narrowed'],
        ['user[new@example.com]', 'narrowed'],
        ['team[Support].member[bob@example.com]', 'narrowed'],
        ['dashboard[d].permission[team:Support]', 'narrowed'],
      ],
    ],
    [
      'a team that is granted nothing: its creation and members move no access',
      desired({ teams: { ...keepOwners, Support: { members: ['new@example.com', 'bob@example.com'] } } }),
      liveOrg({ teams: { ...owners, Sales: ['bob@example.com'] }, dashboards: { d: { 'team:Sales': 'viewer' } } }),
      [
        ['team[Support]', 'changed'],
        ['user[new@example.com]', 'changed'],
        ['team[Support].member[bob@example.com]', 'changed'],
      ],
    ],
    [
      'a rename moves no access; a user with access deleted under prune was widened',
      desired({ manage: { users: 'prune' }, teams: { ...keepOwners, Marketing: { previously: ['Growth'], members: ['a@example.com'] } }, dashboards: { d: { permissions: { teams: { Marketing: 'editor' } } } } }),
      liveOrg({ teams: { ...owners, Growth: ['a@example.com', 'b@example.com'], Other: ['a@example.com'] }, dashboards: { d: { 'team:Growth': 'editor' } } }),
      [
        ['team[Marketing]', 'changed'],
        ['user[b@example.com]', 'widened'],
      ],
    ],
    [
      'grants: a grant and a raise narrowed, a lowering and a revoke widened, one the Owners hold anyway changed',
      desired({
        teams: keepOwners,
        dashboards: { d: { permissions: { teams: { Owners: 'admin' }, users: { 'new@example.com': 'viewer', 'up@example.com': 'editor', 'down@example.com': 'viewer' } } } },
      }),
      liveOrg({
        teams: { ...owners, A: ['new@example.com', 'up@example.com', 'down@example.com', 'gone@example.com'] },
        dashboards: { d: { 'user:up@example.com': 'viewer', 'user:down@example.com': 'admin', 'user:gone@example.com': 'editor' } },
      }),
      [
        ['dashboard[d].permission[team:Owners]', 'changed'],
        ['dashboard[d].permission[user:new@example.com]', 'narrowed'],
        ['dashboard[d].permission[user:up@example.com]', 'narrowed'],
        ['dashboard[d].permission[user:down@example.com]', 'widened'],
        ['dashboard[d].permission[user:gone@example.com]', 'widened'],
      ],
    ],
    [
      'a direct grant by hand to someone whose team gives the same level: no access moves, changed',
      desired({ teams: { ...keepOwners, Sales: { members: ['a@example.com'] } }, dashboards: { d: { permissions: { teams: { Sales: 'editor' } } } } }),
      liveOrg({ teams: { ...owners, Sales: ['a@example.com'] }, dashboards: { d: { 'team:Sales': 'editor', 'user:a@example.com': 'editor' } } }),
      [['dashboard[d].permission[user:a@example.com]', 'changed']],
    ],
    [
      'a datasource alias moves no access',
      desired({ teams: keepOwners, datasources: { db: { alias: 'Warehouse' } } }),
      liveOrg({ teams: owners, datasources: { db: { alias: 'db' } } }),
      [['datasource[db].alias', 'changed']],
    ],
  ])('%s', (_name, document, live, expected) => {
    expect(directions(document, live)).toEqual(expected);
  });
});

/**
 * The reach and the restricted state are only a shortcut: on a generated org from the
 * simulator, with memberships and grants changed every way, every change's direction is what
 * the model says when each change is applied to the whole org, with every other change.
 */
describe('Chartio drift directions on a generated org: the restricted computation agrees with the whole one', () => {
  let sim: ChartioSim;
  let live: ChartioLive;
  beforeAll(async () => {
    sim = await startChartioSim({ host: '127.0.0.1', data: generateSeedDocument('large', 7, 'example-org', 0.02), credentials: 'k:s' });
    const client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'k', password: 's' } });
    live = await readChartioLive(client, 'example-org', { dashboards: 'all', datasources: 'all' });
    await client.close();
  });
  afterAll(() => sim.close());

  it('for every change of a plan that moves every kind of access', () => {
    const document = exportChartioDocument(live);
    const teams = Object.entries(document.teams ?? {}).filter(([name]) => name !== 'Owners');
    // Members dropped and added, an Owner added and one dropped, a team gone, levels changed, grants dropped and added.
    teams.slice(0, 4).forEach(([, spec]) => spec.members!.shift());
    teams.slice(4, 8).forEach(([, spec], i) => spec.members!.push(live.users[i * 7]!.email));
    document.teams!.Owners!.members = [...document.teams!.Owners!.members!.slice(1), live.users.at(-1)!.email];
    delete document.teams![teams[9]![0]];
    document.teams!['Brand New'] = { members: [live.users[3]!.email] };
    document.manage = { ...document.manage, teams: 'all', users: 'prune' };
    Object.values(document.dashboards ?? {}).slice(0, 10).forEach((spec, i) => {
      const granted = spec.permissions!.teams ?? {};
      const first = Object.keys(granted)[0];
      if (first && i % 2) granted[first] = granted[first] === 'viewer' ? 'admin' : 'viewer';
      else if (first) delete granted[first];
      if (i % 3 === 0) granted['Brand New'] = 'editor';
    });
    const plan = planChartio(document, live);
    expect(new Set(plan.changes.map((c) => c.operation.op))).toEqual(new Set(['createTeam', 'deleteTeam', 'addMember', 'removeMember', 'deleteUser', 'grant', 'setLevel', 'revoke']));
    const whole = { ...chartioAccessModel, reaches: (changes: readonly unknown[]) => changes.map(() => ({})), restrict: (state: ChartioLive, reaches: readonly unknown[]) => reaches.map(() => state) };
    const fast = changeDirections(live, plan.changes, chartioAccessModel);
    expect(fast).toEqual(changeDirections(live, plan.changes, whole));
    expect(new Set(Object.values(fast))).toEqual(new Set(['widened', 'narrowed', 'changed']));
  });
});
