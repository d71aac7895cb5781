import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/grafana/seed-data.js';
import { startGrafanaSim, type GrafanaSim } from '../../src/sim/grafana/server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';

/**
 * `drift` against the real Grafana simulator, through the real CLI. Live has drifted the two
 * ways: vera was made an org Admin by hand (she now administers every folder, though the file
 * names none for her: widened), and ed was taken out of team SRE, whose Edit on payroll he lost
 * (narrowed).
 */
const PASSWORD = 'drift-canary-5e1c';
const FILE = `version: 1
provider: grafana
orgs:
  Main Org.:
    users: { admin: Admin, vera: Viewer, ed: Viewer }
    teams:
      SRE: { members: [ed] }
    folders:
      payroll:
        permissions: { roles: { Viewer: View }, teams: { SRE: Edit } }
`;

let sim: GrafanaSim;
let removeTemp: (() => Promise<void>) | undefined;
afterEach(async () => {
  await sim.close();
  await removeTemp?.();
});

describe('grafana drift', () => {
  it('says which way access moved, widened first, and with --unmanaged lists the rest without making it drift', async () => {
    sim = await startGrafanaSim({
      host: '127.0.0.1',
      data: {
        users: [{ login: 'admin', email: 'admin@localhost', password: PASSWORD, isGrafanaAdmin: true }, { login: 'vera' }, { login: 'ed' }],
        orgs: [
          {
            name: 'Main Org.',
            users: [{ user: 'admin', role: 'Admin' }, { user: 'vera', role: 'Admin' }, { user: 'ed', role: 'Viewer' }],
            teams: [{ name: 'SRE', members: [] }, { name: 'Hand-made', members: ['vera', 'ed'] }],
            folders: [
              { uid: 'payroll', title: 'Payroll', permissions: [{ role: 'Viewer', permission: 'View' }, { team: 'SRE', permission: 'Edit' }] },
              { uid: 'hr', title: 'HR', permissions: [{ user: 'ed', permission: 'Edit' }] },
            ],
            dashboards: [{ uid: 'standup', title: 'Standup', permissions: [{ user: 'ed', permission: 'View' }] }],
          },
        ],
      },
    });
    const temp = await tempFiles({ 'grafana.yaml': FILE });
    removeTemp = temp.remove;
    const env = { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: PASSWORD };
    const run = await runCli(['drift', '-f', path.join(temp.dir, 'grafana.yaml'), '--unmanaged', '--format', 'json'], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as {
      items: { address: string; direction: string }[];
      byDirection: Record<string, number>;
      unmanaged: { access: { user: string; resource: string; level: string }[]; admins: { user: string; via: string; resources: number }[]; teams: unknown[] };
    };
    expect(report.items.map((i) => [i.address, i.direction])).toEqual([
      ['org[Main Org.].user[vera]', 'widened'],
      ['org[Main Org.].team[SRE].member[ed]', 'narrowed'],
    ]);
    expect(report.byDirection).toEqual({ widened: 1, narrowed: 1, changed: 0 });
    // hr and standup are not in the file; payroll is. Org and server admins are listed once each, not on every resource.
    expect(report.unmanaged.access.map((e) => [e.user, e.resource, e.level])).toEqual([
      ['ed', 'Main Org./dashboard:standup', 'View'],
      ['ed', 'Main Org./folder:hr', 'Edit'],
    ]);
    expect(report.unmanaged.admins.map((a) => [a.user, a.via, a.resources])).toEqual([
      ['admin', 'org-role:Admin', 3],
      ['admin', 'server-admin', 3],
      ['vera', 'org-role:Admin', 3],
    ]);
    // A team made by hand in a named org is listed, never planned: the file does not say manage.teams: all.
    expect(report.unmanaged.teams).toEqual([{ team: 'Hand-made', org: 'Main Org.', members: ['ed', 'vera'] }]);
    expect(run.stdout).not.toContain(PASSWORD);
    // The text report names a Grafana team `<org>/<team>`.
    const text = await runCli(['drift', '-f', path.join(temp.dir, 'grafana.yaml'), '--unmanaged'], { env });
    expect(text.stdout).toContain('\n  teams no file names (1):\n    Main Org./Hand-made (2 members: ed, vera)\n');
  });

  // "A team a plan would delete (... in an org `manage.orgs: all` deletes) is drift, not unmanaged."
  it.each([
    ['listed', { drift: [], unmanaged: ['Legacy/Old'] }, 0],
    ['all', { drift: ['org[Legacy]'], unmanaged: [] }, 2],
  ] as const)('--unmanaged with manage.orgs: %s: the team of an org no file names', async (orgs, expected, code) => {
    sim = await startGrafanaSim({
      host: '127.0.0.1',
      data: {
        users: [{ login: 'admin', email: 'admin@localhost', password: PASSWORD, isGrafanaAdmin: true }, { login: 'ed' }],
        orgs: [
          { name: 'Main Org.', users: [{ user: 'admin', role: 'Admin' }] },
          { name: 'Legacy', users: [{ user: 'admin', role: 'Admin' }, { user: 'ed', role: 'Viewer' }], teams: [{ name: 'Old', members: ['ed'] }] },
        ],
      },
    });
    const temp = await tempFiles({ 'grafana.yaml': `version: 1\nprovider: grafana\nmanage: { orgs: ${orgs} }\norgs:\n  Main Org.:\n    users: { admin: Admin }\n` });
    removeTemp = temp.remove;
    const env = { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: PASSWORD };
    const run = await runCli(['drift', '-f', path.join(temp.dir, 'grafana.yaml'), '--unmanaged', '--format', 'json'], { env });
    expect(run.code, run.stderr).toBe(code);
    const report = JSON.parse(run.stdout) as { items: { address: string }[]; unmanaged: { teams: { org: string; team: string }[] } };
    expect(report.items.map((item) => item.address)).toEqual(expected.drift);
    expect(report.unmanaged.teams.map((team) => `${team.org}/${team.team}`)).toEqual(expected.unmanaged);
  });

  it('the diff writes each user the way the file does: by email where the file names them so, else by login', async () => {
    sim = await startGrafanaSim({ host: '127.0.0.1', data: await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml')) });
    const env = { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' };
    const run = await runCli(['drift', '-f', path.join(REPO_ROOT, 'examples/grafana.yaml'), '--format', 'json'], { env });
    expect(run.code, run.stderr).toBe(2);
    const { diff } = JSON.parse(run.stdout) as { diff: string };
    // examples/grafana.yaml names alice by email; erin, made a member by hand, is named by no file.
    expect(await readFile(path.join(REPO_ROOT, 'examples/grafana.yaml'), 'utf8')).toContain('alice@example.com: Editor');
    expect(diff).toMatch(/^-      alice@example\.com: Editor\n[\s\S]*^\+      alice@example\.com: Viewer$/m);
    expect(diff).toMatch(/^\+      erin: Viewer$/m);
  });
});
