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
          { login: 'moe', lastSeenAt: seen(75) }, // Editors away for 75 and 100 days: around the default of 90
          { login: 'old', lastSeenAt: seen(100) },
          { login: 'newbie' }, // an Editor never seen: Grafana says ten years ago
        ],
        orgs: [
          {
            name: 'Main Org.',
            users: [{ user: 'admin', role: 'Admin' }, { user: 'ada', role: 'Admin' }, { user: 'ed', role: 'Editor' }, { user: 'vera', role: 'Viewer' }, { user: 'gone', role: 'None' }, ...['moe', 'old', 'newbie'].map((user) => ({ user, role: 'Editor' }))],
            folders: [{ uid: 'ops', title: 'Ops', permissions: [{ role: 'Viewer', permission: 'View' }, ...['gone', 'moe', 'old', 'newbie'].map((user) => ({ user, permission: 'Edit' }))] }],
          },
        ],
      },
    });
    const temp = await tempFiles({ 'grafana.yaml': 'version: 1\nprovider: grafana\norgs: {}\n' });
    removeTemp = temp.remove;
    const env = { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: PASSWORD };
    const file = path.join(temp.dir, 'grafana.yaml');
    const review = async (days?: string) => {
      const run = await runCli(['audit', '-f', file, '--format', 'json', ...(days ? ['--stale-days', days] : [])], { env });
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { people: Array<{ name: string; flags: string[]; lastSeenAt?: string }> }).people;
    };
    const flags = (people: Awaited<ReturnType<typeof review>>) => Object.fromEntries(people.map((p) => [p.name, p.flags]));
    const rest = { admin: [], ed: [], vera: [], gone: ['disabled-with-access'], old: ['stale'], newbie: ['stale'] };
    expect(flags(await review('30'))).toEqual({ ...rest, ada: ['stale'], moe: ['stale'] });
    expect(flags(await review('60'))).toEqual({ ...rest, ada: [], moe: ['stale'] });
    // Without --stale-days: 90 days.
    const byDefault = await review();
    expect(flags(byDefault)).toEqual({ ...rest, ada: [], moe: [] });
    const never = Date.parse(byDefault.find((p) => p.name === 'newbie')!.lastSeenAt!);
    expect((Date.now() - never) / (365.25 * 86_400_000)).toBeCloseTo(10, 0);
    const csv = await runCli(['audit', '-f', file, '--format', 'csv', '--stale-days', '30'], { env });
    expect(csv.stdout.split('\n')[0]).toMatch(/^"user","resource","level","via","resource_title","last_seen_at","disabled","flags",/);
    // The folder's title from /api/search stands beside its uid.
    expect(csv.stdout).toContain(`"ada","Main Org./folder:ops","Admin","role:Viewer (View); org-role:Admin (Admin)","Ops","${seen(45).slice(0, 10)}`);
  }, 90_000);

  // The README: "a service-account token cannot see who they [the server admins] are".
  it.each([
    ['Basic auth as a server admin', ['org-role:Admin', 'server-admin'], { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: PASSWORD }],
    ['a service-account token', ['org-role:Admin'], { GRAFANA_TOKEN: 'glsa_audit_claims_51c0' }],
  ])('with %s, the org-wide paths are %j', async (_auth, vias, credentials) => {
    sim = await startGrafanaSim({
      host: '127.0.0.1',
      data: {
        users: [{ login: 'admin', email: 'admin@localhost', password: PASSWORD, isGrafanaAdmin: true }, { login: 'root', isGrafanaAdmin: true }],
        orgs: [{ name: 'Main Org.', users: [{ user: 'admin', role: 'Admin' }], folders: [{ uid: 'ops', title: 'Ops' }] }],
        tokens: [{ token: 'glsa_audit_claims_51c0', org: 'Main Org.', role: 'Admin', name: 'accessctl' }],
      },
    });
    const temp = await tempFiles({ 'grafana.yaml': 'version: 1\nprovider: grafana\norgs: {}\n' });
    removeTemp = temp.remove;
    const run = await runCli(['audit', '-f', path.join(temp.dir, 'grafana.yaml'), '--format', 'json'], { env: { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, ...credentials } });
    expect(run.code, run.stderr).toBe(0);
    const access = (JSON.parse(run.stdout) as { access: Array<{ paths: Array<{ via: string }> }> }).access;
    expect([...new Set(access.flatMap((e) => e.paths.map((p) => p.via)))].sort()).toEqual(vias);
  });

  // The README: "when it reports anonymous access, the report says so in a note"; and viewers_can_edit gives View paths an Edit.
  it('says in every format that anonymous access is on (CSV, which has no place for it, on stderr), and applies viewers_can_edit', async () => {
    sim = await startGrafanaSim({
      host: '127.0.0.1',
      data: {
        settings: { viewersCanEdit: true, anonymousEnabled: true },
        users: [{ login: 'admin', email: 'admin@localhost', password: PASSWORD, isGrafanaAdmin: true }, { login: 'vera' }],
        orgs: [{ name: 'Main Org.', users: [{ user: 'admin', role: 'Admin' }, { user: 'vera', role: 'Viewer' }], dashboards: [{ uid: 'home', title: 'Home', permissions: [{ role: 'Viewer', permission: 'View' }] }] }],
      },
    });
    const temp = await tempFiles({ 'grafana.yaml': 'version: 1\nprovider: grafana\norgs: {}\n' });
    removeTemp = temp.remove;
    const env = { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: PASSWORD };
    const audit = (format: string) => runCli(['audit', '-f', path.join(temp.dir, 'grafana.yaml'), '--format', format], { env });
    const note = 'anonymous access is on: visitors who do not sign in act with the org role set in grafana.ini';
    const json = await audit('json');
    const report = JSON.parse(json.stdout) as { notes: string[]; access: Array<{ user: string; resource: string; level: string; paths: Array<{ via: string }> }> };
    expect(report.notes).toEqual([expect.stringContaining(note)]);
    expect(report.access.find((e) => e.user === 'vera')).toMatchObject({ resource: 'Main Org./dashboard:home', level: 'Edit', paths: [{ via: 'role:Viewer' }, { via: 'viewers-can-edit > role:Viewer' }] });
    expect((await audit('markdown')).stdout).toContain(`**Note:** ${note}`);
    expect((await audit('html')).stdout).toContain(`<p class="note"><strong>Note:</strong> ${note}`);
    const csv = await audit('csv');
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(new RegExp(`^warning: ${note}.*\n$`));
    expect(csv.stdout).not.toContain('anonymous');
  }, 90_000);
});
