import { afterEach, describe, expect, it } from 'vitest';
import { effectiveAccess, levelRank, type AccessGrant } from '../../../src/core/access-grant.js';
import { HttpClient } from '../../../src/http/client.js';
import { ANYONE_WITH_THE_LINK, chartioAuditGrants } from '../../../src/providers/chartio/effective-access.js';
import { readChartioLive } from '../../../src/providers/chartio/read-live.js';
import { startChartioSim, type ChartioSim } from '../../../src/sim/chartio/server.js';
import { liveOrg } from './live-fixture.js';

const OWNER = 'owner@example.com';
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const ERIN = 'erin@example.com';

const row = (user: string, resource: string, level: string, via: string): AccessGrant => ({ user, resource, level, via });

describe('chartioAuditGrants: one row per path', () => {
  const cases: [name: string, live: Parameters<typeof liveOrg>[0], expected: AccessGrant[]][] = [
    ['a permission naming a user: direct', { teams: { Marketing: [BOB] }, dashboards: { d: { [`user:${ALICE}`]: 'viewer' } } }, [row(ALICE, 'dashboard:d', 'viewer', 'direct')]],
    [
      'a permission naming a team reaches each member, on dashboards and datasources',
      { teams: { Marketing: [ALICE, BOB] }, dashboards: { d: { 'team:Marketing': 'editor' } }, datasources: { dw: { permissions: { 'team:Marketing': 'admin' } } } },
      [row(ALICE, 'dashboard:d', 'editor', 'team:Marketing'), row(BOB, 'dashboard:d', 'editor', 'team:Marketing'), row(ALICE, 'datasource:dw', 'admin', 'team:Marketing'), row(BOB, 'datasource:dw', 'admin', 'team:Marketing')],
    ],
    ['a team without members reaches no one', { teams: { Empty: [] }, dashboards: { d: { 'team:Empty': 'admin' } } }, []],
    [
      'Owners members hold admin on every dashboard and datasource, granted or not',
      { teams: { Owners: [OWNER], Marketing: [ALICE] }, dashboards: { d: {}, e: { 'team:Marketing': 'viewer' } }, datasources: { dw: {} } },
      [row(OWNER, 'dashboard:d', 'admin', 'owners'), row(ALICE, 'dashboard:e', 'viewer', 'team:Marketing'), row(OWNER, 'dashboard:e', 'admin', 'owners'), row(OWNER, 'datasource:dw', 'admin', 'owners')],
    ],
    [
      'a grant naming the Owners team is kept beside the owners path',
      { teams: { Owners: [OWNER] }, dashboards: { d: { 'team:Owners': 'viewer' } } },
      [row(OWNER, 'dashboard:d', 'viewer', 'team:Owners'), row(OWNER, 'dashboard:d', 'admin', 'owners')],
    ],
    ['a dashboard shared by link as viewer', { teams: {}, dashboards: { d: {} }, linkSharing: { d: 'viewer' } }, [row(ANYONE_WITH_THE_LINK, 'dashboard:d', 'viewer', 'link_sharing')]],
    ['a dashboard shared by link as editor', { teams: {}, dashboards: { d: {} }, linkSharing: { d: 'editor' } }, [row(ANYONE_WITH_THE_LINK, 'dashboard:d', 'editor', 'link_sharing')]],
    ['link sharing none adds no one', { teams: {}, dashboards: { d: {} }, linkSharing: { d: 'none' } }, []],
    ['link sharing the server left out adds no one', { teams: {}, dashboards: { d: {} } }, []],
    [
      'members of "Added from Dashboard" keep their team path',
      { teams: { 'Added from Dashboard': [ERIN] }, dashboards: { d: { 'team:Added from Dashboard': 'viewer' } } },
      [row(ERIN, 'dashboard:d', 'viewer', 'team:Added from Dashboard')],
    ],
  ];

  it.each(cases)('%s', (_name, spec, expected) => {
    expect(chartioAuditGrants(liveOrg(spec))).toEqual(expected);
  });
});

describe('chartioAuditGrants folded by effectiveAccess: the highest level wins, every path is kept', () => {
  const live = liveOrg({
    teams: { Owners: [OWNER], Marketing: [ALICE] },
    dashboards: { d: { 'team:Owners': 'viewer', 'team:Marketing': 'editor', [`user:${ALICE}`]: 'viewer' } },
    linkSharing: { d: 'editor' },
  });
  const cases: [user: string, level: string, paths: { level: string; via: string }[]][] = [
    [ALICE, 'editor', [{ level: 'editor', via: 'team:Marketing' }, { level: 'viewer', via: 'direct' }]],
    [ANYONE_WITH_THE_LINK, 'editor', [{ level: 'editor', via: 'link_sharing' }]],
    [OWNER, 'admin', [{ level: 'viewer', via: 'team:Owners' }, { level: 'admin', via: 'owners' }]],
  ];
  it.each(cases)('%s', (user, level, paths) => {
    const access = effectiveAccess(chartioAuditGrants(live), levelRank).find((entry) => entry.user === user && entry.resource === 'dashboard:d');
    expect(access).toEqual({ user, resource: 'dashboard:d', level, paths });
  });
});

/** An org with every path kind, in the simulator's `--data` format (docs/chartio-simulator.md). */
const SEEDED_ORG = {
  org: 'example-org',
  users: [{ email: OWNER }, { email: ALICE }, { email: BOB }, { email: ERIN }],
  teams: [
    { name: 'Owners', members: [OWNER] },
    { name: 'Added from Dashboard', members: [ERIN] },
    { name: 'Marketing', members: [ALICE, BOB] },
  ],
  dashboards: [
    { slug: 'private', link_sharing_access: 'none', permissions: [{ user: BOB, access_level: 'admin' }] },
    { slug: 'shared-view', link_sharing_access: 'viewer', permissions: [{ team: 'Added from Dashboard', access_level: 'viewer' }] },
    { slug: 'shared-edit', link_sharing_access: 'editor', permissions: [{ team: 'Marketing', access_level: 'editor' }] },
  ],
  datasources: [{ slug: 'dw', permissions: [{ team: 'Marketing', access_level: 'editor' }] }],
};

describe('chartioAuditGrants over a seeded simulator, read live', () => {
  const started: { sim: ChartioSim; client: HttpClient }[] = [];
  afterEach(async () => {
    for (const { sim, client } of started.splice(0)) {
      await client.close();
      await sim.close();
    }
  });

  const expectedByPath: [via: string, rows: AccessGrant[]][] = [
    ['direct', [row(BOB, 'dashboard:private', 'admin', 'direct')]],
    [
      'team:Marketing',
      [
        row(ALICE, 'dashboard:shared-edit', 'editor', 'team:Marketing'),
        row(BOB, 'dashboard:shared-edit', 'editor', 'team:Marketing'),
        row(ALICE, 'datasource:dw', 'editor', 'team:Marketing'),
        row(BOB, 'datasource:dw', 'editor', 'team:Marketing'),
      ],
    ],
    ['team:Added from Dashboard', [row(ERIN, 'dashboard:shared-view', 'viewer', 'team:Added from Dashboard')]],
    [
      'owners',
      ['dashboard:private', 'dashboard:shared-view', 'dashboard:shared-edit', 'datasource:dw'].map((resource) => row(OWNER, resource, 'admin', 'owners')),
    ],
    ['link_sharing', [row(ANYONE_WITH_THE_LINK, 'dashboard:shared-view', 'viewer', 'link_sharing'), row(ANYONE_WITH_THE_LINK, 'dashboard:shared-edit', 'editor', 'link_sharing')]],
  ];

  it('expands every path kind, and nothing else', async () => {
    const sim = await startChartioSim({ host: '127.0.0.1', data: SEEDED_ORG, credentials: 'audit-key:audit-secret' });
    const client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'audit-key', password: 'audit-secret' } });
    started.push({ sim, client });
    const grants = chartioAuditGrants(await readChartioLive(client, 'example-org', { dashboards: 'all', datasources: 'all' }));

    for (const [via, rows] of expectedByPath) expect(grants.filter((grant) => grant.via === via), via).toEqual(rows);
    expect(grants).toHaveLength(expectedByPath.reduce((n, [, rows]) => n + rows.length, 0));
  });
});
