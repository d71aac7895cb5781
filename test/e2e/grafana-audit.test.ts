import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGrafanaSim, type GrafanaSim } from '../../src/sim/grafana/server.js';
import { runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';

/**
 * `audit` against the real Grafana simulator, through the real CLI: the Payroll case.
 * Folder "Payroll" grants role Viewer View and holds dashboard "Salaries"; in Grafana the
 * Viewer, the Editor and both Admins (an org Admin and the server admin) see both.
 */
const PASSWORD = 'audit-canary-3d9a';

let sim: GrafanaSim;
let removeTemp: (() => Promise<void>) | undefined;
afterEach(async () => {
  await sim.close();
  await removeTemp?.();
});

describe('grafana audit', () => {
  it('reports who really reaches a folder and the dashboard in it: role hierarchy, inheritance, org and server admins', async () => {
    sim = await startGrafanaSim({
      host: '127.0.0.1',
      data: {
        users: [{ login: 'admin', email: 'admin@localhost', password: PASSWORD, isGrafanaAdmin: true }, { login: 'vera' }, { login: 'ed' }, { login: 'ada' }, { login: 'nora' }],
        orgs: [
          {
            name: 'Main Org.',
            users: [{ user: 'admin', role: 'Admin' }, { user: 'vera', role: 'Viewer' }, { user: 'ed', role: 'Editor' }, { user: 'ada', role: 'Admin' }, { user: 'nora', role: 'None' }],
            folders: [{ uid: 'payroll', title: 'Payroll', permissions: [{ role: 'Viewer', permission: 'View' }], dashboards: [{ uid: 'salaries', title: 'Salaries' }] }],
          },
        ],
      },
    });
    const temp = await tempFiles({ 'grafana.yaml': 'version: 1\nprovider: grafana\norgs: {}\n' });
    removeTemp = temp.remove;
    const env = { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: PASSWORD };
    const run = await runCli(['audit', '-f', path.join(temp.dir, 'grafana.yaml'), '--format', 'json'], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { access: Array<{ user: string; resource: string; level: string; paths: Array<{ via: string }> }> };
    const who = (resource: string) => report.access.filter((e) => e.resource === resource).map((e) => `${e.user}:${e.level}`).sort();
    expect(who('Main Org./folder:payroll')).toEqual(['ada:Admin', 'admin:Admin', 'ed:View', 'vera:View']);
    expect(who('Main Org./dashboard:salaries')).toEqual(['ada:Admin', 'admin:Admin', 'ed:View', 'vera:View']);
    const admin = report.access.find((e) => e.user === 'admin' && e.resource === 'Main Org./dashboard:salaries')!;
    expect(admin.paths.map((p) => p.via).sort()).toEqual(['folder:payroll > role:Viewer', 'org-role:Admin', 'server-admin']);
    // Titles stand beside uids, as /api/search gives them.
    expect((JSON.parse(run.stdout) as { titles: Record<string, string> }).titles).toEqual({ 'Main Org./folder:payroll': 'Payroll', 'Main Org./dashboard:salaries': 'Salaries' });
    expect(run.stdout).not.toContain(PASSWORD);
  });

  it('flags stale editors and admins (--stale-days), disabled people who keep grants, and shows when each was last seen', async () => {
    const seen = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    sim = await startGrafanaSim({
      host: '127.0.0.1',
      data: {
        users: [
          { login: 'admin', email: 'admin@localhost', password: PASSWORD, isGrafanaAdmin: true, lastSeenAt: seen(0) },
          { login: 'ada', lastSeenAt: seen(45) }, // an Admin away for 45 days
          { login: 'ed', lastSeenAt: seen(10) }, // an Editor seen lately
          { login: 'vera' }, // a Viewer never seen: reading is not flagged
          { login: 'gone', isDisabled: true, lastSeenAt: seen(5) },
        ],
        orgs: [
          {
            name: 'Main Org.',
            users: [{ user: 'admin', role: 'Admin' }, { user: 'ada', role: 'Admin' }, { user: 'ed', role: 'Editor' }, { user: 'vera', role: 'Viewer' }, { user: 'gone', role: 'None' }],
            folders: [{ uid: 'ops', title: 'Ops', permissions: [{ role: 'Viewer', permission: 'View' }, { user: 'gone', permission: 'Edit' }] }],
          },
        ],
      },
    });
    const temp = await tempFiles({ 'grafana.yaml': 'version: 1\nprovider: grafana\norgs: {}\n' });
    removeTemp = temp.remove;
    const env = { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: PASSWORD };
    const file = path.join(temp.dir, 'grafana.yaml');
    const flagsAt = async (days: string) => {
      const run = await runCli(['audit', '-f', file, '--format', 'json', '--stale-days', days], { env });
      expect(run.code, run.stderr).toBe(0);
      const people = (JSON.parse(run.stdout) as { people: Array<{ name: string; flags: string[]; lastSeenAt?: string }> }).people;
      return Object.fromEntries(people.map((p) => [p.name, p.flags]));
    };
    expect(await flagsAt('30')).toEqual({ admin: [], ada: ['stale'], ed: [], vera: [], gone: ['disabled-with-access'] });
    expect(await flagsAt('60')).toEqual({ admin: [], ada: [], ed: [], vera: [], gone: ['disabled-with-access'] });
    const csv = await runCli(['audit', '-f', file, '--format', 'csv', '--stale-days', '30'], { env });
    expect(csv.stdout.split('\n')[0]).toMatch(/^"user","resource","level","via","resource_title","last_seen_at","disabled","flags",/);
    // The folder's title from /api/search stands beside its uid.
    expect(csv.stdout).toContain(`"ada","Main Org./folder:ops","Admin","role:Viewer (View); org-role:Admin (Admin)","Ops","${seen(45).slice(0, 10)}`);
  });
});
