import { describe, expect, it } from 'vitest';
import { planChartio } from '../../../src/providers/chartio/plan-chartio.js';
import type { ChartioDocument } from '../../../src/providers/chartio/desired-state.js';
import type { ChartioLive } from '../../../src/providers/chartio/live-state.js';
import { desired, liveOrg } from './live-fixture.js';

const owners = { Owners: ['owner@example.com'] };
const keepOwners = { Owners: { members: ['owner@example.com'] } };

/** [address, reducesAccess, grantsAccess] for every planned change: which way applying it moves access. */
const directions = (document: ChartioDocument, live: ChartioLive) =>
  planChartio(document, live).changes.map((c) => [c.address, c.reducesAccess, c.grantsAccess ?? false]);

describe('planChartio: grantsAccess, the other half of reducesAccess', () => {
  it.each<[string, ChartioDocument, ChartioLive, [string, boolean, boolean][]]>([
    [
      'a new team grants nothing; creating a user into it and adding a member do',
      desired({ teams: { ...keepOwners, Support: { members: ['new@example.com', 'bob@example.com'] } } }),
      liveOrg({ teams: { ...owners, Sales: ['bob@example.com'] } }),
      [
        ['team[Support]', false, false],
        ['user[new@example.com]', false, true],
        ['team[Support].member[bob@example.com]', false, true],
      ],
    ],
    [
      'a removal and a user deletion reduce; a rename neither grants nor reduces',
      desired({
        manage: { users: 'prune' },
        teams: { ...keepOwners, Marketing: { previously: ['Growth'], members: ['a@example.com'] } },
      }),
      liveOrg({ teams: { ...owners, Growth: ['a@example.com', 'b@example.com'], Other: ['a@example.com'] } }),
      [
        ['team[Marketing]', false, false],
        ['user[b@example.com]', true, false],
      ],
    ],
    [
      'a grant and a raise grant; a lowering and a revoke reduce',
      desired({
        teams: keepOwners,
        dashboards: { d: { permissions: { teams: { Owners: 'admin' }, users: { 'new@example.com': 'viewer', 'up@example.com': 'editor', 'down@example.com': 'viewer' } } } },
      }),
      liveOrg({
        teams: { ...owners, A: ['new@example.com', 'up@example.com', 'down@example.com', 'gone@example.com'] },
        dashboards: { d: { 'user:up@example.com': 'viewer', 'user:down@example.com': 'admin', 'user:gone@example.com': 'editor' } },
      }),
      [
        ['dashboard[d].permission[team:Owners]', false, true],
        ['dashboard[d].permission[user:new@example.com]', false, true],
        ['dashboard[d].permission[user:up@example.com]', false, true],
        ['dashboard[d].permission[user:down@example.com]', true, false],
        ['dashboard[d].permission[user:gone@example.com]', true, false],
      ],
    ],
    [
      'a datasource alias neither grants nor reduces',
      desired({ teams: keepOwners, datasources: { db: { alias: 'Warehouse' } } }),
      liveOrg({ teams: owners, datasources: { db: { alias: 'db' } } }),
      [['datasource[db].alias', false, false]],
    ],
  ])('%s', (_name, document, live, expected) => {
    expect(directions(document, live)).toEqual(expected);
  });
});
