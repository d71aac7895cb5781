import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGrafanaSim, type GrafanaSim } from '../../src/sim/grafana/server.js';
import { runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';

/**
 * `drift` against the real Grafana simulator, through the real CLI. Live has drifted the two
 * ways: vera was made an org Admin by hand (she now administers every folder, though the file
 * names none for her: widened), and ed was taken out of team SRE (narrowed).
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
        permissions: { roles: { Viewer: View } }
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
              { uid: 'payroll', title: 'Payroll', permissions: [{ role: 'Viewer', permission: 'View' }] },
              { uid: 'hr', title: 'HR', permissions: [{ user: 'ed', permission: 'Edit' }] },
            ],
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
    // hr is not in the file; payroll is. Org and server admins are listed once each, not on every folder.
    expect(report.unmanaged.access.map((e) => [e.user, e.resource, e.level])).toEqual([['ed', 'Main Org./folder:hr', 'Edit']]);
    expect(report.unmanaged.admins.map((a) => [a.user, a.via, a.resources])).toEqual([
      ['admin', 'org-role:Admin', 2],
      ['admin', 'server-admin', 2],
      ['vera', 'org-role:Admin', 2],
    ]);
    // A team made by hand in a named org is listed, never planned: the file does not say manage.teams: all.
    expect(report.unmanaged.teams).toEqual([{ team: 'Hand-made', org: 'Main Org.', members: ['ed', 'vera'] }]);
    expect(run.stdout).not.toContain(PASSWORD);
  });
});
