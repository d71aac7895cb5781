import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile as loadChartioSeed } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { loadSeedFile as loadGrafanaSeed } from '../../src/sim/grafana/seed-data.js';
import { startGrafanaSim } from '../../src/sim/grafana/server.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Statements of the README's `drift` and `audit` sections that are about what the commands do,
 * checked through the real CLI (a child process) against the real simulators on loopback. Where
 * the README shows an example, the test takes it from the README and runs it.
 */
const README = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
const EXAMPLE = await readFile(path.join(REPO_ROOT, 'examples/chartio.yaml'), 'utf8');
const AUTH = `Basic ${Buffer.from('claims-key:claims-secret').toString('base64')}`;

/** The README's fenced block that starts with `starting`. */
function fenced(starting: string): string {
  const block = README.split('```').find((part) => part.replace(/^\w*\n/, '').startsWith(starting));
  if (!block) throw new Error(`no README block starting with ${starting}`);
  return block.replace(/^\w*\n/, '');
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** The demo org brought in line with `file` by `apply`; the simulator, its env, and a directory holding the file as access.yaml. */
async function chartioOrg(file = EXAMPLE): Promise<{ sim: ChartioSim; env: NodeJS.ProcessEnv; dir: string; send: (method: string, url: string, body?: unknown) => Promise<Response> }> {
  const sim = await startChartioSim({ data: await loadChartioSeed(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')), credentials: 'claims-key:claims-secret' });
  closers.push(() => sim.close());
  const temp = await tempFiles({ 'access.yaml': file });
  closers.push(temp.remove);
  const env = { CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'claims-key', CHARTIO_API_SECRET: 'claims-secret' };
  const apply = await runCli(['apply', '--auto-approve'], { cwd: temp.dir, env });
  expect(apply.code, apply.stderr).toBe(0);
  const send = (method: string, url: string, body?: unknown) =>
    fetch(`${sim.url}/example-org${url}`, { method, headers: { authorization: AUTH, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { sim, env, dir: temp.dir, send };
}

/** As a person in the Chartio UI would: carol made admin of example-dashboard (the README's example). */
async function grantCarolAdmin(org: Awaited<ReturnType<typeof chartioOrg>>): Promise<void> {
  const state = org.sim.store.toJSON() as { dashboards: { id: number; slug: string }[]; users: { id: number; email: string }[] };
  const dashboard = state.dashboards.find((d) => d.slug === 'example-dashboard')!.id;
  const carol = state.users.find((u) => u.email === 'carol@example.com')!.id;
  expect((await org.send('POST', `/dashboards/${dashboard}/permissions`, { user_id: carol, access_level: 'admin' })).status).toBe(201);
}

/** The example file with one more team, placed before `dashboards:`. */
const withTeam = (file: string, team: string, members: string[]) => file.replace('\ndashboards:\n', `\n  ${team}:\n    members: [${members.join(', ')}]\n\ndashboards:\n`);

describe('README: drift', () => {
  it('the text example is what drift prints for a grant made by hand: items, summary and the diff, line for line', async () => {
    const org = await chartioOrg();
    await grantCarolAdmin(org);
    const run = await runCli(['drift'], { cwd: org.dir, env: org.env });
    expect(run.code).toBe(2);
    // The first line names the target (the README's is the real API) and the evidence is of the run: the rest is the same.
    const body = (report: string) => report.slice(report.indexOf('\n') + 1, report.indexOf('\nEvidence: generated '));
    expect(body(run.stdout)).toBe(body(fenced('accessctl drift for chartio org example-org')));
  });

  // The README's `ignore:` example as written there: a member the HR sync added to Contractors is expected drift.
  // (dave is on Analysts too: someone on Contractors alone would be drift of user[...], which the example does not match.)
  const ignoreExample = fenced('ignore:\n');
  const listedIn: [string, (out: string) => void][] = [
    ['text', (out) => expect(out).toContain('  ignored: team[Contractors].member[dave@example.com] (membership comes from the HR sync)')],
    ['json', (out) => expect((JSON.parse(out) as { ignored: unknown[] }).ignored).toEqual([expect.objectContaining({ address: 'team[Contractors].member[dave@example.com]', reason: 'membership comes from the HR sync' })])],
    ['markdown', (out) => expect(out).toContain('**Ignored (expected):**\n\n- team\\[Contractors\\].member\\[dave@example.com\\]: membership comes from the HR sync')],
    ['html', (out) => expect(out).toContain('<li><code>team[Contractors].member[dave@example.com]</code>: membership comes from the HR sync</li>')],
  ];
  it('the ignore: example: expected drift is counted in every format, never hidden, and still shown in the diff', async () => {
    const org = await chartioOrg(withTeam(EXAMPLE, 'Contractors', ['kim@example.com', 'dave@example.com']));
    await writeFile(path.join(org.dir, 'access.yaml'), `${withTeam(EXAMPLE, 'Contractors', ['kim@example.com'])}\n${ignoreExample}`);
    const drift = (format: string) => runCli(['drift', '--format', format], { cwd: org.dir, env: org.env });

    const alone = await drift('text');
    expect(alone.code, alone.stdout + alone.stderr).toBe(0);
    expect(alone.stdout).toContain('Drift: 0 differences, 0 missing, 1 ignored.');
    // With drift besides it, every format lists it, and the diff shows both: the list above it is the authority.
    await grantCarolAdmin(org);
    for (const [format, listed] of listedIn) {
      const run = await drift(format);
      expect(run.code, format).toBe(2);
      listed(run.stdout);
      const diff = format === 'json' ? (JSON.parse(run.stdout) as { diff: string }).diff : run.stdout;
      expect(diff, format).toMatch(/^\+ {8}carol@example\.com: admin$/m);
      expect(diff, format).toMatch(/^\+ {6}- dave@example\.com$/m);
    }
  }, 120_000);

  it('lists objects the file names that live does not have as missing, and that is drift (exit 2)', async () => {
    const file = EXAMPLE.replace('\ndatasources:\n', '  quarterly-review:\n    permissions:\n      users: { bob@example.com: viewer }\n\ndatasources:\n');
    const org = await chartioOrg(EXAMPLE);
    await writeFile(path.join(org.dir, 'access.yaml'), file);
    const text = await runCli(['drift'], { cwd: org.dir, env: org.env });
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/^missing live: access\.yaml:\d+:3 error: dashboards\.quarterly-review: dashboard "quarterly-review" does not exist in org example-org$/m);
    expect(text.stdout).toContain('Drift: 0 differences, 1 missing, 0 ignored.');
    const json = await runCli(['drift', '--format', 'json'], { cwd: org.dir, env: org.env });
    expect(json.code).toBe(2);
    expect((JSON.parse(json.stdout) as { problems: string[] }).problems).toEqual([expect.stringContaining('dashboard "quarterly-review" does not exist')]);
  });

  // "A team a plan would delete (under manage.teams: all ...) is drift, not unmanaged", and "Chartio's Owners is left out".
  const OWNERS = '  Owners:\n    members: [owner@example.com]\n';
  it.each([
    ['manage.teams: listed', (file: string) => file, { drift: [], unmanaged: ['Added from Dashboard', 'Contractors'] }, 0],
    ['manage.teams: listed, Owners not in the file', (file: string) => file.replace(OWNERS, ''), { drift: [], unmanaged: ['Added from Dashboard', 'Contractors'] }, 0],
    ['manage.teams: all', (file: string) => file.replace('teams: listed ', 'teams: all    '), { drift: ['team[Contractors]'], unmanaged: ['Added from Dashboard'] }, 2],
  ] as const)('--unmanaged with %s: a team made by hand', async (_name, edit, expected, code) => {
    const org = await chartioOrg();
    expect((await org.send('POST', '/teams', { name: 'Contractors' })).status).toBe(201);
    expect(EXAMPLE).toContain(OWNERS); // the edits above find what they change
    expect(EXAMPLE).toContain('teams: listed ');
    await writeFile(path.join(org.dir, 'access.yaml'), edit(EXAMPLE));
    const run = await runCli(['drift', '--unmanaged', '--format', 'json'], { cwd: org.dir, env: org.env });
    expect(run.code, run.stderr).toBe(code);
    const report = JSON.parse(run.stdout) as { items: { address: string }[]; unmanaged: { teams: { team: string }[] } };
    expect(report.items.map((item) => item.address)).toEqual(expected.drift);
    expect(report.unmanaged.teams.map((team) => team.team)).toEqual(expected.unmanaged);
  });
});

describe('README: drift and audit are read-only', () => {
  const providers = {
    chartio: async () => {
      const org = await chartioOrg();
      await grantCarolAdmin(org);
      return { env: org.env, cwd: org.dir, writes: () => org.sim.requests.list().filter((r) => r.method !== 'GET').length };
    },
    grafana: async () => {
      const sim = await startGrafanaSim({ host: '127.0.0.1', data: await loadGrafanaSeed(path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml')) });
      closers.push(() => sim.close());
      const temp = await tempFiles({ 'access.yaml': await readFile(path.join(REPO_ROOT, 'examples/grafana.yaml')) });
      closers.push(temp.remove);
      return { env: { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' }, cwd: temp.dir, writes: () => sim.requests.list().filter((r) => r.method !== 'GET').length };
    },
  };
  it.each(['chartio', 'grafana'] as const)('%s: every format of drift --unmanaged and of audit sends only GET requests', async (provider) => {
    const { env, cwd, writes } = await providers[provider]();
    const before = writes();
    const runs = [
      ...['text', 'json', 'markdown', 'html'].map((format) => ['drift', '--unmanaged', '--format', format]),
      ...['csv', 'json', 'markdown', 'html'].map((format) => ['audit', '--format', format]),
    ];
    for (const args of runs) {
      const run = await runCli(args, { cwd, env });
      expect([0, 2], `${args.join(' ')}: ${run.stderr}`).toContain(run.code);
    }
    expect(writes()).toBe(before);
  }, 120_000);
});
