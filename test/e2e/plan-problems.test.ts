import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';
import { REPO_ROOT, runCli, type CliRun } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Issue 15, through the real CLI against `--simulate`: plan-time problems in the one form
 * `validate` prints, at their file's line, with "did you mean"; the same problems as GitHub
 * workflow annotations in Actions; summary counts that add up; `--out` of a refused plan.
 */
const CHARTIO = path.join(REPO_ROOT, 'examples/chartio.yaml');
const CHARTIO_ORG = path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml');
const GRAFANA = path.join(REPO_ROOT, 'examples/grafana.yaml');
const GRAFANA_INSTANCE = path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml');

/** The example with each `from` replaced by `to` (each must be there). */
async function edited(example: string, edits: [string, string][]): Promise<string> {
  let text = await readFile(example, 'utf8');
  for (const [from, to] of edits) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  return text;
}

/** Line and column (1-based) of the first `needle` in `text`. */
function lineCol(text: string, needle: string): [number, number] {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset).split('\n');
  return [before.length, before.at(-1)!.length + 1];
}

/** `FILE:LINE:COL` of `needle`, as validate names a position. */
const at = (file: string, text: string, needle: string) => [file, ...lineCol(text, needle)].join(':');

/** Runs accessctl in a temporary directory holding `access.yaml` (and more files). */
async function inDir<T>(files: Record<string, string>, run: (dir: string) => Promise<T>): Promise<T> {
  const temp = await tempFiles(files);
  try {
    return await run(temp.dir);
  } finally {
    await temp.remove();
  }
}

const lines = (text: string) => text.split('\n');
const ENV = { ...NO_GRAFANA_ENV, CHARTIO_URL: '' };

const ANALYST: [string, string] = ['Marketing: editor, Analysts: viewer', 'Marketing: editor, Analyst: viewer'];
const ANALYST_ERROR =
  'error: dashboards.example-dashboard.permissions.teams.Analyst: team "Analyst" does not exist in Chartio and is not defined in the file; did you mean "Analysts"?';

describe('plan problems: one form, at the line of the file, with "did you mean"', () => {
  it.each<[string, string, string, [string, string], string, string]>([
    ['a Chartio grant to a team that exists nowhere (blocked)', CHARTIO, CHARTIO_ORG, ANALYST, 'Analyst: viewer', ANALYST_ERROR],
    [
      'a Chartio grant to a user that exists nowhere (blocked)',
      CHARTIO,
      CHARTIO_ORG,
      ['users: { bob@example.com: admin }', 'users: { bobb@example.com: admin }'],
      'bobb@example.com: admin',
      'error: dashboards.example-dashboard.permissions.users["bobb@example.com"]: user bobb@example.com does not exist in Chartio and is on no team in the file (Chartio creates users only into a team); did you mean "bob@example.com"?',
    ],
    [
      'a Chartio dashboard that does not exist',
      CHARTIO,
      CHARTIO_ORG,
      ['  revenue-overview:', '  revenue-overveiw:'],
      'revenue-overveiw:',
      'error: dashboards.revenue-overveiw: dashboard "revenue-overveiw" does not exist in org example-org; did you mean "revenue-overview"?',
    ],
    [
      'a Grafana folder grant to a team that exists nowhere (blocked)',
      GRAFANA,
      GRAFANA_INSTANCE,
      ['teams: { SRE: Admin, Support: View }', 'teams: { SRE: Admin, Suport: View }'],
      'Suport: View',
      'error: orgs["Main Org."].folders.ops.permissions.teams.Suport: team "Suport" does not exist in org "Main Org."; did you mean "Support"?',
    ],
    [
      // Only the file's folders are read, so there is no list to find a close uid in.
      'a Grafana folder that does not exist',
      GRAFANA,
      GRAFANA_INSTANCE,
      ['      ops:                       # folder uid', '      opz:'],
      'opz:',
      'error: orgs["Main Org."].folders.opz: folder "opz" does not exist in org "Main Org." (accessctl manages permissions, not folders)',
    ],
    [
      'a Grafana user that does not exist',
      GRAFANA,
      GRAFANA_INSTANCE,
      ['users: { alice@example.com: Admin }', 'users: { alice@exmple.com: Admin }'],
      'alice@exmple.com: Admin',
      'error: orgs["Main Org."].dashboards.abc123.permissions.users["alice@exmple.com"]: user "alice@exmple.com" (dashboard "abc123", org "Main Org.") does not exist in Grafana; did you mean "alice@example.com"?',
    ],
  ])('%s', async (_name, example, data, edit, needle, problem) => {
    const text = await edited(example, [edit]);
    const run = await inDir({ 'access.yaml': text }, (dir) => runCli(['plan', '--simulate', data], { cwd: dir, env: ENV }));
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toContain(`${at('access.yaml', text, needle)} ${problem}`);
    // The old second form (`error: FILE:L:C: message`) is gone.
    expect(run.stdout).not.toMatch(/^error: access\.yaml:/m);
  });

  it('JSON carries each problem with its file, line, column, path, and the blocked change it explains', async () => {
    const text = await edited(CHARTIO, [ANALYST]);
    const run = await inDir({ 'access.yaml': text }, (dir) => runCli(['plan', '--simulate', CHARTIO_ORG, '--format', 'json'], { cwd: dir, env: ENV }));
    expect(run.code).toBe(1);
    const plan = JSON.parse(run.stdout);
    const [line, col] = lineCol(text, 'Analyst: viewer');
    expect(plan.issues).toEqual([
      {
        severity: 'error',
        message: 'team "Analyst" does not exist in Chartio and is not defined in the file; did you mean "Analysts"?',
        file: 'access.yaml',
        line,
        col,
        path: 'dashboards.example-dashboard.permissions.teams.Analyst',
        address: 'dashboard[example-dashboard].permission[team:Analyst]',
      },
    ]);
  });
});

describe('in GitHub Actions, every problem is also a workflow annotation', () => {
  const FILE = 'access/a,b:c.yaml';
  const ANNOTATION_FILE = 'access/a%2Cb%3Ac.yaml';

  it.each<[string, string[], number, 'error' | 'warning', string]>([
    ['plan', ['plan', '-f', FILE, '--simulate', CHARTIO_ORG], 1, 'error', ANALYST_ERROR.slice('error: '.length)],
    ['apply', ['apply', '-f', FILE, '--simulate', CHARTIO_ORG, '--auto-approve'], 1, 'error', ANALYST_ERROR.slice('error: '.length)],
    ['drift', ['drift', '-f', FILE, '--simulate', CHARTIO_ORG], 2, 'error', ANALYST_ERROR.slice('error: '.length)],
    [
      'validate',
      ['validate', '-f', FILE],
      0,
      'warning',
      'dashboards.example-dashboard.permissions.teams.Analyst: team "Analyst" is not defined in this file; it must already exist in Chartio',
    ],
  ])('%s', async (_command, args, code, severity, message) => {
    const text = await edited(CHARTIO, [ANALYST]);
    const position = lineCol(text, 'Analyst: viewer');
    const [inActions, outside] = await inDir({ [FILE]: text }, async (dir) => [
      await runCli(args, { cwd: dir, env: { ...ENV, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir } }),
      await runCli(args, { cwd: dir, env: ENV }),
    ]);
    expect(inActions.code).toBe(code);
    expect(lines(inActions.stderr)).toContain(`::${severity} file=${ANNOTATION_FILE},line=${position[0]},col=${position[1]},title=accessctl::${message}`);
    expect(outside.code).toBe(code);
    expect(outside.stderr).not.toMatch(/^::/m);
  });

  it('a hostile name cannot issue a second workflow command', async () => {
    const hostile = 'Evil\\n::set-output name=x::1%0A::warning::pwned\\r::add-mask::y';
    const text = await edited(CHARTIO, [['Marketing: editor, Analysts: viewer', `Marketing: editor, "${hostile}": viewer`]]);
    const run = await inDir({ 'access.yaml': text }, (dir) =>
      runCli(['plan', '--simulate', CHARTIO_ORG], { cwd: dir, env: { ...ENV, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir } }),
    );
    expect(run.code).toBe(1);
    const commands = lines(run.stderr).filter((line) => line.startsWith('::'));
    // The file's warning (validate's) and the plan's error: two commands, each of our own making.
    const [line, col] = lineCol(text, `"${hostile}"`);
    expect(commands.map((command) => command.slice(0, command.indexOf('::', 2) + 2))).toEqual([
      `::warning file=access.yaml,line=${line},col=${col},title=accessctl::`,
      `::error file=access.yaml,line=${line},col=${col},title=accessctl::`,
    ]);
    // The literal "%0A" is sent as %250A, which the runner decodes to the text, not to a line break.
    expect(commands[1]).toContain('1%250A::warning::pwned');
    expect(run.stderr).not.toMatch(/^\s*::(set-output|add-mask|warning::)/m);
  });
});

/** The `Plan:` line the counts of the JSON plan's changes call for: a blocked change counted once, as blocked. */
function expectedSummary(changes: { action: string; blocked?: string }[]): string {
  const count = (test: (change: { action: string; blocked?: string }) => boolean) => changes.filter(test).length;
  const blocked = count((c) => c.blocked !== undefined);
  const add = count((c) => !c.blocked && c.action === 'create');
  const destroy = count((c) => !c.blocked && c.action === 'delete');
  const change = changes.length - blocked - add - destroy;
  return `Plan: ${add} to add, ${change} to change, ${destroy} to destroy${blocked ? `, ${blocked} blocked` : ''}.`;
}

describe('summary counts that add up', () => {
  const DELETES_TEAMS = 'version: 1\nprovider: chartio\nchartio: { org: example-org }\nmanage: { teams: all }\nteams:\n  Owners: { members: [owner@example.com] }\n  Analysts: { members: [carol@example.com, dave@example.com, erin@example.com] }\n';

  it.each<[string, () => Promise<string>, string, string[]]>([
    ['a blocked grant among others', () => edited(CHARTIO, [ANALYST]), 'Plan: 4 to add, 5 to change, 2 to destroy, 1 blocked.', []],
    ['only blocked deletions', async () => DELETES_TEAMS, 'Plan: 0 to add, 0 to change, 0 to destroy, 2 blocked.', ['delete team "Growth" (1 member)']],
    [
      'one deletion over max_deletions',
      () => edited(CHARTIO, [['max_deletions: 25%', 'max_deletions: 0']]),
      'Plan: 5 to add, 5 to change, 2 to destroy.',
      ['refused (safety.max_deletions): 1 member deletion exceeds safety.max_deletions (0 = 0 allowed)'],
    ],
  ])('%s: text, Markdown and JSON agree', async (_name, file, summary, shown) => {
    const text = await file();
    const [plain, markdown, json] = await inDir({ 'access.yaml': text }, (dir) =>
      Promise.all(['text', 'markdown', 'json'].map((format) => runCli(['plan', '--simulate', CHARTIO_ORG, '--format', format], { cwd: dir, env: ENV }))),
    );
    const plan = JSON.parse(json!.stdout);
    expect(expectedSummary(plan.changes)).toBe(summary);
    const { add, change, remove, blocked } = plan.summary;
    expect(add + change + remove + blocked).toBe(plan.changes.length);
    expect(lines(plain!.stdout)).toContain(summary);
    expect(lines(markdown!.stdout)).toContain(`**${summary}**`);
    for (const line of shown) expect(plain!.stdout).toContain(line);
  });

  it('drift lists kinds in the order of the groups below, each plural when more than one', async () => {
    const [text, json] = await Promise.all(
      ['text', 'json'].map((format) => runCli(['drift', '-f', CHARTIO, '--simulate', CHARTIO_ORG, '--format', format], { env: ENV })),
    );
    expect(text!.code).toBe(2);
    const groups = lines(text!.stdout).flatMap((line) => {
      const match = /^(?:widened|narrowed|changed): (\w+) \((\d+)\):$/.exec(line);
      return match ? [[match[1]!, Number(match[2])] as const] : [];
    });
    const kinds = new Map<string, number>();
    for (const [kind, n] of groups) kinds.set(kind, (kinds.get(kind) ?? 0) + n);
    const listed = [...kinds].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
    expect(listed).toBe('1 member, 8 permissions, 1 user, 1 datasource, 1 team');
    expect(text!.stdout).toContain(`Drift: 12 differences (${listed}),`);
    expect(Object.keys(JSON.parse(json!.stdout).byKind)).toEqual([...kinds.keys()]);
  });
});

describe('plan --out of a plan apply would refuse', () => {
  it.each<[string, () => Promise<string>, string]>([
    ['a blocked change', () => edited(CHARTIO, [ANALYST]), '1 change is blocked'],
    [
      'a safety rule',
      () => edited(CHARTIO, [['max_deletions: 25%', 'max_deletions: 0']]),
      'safety.max_deletions: 1 member deletion exceeds safety.max_deletions (0 = 0 allowed); safety.max_deletions: 1 permission deletion exceeds safety.max_deletions (0 = 0 allowed)',
    ],
    ['a dashboard that does not exist', () => edited(CHARTIO, [['  revenue-overview:', '  revenue-overveiw:']]), '1 problem in the plan'],
  ])('(%s) writes nothing, leaves a file already there alone, and says why in one line', async (_name, file, why) => {
    const text = await file();
    await inDir({ 'access.yaml': text }, async (dir) => {
      const fresh = await runCli(['plan', '--simulate', CHARTIO_ORG, '--out', 'plan.json'], { cwd: dir, env: ENV });
      expect(fresh.code).toBe(1);
      const errors = (run: CliRun) => lines(run.stderr).filter((line) => line.startsWith('error:'));
      expect(errors(fresh)).toEqual([`error: did not save the plan to plan.json: apply would refuse it (${why})`]);
      expect(fresh.stderr).not.toContain('apply it with');
      await expect(readFile(path.join(dir, 'plan.json'))).rejects.toMatchObject({ code: 'ENOENT' });

      const earlier = '{"an earlier, reviewed plan": true}\n';
      await writeFile(path.join(dir, 'plan.json'), earlier);
      const again: CliRun = await runCli(['plan', '--simulate', CHARTIO_ORG, '--out', 'plan.json'], { cwd: dir, env: ENV });
      expect(again.code).toBe(1);
      expect(errors(again)).toEqual([
        `error: did not save the plan to plan.json: apply would refuse it (${why}); the plan.json already there was left as it was and is not this plan`,
      ]);
      expect(await readFile(path.join(dir, 'plan.json'), 'utf8')).toBe(earlier);
    });
  });

  it('still saves a plan apply would take', async () => {
    await inDir({ 'access.yaml': await readFile(CHARTIO, 'utf8') }, async (dir) => {
      const run = await runCli(['plan', '--simulate', CHARTIO_ORG, '--out', 'plan.json'], { cwd: dir, env: ENV });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('Saved the plan to plan.json; apply it with: accessctl apply plan.json\n');
      expect(JSON.parse(await readFile(path.join(dir, 'plan.json'), 'utf8')).changes.length).toBe(12);
    });
  });
});

describe('the Markdown plan marks changes so that GitHub colours them', () => {
  it('writes updates and renames as !, blocked changes as # comments, and a legend under the block', async () => {
    const text = await edited(CHARTIO, [ANALYST]);
    const run = await inDir({ 'access.yaml': text }, (dir) => runCli(['plan', '--simulate', CHARTIO_ORG, '--format', 'markdown'], { cwd: dir, env: ENV }));
    const block = run.stdout.slice(run.stdout.indexOf('```diff\n') + 8, run.stdout.indexOf('\n```\n'));
    const symbols = new Set(lines(block).map((line) => line.split(' ')[0]));
    expect([...symbols].sort()).toEqual(['!', '#', '+', '-']);
    expect(lines(block)).toEqual(
      expect.arrayContaining([
        '! rename team "Growth" to "Marketing"',
        '! change team "Marketing" on dashboard "example-dashboard" from viewer to editor',
        '# grant viewer on dashboard "example-dashboard" to team "Analyst"',
        '#     blocked: team "Analyst" does not exist in Chartio and is not defined in the file; did you mean "Analysts"?',
      ]),
    );
    expect(run.stdout).toContain('\n```\n\n`+` adds, `!` changes or renames, `-` destroys, `#` is blocked (not applied)\n');
  });
});
