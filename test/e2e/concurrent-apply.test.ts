import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile as loadChartioSeed } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { loadSeedFile as loadGrafanaSeed } from '../../src/sim/grafana/seed-data.js';
import { startGrafanaSim, type GrafanaSim } from '../../src/sim/grafana/server.js';
import { REPO_ROOT, runCli, type CliRun } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';

/**
 * Two applies against the same org at once (real CLI processes, simulators with 20 ms latency so
 * they overlap). Neither API offers a lock, so accessctl takes none; what it promises instead:
 * - a run that loses a race reports the conflict it meets (a 409 for what the other run just
 *   created, a 404 for what it just removed), naming method, path and status, never retries its
 *   way into a duplicate, then reads live state once more and finishes the rest of its approved
 *   plan (only approved changes). A team member the other run just added or removed is no
 *   conflict (the membership is as planned). Both runs may lose a race each; a run exits 1 only
 *   when something is still left after that second read;
 * - the org ends consistent: the same file planned again gives nothing, no object is duplicated,
 *   and with two different files every object ends as one of them says (last writer wins per
 *   object), so planning either file shows only where the two files differ;
 * - of two saved plans made from the same state, the one applied second is refused as stale.
 * README "Safety guarantees" documents this, and the example apply workflow's `concurrency:`
 * group keeps CI applies from overlapping in the first place.
 */

const LATENCY_MS = 20;
/** Delays of the second run behind the first: together, early in the first's refresh, during its writes. */
const OFFSETS_MS = [0, 40, 120];

const CHARTIO_FILE = path.join(REPO_ROOT, 'examples/chartio.yaml');
const GRAFANA_FILE = path.join(REPO_ROOT, 'examples/grafana.yaml');

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function chartio(): Promise<{ sim: ChartioSim; env: NodeJS.ProcessEnv }> {
  const sim = await startChartioSim({ data: await loadChartioSeed(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')), latencyMs: LATENCY_MS });
  closers.push(() => sim.close());
  return { sim, env: { CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'sim-key', CHARTIO_API_SECRET: 'sim-secret' } };
}

async function grafana(): Promise<{ sim: GrafanaSim; env: NodeJS.ProcessEnv }> {
  const sim = await startGrafanaSim({ host: '127.0.0.1', data: await loadGrafanaSeed(path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml')), latencyMs: LATENCY_MS });
  closers.push(() => sim.close());
  return { sim, env: { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' } };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two applies, the second started `offsetMs` after the first. */
async function race(first: string[], second: string[], env: NodeJS.ProcessEnv, offsetMs: number): Promise<CliRun[]> {
  return Promise.all([runCli(first, { env }), delay(offsetMs).then(() => runCli(second, { env }))]);
}

/** A run that lost the race stops on a conflict, said plainly; a run that won finished. */
function expectCleanOutcome(run: CliRun): void {
  if (run.code === 0) {
    expect(run.stdout).toMatch(/Apply complete|No changes/);
    return;
  }
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('Run `accessctl plan` to see what is left; apply again to finish it.');
  const failures = run.stderr.split('\n').filter((line) => /^\s+(POST|PUT|PATCH|DELETE) \S+ -> \d{3}/.test(line));
  expect(failures.length).toBeGreaterThan(0);
  for (const line of failures) expect(line).toMatch(/ -> (409|404): /);
}

async function planAddresses(file: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const plan = await runCli(['plan', '-f', file, '--format', 'json'], { env });
  expect(plan.code, plan.stderr).toBe(0);
  return (JSON.parse(plan.stdout) as { changes: { address: string }[] }).changes.map((c) => c.address).sort();
}

/** Per provider: its example file, a simulator, and the names the API keeps unique (a duplicate create would repeat one). */
const SAME_FILE_CASES = [
  {
    name: 'chartio',
    file: CHARTIO_FILE,
    start: async () => {
      const { sim, env } = await chartio();
      return { env, uniqueNames: () => [sim.store.listTeams().map((t) => t.name), sim.store.listUsers().map((u) => u.email.toLowerCase())] };
    },
  },
  {
    name: 'grafana',
    file: GRAFANA_FILE,
    start: async () => {
      const { sim, env } = await grafana();
      const state = sim.store.state;
      return { env, uniqueNames: () => [[...state.orgs.values()].map((o) => o.name), [...state.teams.values()].map((t) => `${t.orgId}/${t.name}`)] };
    },
  },
];

describe('two applies of the same file at once', () => {
  const cases = SAME_FILE_CASES.flatMap((subject) => OFFSETS_MS.map((offset) => ({ ...subject, offset })));
  it.each(cases)('$name, second $offset ms behind: each finishes or stops on a conflict; the org ends as the file says, nothing twice', async ({ file, start, offset }) => {
    const { env, uniqueNames } = await start();
    const runs = await race(['apply', '-f', file, '--auto-approve'], ['apply', '-f', file, '--auto-approve'], env, offset);
    // Both runs may stop, each on a different conflict (one loses the org create, the other a
    // removal): what each skipped, the other did, so together they still finish the plan.
    runs.forEach(expectCleanOutcome);
    expect(await planAddresses(file, env)).toEqual([]);
    for (const names of uniqueNames()) expect(new Set(names).size).toBe(names.length);
  }, 30_000);
});

describe('two applies of different files at once', () => {
  it.each(OFFSETS_MS)('chartio, second %i ms behind: every object ends as one of the files says (last writer wins)', async (offset) => {
    const v1 = await readFile(CHARTIO_FILE, 'utf8');
    // v2 differs in one membership and one permission level.
    const v2 = v1.replace('      - dave@example.com\n', '      - dave@example.com\n      - erin@example.com\n').replace('users: { alice@example.com: viewer }', 'users: { alice@example.com: editor }');
    expect(v2).not.toBe(v1);
    const files = await tempFiles({ 'v2/access.yaml': v2 });
    closers.push(files.remove);
    const v2File = path.join(files.dir, 'v2/access.yaml');

    // Where the two files differ: what v2 plans against an org that v1 was applied to.
    const reference = await chartio();
    expect((await runCli(['apply', '-f', CHARTIO_FILE, '--auto-approve'], { env: reference.env })).code).toBe(0);
    const differ = await planAddresses(v2File, reference.env);
    expect(differ).toEqual(['dashboard[revenue-overview].permission[user:alice@example.com]', 'team[Analysts].member[erin@example.com]']);

    const { env } = await chartio();
    const runs = await race(['apply', '-f', CHARTIO_FILE, '--auto-approve'], ['apply', '-f', v2File, '--auto-approve'], env, offset);
    runs.forEach(expectCleanOutcome);
    for (const file of [CHARTIO_FILE, v2File]) {
      const left = await planAddresses(file, env);
      expect(left.filter((address) => !differ.includes(address))).toEqual([]);
    }
  }, 30_000);
});

describe('two saved plans made from the same state', () => {
  it('chartio: the second, applied after the first, is refused as stale and writes nothing', async () => {
    const { sim, env } = await chartio();
    const files = await tempFiles({});
    closers.push(files.remove);
    const [first, second] = ['first.json', 'second.json'].map((name) => path.join(files.dir, name));
    for (const out of [first!, second!]) expect((await runCli(['plan', '-f', CHARTIO_FILE, '--out', out], { env })).code).toBe(0);

    expect((await runCli(['apply', first!, '--auto-approve'], { env })).code).toBe(0);
    const writes = sim.requests.list().filter((r) => r.method !== 'GET').length;
    const stale = await runCli(['apply', second!, '--auto-approve'], { env });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/refusing to apply \S*second\.json: it is stale: \d+ live objects? (has|have) changed since it was planned/);
    expect(sim.requests.list().filter((r) => r.method !== 'GET').length).toBe(writes);
  }, 30_000);
});
