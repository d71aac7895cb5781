import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startChartioSim } from '../../src/sim/chartio/server.js';
import { startGrafanaSim } from '../../src/sim/grafana/server.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';
import { runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * `drift --format json` through the real CLI against seeded simulators: each item's direction
 * is what the effective-access model says applying it would do to who reaches what.
 */
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

interface Report {
  items: { address: string; direction: string }[];
  byDirection: Record<string, number>;
}

async function drift(file: string, env: Record<string, string>): Promise<Report> {
  const temp = await tempFiles({ 'access.yaml': file });
  cleanup.push(temp.remove);
  const run = await runCli(['drift', '-f', path.join(temp.dir, 'access.yaml'), '--format', 'json'], { env });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(2);
  return JSON.parse(run.stdout) as Report;
}

/**
 * Live, as people left it by hand: carol made an Owner; team Support (editor on d) deleted;
 * dave given viewer on d directly, which his team Analysts gives him anyway.
 */
const CHARTIO_ORG = {
  org: 'example-org',
  users: [{ email: 'owner@example.com' }, { email: 'carol@example.com' }, { email: 'dave@example.com' }],
  teams: [
    { name: 'Owners', members: ['owner@example.com', 'carol@example.com'] },
    { name: 'Analysts', members: ['carol@example.com', 'dave@example.com'] },
  ],
  dashboards: [
    {
      slug: 'd',
      title: 'D',
      permissions: [
        { team: 'Analysts', access_level: 'viewer' },
        { user: 'dave@example.com', access_level: 'viewer' },
      ],
    },
  ],
  datasources: [{ slug: 'dw', alias: 'DW', dstype: 'Redshift', permissions: [] }],
};
const CHARTIO_HEAD = 'version: 1\nprovider: chartio\nchartio: { org: example-org }\n';

describe('drift directions through the CLI: Chartio', () => {
  it.each<[string, string, [string, string][], Record<string, number>]>([
    [
      'a file that names no dashboard or datasource: the Owner made by hand is widened',
      `${CHARTIO_HEAD}teams:\n  Owners: { members: [owner@example.com] }\n`,
      [['team[Owners].member[carol@example.com]', 'widened']],
      { widened: 1, narrowed: 0, changed: 0 },
    ],
    [
      'a deleted team: its creation, member and grant narrowed; a grant the team gives anyway changed',
      `${CHARTIO_HEAD}teams:
  Owners: { members: [owner@example.com] }
  Analysts: { members: [carol@example.com, dave@example.com] }
  Support: { members: [dave@example.com] }
dashboards:
  d: { permissions: { teams: { Analysts: viewer, Support: editor } } }
`,
      [
        ['team[Owners].member[carol@example.com]', 'widened'],
        ['team[Support]', 'narrowed'],
        ['team[Support].member[dave@example.com]', 'narrowed'],
        ['dashboard[d].permission[team:Support]', 'narrowed'],
        ['dashboard[d].permission[user:dave@example.com]', 'changed'],
      ],
      { widened: 1, narrowed: 3, changed: 1 },
    ],
  ])('%s', async (_name, file, items, byDirection) => {
    const sim = await startChartioSim({ host: '127.0.0.1', data: CHARTIO_ORG, credentials: 'k:s' });
    cleanup.push(() => sim.close());
    const report = await drift(file, { CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'k', CHARTIO_API_SECRET: 's' });
    expect(report.items.map((i) => [i.address, i.direction])).toEqual(items);
    expect(report.byDirection).toEqual(byDirection);
  });
});

/**
 * Live, as people left it by hand: vera made an org Admin; ed taken off SRE (Edit on ops and,
 * by inheritance, on its subfolder ops-db) and off Idle (granted nothing); a role Viewer entry
 * put on payroll.
 */
const PASSWORD = 'directions-4c1d';
const GRAFANA_INSTANCE = {
  users: [{ login: 'admin', email: 'admin@localhost', password: PASSWORD, isGrafanaAdmin: true }, { login: 'vera' }, { login: 'ed' }],
  orgs: [
    {
      name: 'Main Org.',
      users: [{ user: 'admin', role: 'Admin' }, { user: 'vera', role: 'Admin' }, { user: 'ed', role: 'Editor' }],
      teams: [{ name: 'SRE', members: [] }, { name: 'Idle', members: [] }],
      folders: [
        { uid: 'ops', title: 'Ops', permissions: [{ team: 'SRE', permission: 'Edit' }], folders: [{ uid: 'ops-db', title: 'DB', permissions: [] }] },
        { uid: 'payroll', title: 'Payroll', permissions: [{ role: 'Viewer', permission: 'View' }] },
      ],
    },
  ],
};

describe('drift directions through the CLI: Grafana', () => {
  it.each<[string, string, [string, string][], Record<string, number>]>([
    [
      'a file that names no folder or dashboard: the org Admin made by hand is widened',
      'version: 1\nprovider: grafana\norgs:\n  Main Org.:\n    users: { admin: Admin, vera: Viewer, ed: Editor }\n',
      [['org[Main Org.].user[vera]', 'widened']],
      { widened: 1, narrowed: 0, changed: 0 },
    ],
    [
      'a role Viewer entry by hand widened; a member taken off a granted team narrowed, off a team granted nothing changed',
      `version: 1
provider: grafana
orgs:
  Main Org.:
    users: { admin: Admin, vera: Viewer, ed: Editor }
    teams:
      SRE: { members: [ed] }
      Idle: { members: [ed] }
    folders:
      ops: { permissions: { teams: { SRE: Edit } } }
      payroll: { permissions: {} }
`,
      [
        ['org[Main Org.].folder[payroll].permissions', 'widened'],
        ['org[Main Org.].user[vera]', 'widened'],
        ['org[Main Org.].team[SRE].member[ed]', 'narrowed'],
        ['org[Main Org.].team[Idle].member[ed]', 'changed'],
      ],
      { widened: 2, narrowed: 1, changed: 1 },
    ],
    [
      'drift reads folders by uid, without their place in the tree: an entry on a subfolder that its parent gives anyway still counts',
      `version: 1
provider: grafana
orgs:
  Main Org.:
    users: { admin: Admin, vera: Admin, ed: Editor }
    teams:
      SRE: { members: [ed] }
    folders:
      ops: { permissions: { teams: { SRE: Edit } } }
      ops-db: { permissions: { teams: { SRE: Edit } } }
`,
      [
        ['org[Main Org.].team[SRE].member[ed]', 'narrowed'],
        ['org[Main Org.].folder[ops-db].permissions', 'narrowed'],
      ],
      { widened: 0, narrowed: 2, changed: 0 },
    ],
  ])('%s', async (_name, file, items, byDirection) => {
    const sim = await startGrafanaSim({ host: '127.0.0.1', data: GRAFANA_INSTANCE });
    cleanup.push(() => sim.close());
    const report = await drift(file, { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: PASSWORD });
    expect(report.items.map((i) => [i.address, i.direction])).toEqual(items);
    expect(report.byDirection).toEqual(byDirection);
  });
});
