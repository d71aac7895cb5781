import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Issue 15: `--target` and `ignore:` through the real CLI, against the real simulators on
 * loopback (`--simulate`, or a started simulator where an apply's effect is checked).
 */
const EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');
const DEMO_ORG = path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml');
const GRAFANA_EXAMPLE = path.join(REPO_ROOT, 'examples/grafana.yaml');
const GRAFANA_INSTANCE = path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml');
const TYPO = 'error: --target team[Marketng] matches no change; did you mean team[Marketing]?\n';

interface PlanJson {
  changes: { address: string }[];
  ignored: { address: string; reason: string; rule: number; because?: string }[];
  targeting?: { targets: string[]; shown: number; total: number };
  targets: string[];
}
const addresses = (plan: PlanJson) => plan.changes.map((c) => c.address);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
async function temp(files: Record<string, string> = {}): Promise<string> {
  const made = await tempFiles(files);
  cleanups.push(made.remove);
  return made.dir;
}

describe('--target that matches no change', () => {
  let sim: ChartioSim;
  const env = () => ({ CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'e2e-key', CHARTIO_API_SECRET: 'e2e-secret' });
  const writes = () => sim.requests.list().filter((r) => r.method !== 'GET');
  beforeEach(async () => {
    sim = await startChartioSim({ data: await loadSeedFile(DEMO_ORG), credentials: 'e2e-key:e2e-secret' });
  });
  afterEach(async () => {
    await sim.close();
  });

  it.each([
    { command: 'plan', args: ['plan', '-f', EXAMPLE, '--target', 'team[Marketng]'], stderr: TYPO },
    { command: 'apply', args: ['apply', '-f', EXAMPLE, '--target', 'team[Marketng]', '--auto-approve'], stderr: TYPO },
    {
      command: 'plan, one line per target; without a near address, none is named',
      args: ['plan', '-f', EXAMPLE, '--target', 'team[Marketing]', '--target', 'team[Marketng]', '--target', 'nothing[x]'],
      stderr: `${TYPO}error: --target nothing[x] matches no change, and nothing the file or live state holds\n`,
    },
  ])('$command: exit 1, one error line naming the closest address, nothing written', async ({ args, stderr }) => {
    const run = await runCli(args, { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(stderr);
    expect(run.stdout).toBe('');
    expect(writes()).toEqual([]);
  });

  it('apply PLAN.json re-uses the plan\'s targets: one that matches nothing now is the same error', async () => {
    const dir = await temp();
    const out = path.join(dir, 'plan.json');
    expect((await runCli(['plan', '-f', EXAMPLE, '--target', 'team[Marketing]', '--out', out], { env: env() })).code).toBe(0);
    const saved = JSON.parse(await readFile(out, 'utf8')) as PlanJson;
    expect(saved.targets).toEqual(['team[Marketing]']);
    await writeFile(out, JSON.stringify({ ...saved, targets: ['team[Marketng]'] }));
    const apply = await runCli(['apply', out, '--auto-approve'], { env: env() });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toBe(TYPO);
    expect(writes()).toEqual([]);
  });

  it('a target that names a real object with nothing to change plans "No changes" with the warning, exit 0', async () => {
    const run = await runCli(['plan', '-f', EXAMPLE, '--target', 'team[Owners]', '--detailed-exitcode'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('No changes to apply.\nwarning: Targeting is in effect: 0 of 12 changes shown.\n');
  });

  it('a targeted plan says so in text, Markdown and JSON; saved with --target, it applies and says so again', async () => {
    const args = ['plan', '-f', EXAMPLE, '--target', 'team[Marketing]'];
    const text = await runCli(args, { env: env() });
    expect(text.stdout).toContain('warning: Targeting is in effect: 1 of 12 changes shown.\n');
    const markdown = await runCli([...args, '--format', 'markdown'], { env: env() });
    expect(markdown.stdout).toContain('- Targeting is in effect: 1 of 12 changes shown.');
    const json = JSON.parse((await runCli([...args, '--format', 'json'], { env: env() })).stdout) as PlanJson;
    expect(json.targeting).toEqual({ targets: ['team[Marketing]'], shown: 1, total: 12 });
    const untargeted = JSON.parse((await runCli(['plan', '-f', EXAMPLE, '--format', 'json'], { env: env() })).stdout) as PlanJson;
    expect(untargeted.targeting).toBeUndefined();

    const dir = await temp();
    const out = path.join(dir, 'plan.json');
    expect((await runCli([...args, '--out', out], { env: env() })).code).toBe(0);
    const apply = await runCli(['apply', out, '--auto-approve'], { env: env() });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('warning: Targeting is in effect: 1 of 12 changes shown.\n');
    expect(apply.stdout).toContain('Apply complete: 1 done, 0 failed, 0 skipped.');
  });
});

describe('--target with Grafana', () => {
  it('a typo names the closest address; a real org user with nothing to change is "No changes"', async () => {
    const typo = await runCli(['plan', '-f', GRAFANA_EXAMPLE, '--simulate', GRAFANA_INSTANCE, '--target', 'org[Main Org.].team[Suport]'], { env: NO_GRAFANA_ENV });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe('error: --target org[Main Org.].team[Suport] matches no change; did you mean org[Main Org.].team[Support]?\n');
    const known = await runCli(['plan', '-f', GRAFANA_EXAMPLE, '--simulate', GRAFANA_INSTANCE, '--target', 'org[Main Org.].user[admin]'], { env: NO_GRAFANA_ENV });
    expect(known.code).toBe(0);
    expect(known.stdout).toContain('No changes to apply.\nwarning: Targeting is in effect: 0 of 7 changes shown.\n');
  });
});

// The README's example: Contractors' membership comes from an HR sync, which added hr@ by hand
// (their only team). The file also creates team Temps, whose members are managed elsewhere too.
const HR_FILE = `version: 1
provider: chartio
chartio: { org: example-org }
teams:
  Owners: { members: [owner@example.com] }
  Contractors: { members: [a@example.com] }
  Sales: { members: [s@example.com, new@example.com] }
  Temps: { members: [s@example.com] }
ignore:
  - address: "team[Contractors].member[*]"
    reason: membership comes from the HR sync
  - address: "team[Temps].member[*]"
    reason: Temps are staffed by the agency
`;
const HR_ORG = `org: example-org
teams:
  - { name: Owners, members: [owner@example.com] }
  - { name: Contractors, members: [a@example.com, hr@example.com] }
  - { name: Sales, members: [s@example.com] }
`;
// In plan order: adds before removals.
const HR_LEFT_ALONE = [
  { address: 'team[Temps].member[s@example.com]', reason: 'Temps are staffed by the agency', rule: 1 },
  { address: 'team[Contractors].member[hr@example.com]', reason: 'membership comes from the HR sync', rule: 0 },
];

describe('ignore: in plan and apply', () => {
  it.each([
    {
      name: "the README's example: members the HR sync adds are left alone; the team whose members are ignored is still created",
      file: HR_FILE,
      code: 0,
      kept: ['team[Temps]', 'user[new@example.com]'],
      ignored: HR_LEFT_ALONE,
    },
    {
      name: 'a team left alone takes what needs it along; a membership not ignored blocks the plan as before',
      file: HR_FILE.replace('"team[Temps].member[*]"', '"team[Temps]"').replace('  - address: "team[Contractors].member[*]"\n    reason: membership comes from the HR sync\n', ''),
      code: 1,
      kept: ['user[new@example.com]', 'user[hr@example.com]'],
      ignored: [
        { address: 'team[Temps]', reason: 'Temps are staffed by the agency', rule: 0 },
        { address: 'team[Temps].member[s@example.com]', reason: 'Temps are staffed by the agency', rule: 0, because: 'needs team[Temps]' },
      ],
    },
  ])('$name', async ({ file, code, kept, ignored }) => {
    const dir = await temp({ 'access.yaml': file, 'org.yaml': HR_ORG });
    const run = await runCli(['plan', '-f', 'access.yaml', '--simulate', 'org.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(code);
    const plan = JSON.parse(run.stdout) as PlanJson;
    expect(addresses(plan)).toEqual(kept);
    expect(plan.ignored.map(({ address, reason, rule, because }) => ({ address, reason, rule, ...(because ? { because } : {}) }))).toEqual(ignored);
  });

  it('plan counts what is left alone and lists it with --show-ignored; drift still counts it as ignored', async () => {
    const dir = await temp({ 'access.yaml': HR_FILE, 'org.yaml': HR_ORG });
    const plan = await runCli(['plan', '-f', 'access.yaml', '--simulate', 'org.yaml'], { cwd: dir });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('\n2 changes left alone because of ignore: (--show-ignored lists them)\n');
    expect(plan.stdout).not.toContain('hr@example.com');
    const shown = await runCli(['plan', '-f', 'access.yaml', '--simulate', 'org.yaml', '--show-ignored'], { cwd: dir });
    expect(shown.stdout).toContain(
      '2 changes left alone because of ignore:\n' +
        '  team[Temps].member[s@example.com]: Temps are staffed by the agency\n' +
        '  team[Contractors].member[hr@example.com]: membership comes from the HR sync\n',
    );
    const drift = await runCli(['drift', '-f', 'access.yaml', '--simulate', 'org.yaml', '--format', 'json'], { cwd: dir });
    expect(drift.code).toBe(2);
    const report = JSON.parse(drift.stdout) as { items: { address: string }[]; ignored: { address: string }[] };
    expect(report.items.map((i) => i.address).sort()).toEqual(['team[Temps]', 'user[new@example.com]']);
    expect(report.ignored.map((i) => i.address).sort()).toEqual(HR_LEFT_ALONE.map((i) => i.address).sort());
  });

  describe('against a started simulator', () => {
    let sim: ChartioSim;
    let dir: string;
    const env = () => ({ CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'e2e-key', CHARTIO_API_SECRET: 'e2e-secret' });
    const members = (team: string) => {
      const state = sim.store.toJSON() as { users: { id: number; email: string }[]; teams: { name: string; member_ids: number[] }[] };
      return state.teams.find((t) => t.name === team)?.member_ids.map((id) => state.users.find((u) => u.id === id)!.email).sort();
    };
    beforeEach(async () => {
      dir = await temp({ 'access.yaml': HR_FILE, 'org.yaml': HR_ORG });
      sim = await startChartioSim({ data: await loadSeedFile(path.join(dir, 'org.yaml')), credentials: 'e2e-key:e2e-secret' });
    });
    afterEach(async () => {
      await sim.close();
    });
    const afterApply = () => {
      expect(members('Contractors')).toEqual(['a@example.com', 'hr@example.com']);
      expect(members('Temps')).toEqual([]);
      expect(members('Sales')).toEqual(['new@example.com', 's@example.com']);
    };

    it('apply never changes an ignored address, lists it with --show-ignored, and the next plan is empty', async () => {
      const apply = await runCli(['apply', '-f', 'access.yaml', '--auto-approve', '--show-ignored'], { cwd: dir, env: env() });
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      expect(apply.stdout).toContain('  team[Contractors].member[hr@example.com]: membership comes from the HR sync\n');
      expect(apply.stdout).toContain('Apply complete: 2 done, 0 failed, 0 skipped.');
      afterApply();
      const again = await runCli(['plan', '-f', 'access.yaml', '--detailed-exitcode'], { cwd: dir, env: env() });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('No changes to apply.\n2 changes left alone because of ignore:');
    });

    it('a saved plan leaves the ignored changes out of its commitment and applies the same', async () => {
      const plan = await runCli(['plan', '-f', 'access.yaml', '--out', 'plan.json'], { cwd: dir, env: env() });
      expect(plan.code).toBe(0);
      const saved = JSON.parse(await readFile(path.join(dir, 'plan.json'), 'utf8')) as PlanJson;
      expect(addresses(saved)).toEqual(['team[Temps]', 'user[new@example.com]']);
      expect(saved.ignored.map((i) => i.address)).toEqual(HR_LEFT_ALONE.map((i) => i.address));
      const apply = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd: dir, env: env() });
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      afterApply();
    });
  });

  it('Grafana: an org left alone takes the changes that need it along; its other org is applied as planned', async () => {
    const file = `${await readFile(GRAFANA_EXAMPLE, 'utf8')}
ignore:
  - address: "org[Partners]"
    reason: the partners org is set up by the vendor
  - address: "org[Main Org.].user[erin]"
    reason: erin is on leave
`;
    const dir = await temp({ 'grafana.yaml': file });
    const run = await runCli(['plan', '-f', 'grafana.yaml', '--simulate', GRAFANA_INSTANCE, '--format', 'json'], { cwd: dir, env: NO_GRAFANA_ENV });
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as PlanJson;
    expect(plan.ignored.map((i) => [i.address, i.because])).toEqual([
      ['org[Partners]', undefined],
      ['org[Partners].user[dave@partner.example]', 'needs org[Partners]'],
      ['org[Main Org.].user[erin]', undefined],
    ]);
    expect(addresses(plan)).not.toContain('org[Partners]');
    expect(addresses(plan)).toContain('org[Main Org.].folder[ops].permissions');
  });
});

describe('an ignore: entry that matches nothing', () => {
  const file = `${HR_FILE}  - address: "team[Contractrs].member[*]"
    reason: a typo
  - address: "team[Owners].member[*]"
    reason: matches a live member with nothing to change
`;
  const line = file.split('\n').findIndex((l) => l.includes('Contractrs')) + 1;
  const col = file.split('\n')[line - 1]!.indexOf('"') + 1;
  const warning = `access.yaml:${line}:${col} warning: ignore[2].address: "team[Contractrs].member[*]" matches nothing live and nothing in the file, so it leaves nothing alone\n`;

  it.each([
    { command: 'plan', args: ['plan'], code: 0 },
    { command: 'drift', args: ['drift'], code: 2 },
    { command: 'apply', args: ['apply', '--auto-approve'], code: 0 },
  ])('$command warns at its line, once, and goes on', async ({ args, code }) => {
    const dir = await temp({ 'access.yaml': file, 'org.yaml': HR_ORG });
    const run = await runCli([...args, '-f', 'access.yaml', '--simulate', 'org.yaml'], { cwd: dir });
    expect(run.code).toBe(code);
    expect(run.stderr).toBe(warning);
  });
});
