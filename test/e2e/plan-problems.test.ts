import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Issue 15, through the real CLI against `--simulate`: plan-time problems in the one form
 * `validate` prints, at their file's line, with "did you mean".
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
