import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * The flags every command that talks to an API takes (DESIGN §5), through the built CLI against
 * the Chartio simulator: `--url`, `--parallelism`, `--rate-limit` and `--timeout` on each, one
 * rate-limit grammar (`N` or `N/SECONDS`) for every flag and the file, refused in one sentence
 * everywhere, and `--simulate` on `audit` and `export` as on plan, apply and drift.
 */
const EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');
const DATA = 'examples/sim/chartio-org.yaml';
const CREDENTIALS = { CHARTIO_API_KEY: 'flags-key', CHARTIO_API_SECRET: 'flags-secret' };

let sim: ChartioSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function startSim(): Promise<ChartioSim> {
  sim = await startChartioSim({ data: await loadSeedFile(path.join(REPO_ROOT, DATA)), credentials: 'flags-key:flags-secret', syncDelayMs: 0 });
  return sim;
}

/** Milliseconds from the first to the last request the simulator answered. */
function spanMs(s: ChartioSim): { requests: number; ms: number } {
  const times = s.requests.list().map((r) => Date.parse(r.time));
  return { requests: times.length, ms: Math.max(...times) - Math.min(...times) };
}

/** What a limit of 3 per second allows: a burst of 3, then one request each 333 ms (less 100 ms for clock grain). */
const floorAt3PerSecond = (requests: number) => (Math.max(0, requests - 3) / 3) * 1000 - 100;

const API_COMMANDS: [string, string[], number][] = [
  ['plan', ['plan', '-f', EXAMPLE], 0],
  ['apply', ['apply', '-f', EXAMPLE, '--auto-approve'], 0],
  ['drift', ['drift', '-f', EXAMPLE], 2],
  ['audit', ['audit', '-f', EXAMPLE], 0],
  ['export', ['export', 'chartio', '--org', 'example-org'], 0],
  ['schema-sync', ['schema-sync', 'data-warehouse', '-f', EXAMPLE], 0],
];

describe('every command that talks to an API takes --url, --parallelism, --rate-limit and --timeout', () => {
  it.each(API_COMMANDS)('%s', async (_name, args, code) => {
    const s = await startSim();
    // CHARTIO_URL is unset: only --url can send the run to the simulator.
    const run = await runCli([...args, '--url', s.url, '--parallelism', '2', '--rate-limit', '3', '--timeout', '5'], { env: { ...CREDENTIALS, CHARTIO_URL: '' } });
    expect(run.code, run.stderr).toBe(code);
    const { requests, ms } = spanMs(s);
    expect(requests).toBeGreaterThan(0);
    expect(ms).toBeGreaterThanOrEqual(floorAt3PerSecond(requests));
  });
});

describe('one rate-limit grammar', () => {
  const REFUSAL =
    "error: option '--rate-limit <n[/seconds]>' argument '2.5' is invalid. expected N or N/SECONDS (N requests per second, or per SECONDS seconds; whole numbers), e.g. 50 or 300/60";

  it.each([...API_COMMANDS.map(([name, args]) => [name, args] as const), ['sim chartio', ['sim', 'chartio']] as const, ['sim grafana', ['sim', 'grafana']] as const])(
    '%s refuses --rate-limit 2.5 with the same sentence, before any request',
    async (_name, args) => {
      const run = await runCli([...args, '--rate-limit', '2.5'], { env: { CHARTIO_URL: 'http://127.0.0.1:9/v1', ...CREDENTIALS } });
      expect(run.code).toBe(1);
      expect(run.stderr.split('\n')[0]).toBe(REFUSAL);
    },
  );

  it("the file's rate_limit: takes the same form: `rate_limit: 3` limits a plan to 3 requests a second", async () => {
    const s = await startSim();
    const example = await readFile(EXAMPLE, 'utf8');
    const files = await tempFiles({ 'access.yaml': example.replace('  org: example-org\n', '  org: example-org\n  rate_limit: 3\n') });
    try {
      const run = await runCli(['plan', '-f', 'access.yaml'], { cwd: files.dir, env: { ...CREDENTIALS, CHARTIO_URL: s.url } });
      expect(run.code, run.stderr).toBe(0);
      const { requests, ms } = spanMs(s);
      expect(requests).toBeGreaterThan(3);
      expect(ms).toBeGreaterThanOrEqual(floorAt3PerSecond(requests));
    } finally {
      await files.remove();
    }
  });
});

describe('--simulate on audit, export and schema-sync', () => {
  it('audit --simulate DATA reads the seeded simulator: exit 0, the report names it', async () => {
    const run = await runCli(['audit', '-f', EXAMPLE, '--simulate', DATA, '--format', 'json'], { env: { CHARTIO_API_KEY: '', CHARTIO_API_SECRET: '' } });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { target: string; access: { principal: string }[] };
    expect(report.target).toMatch(/^chartio org example-org \(http:\/\/127\.0\.0\.1:\d+\/v1\) \[simulator seeded from examples\/sim\/chartio-org\.yaml\]$/);
    expect(report.access.length).toBeGreaterThan(0);
  });

  it('export chartio --simulate DATA writes the seeded org: its old team name, its datasource alias', async () => {
    const run = await runCli(['export', 'chartio', '--org', 'example-org', '--simulate', DATA], { env: { CHARTIO_API_KEY: '', CHARTIO_API_SECRET: '' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('[simulator seeded from examples/sim/chartio-org.yaml]');
    expect(run.stdout).toMatch(/^ {2}Growth:$/m);
    expect(run.stdout).toMatch(/^ {4}alias: Warehouse$/m);
  });

  it('schema-sync --simulate DATA starts a sync in the seeded simulator: exit 0, the task printed', async () => {
    const run = await runCli(['schema-sync', 'data-warehouse', '-f', EXAMPLE, '--simulate', DATA], { env: { CHARTIO_API_KEY: '', CHARTIO_API_SECRET: '' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Started the schema sync of datasource "data-warehouse" \(\d+\) of chartio org example-org \(\S+\) \[simulator seeded from examples\/sim\/chartio-org\.yaml\]: task \S+\. Add --wait to follow it\.\n$/);
  });

  it.each([
    ['audit', ['audit', '-f', EXAMPLE]],
    ['export', ['export', 'chartio', '--org', 'example-org']],
    ['schema-sync', ['schema-sync', 'data-warehouse', '-f', EXAMPLE]],
  ])('%s refuses --simulate with --url, as plan does', async (_name, args) => {
    const run = await runCli([...args, '--simulate', DATA, '--url', 'http://127.0.0.1:9/v1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: --url and --simulate exclude each other: --simulate runs against an in-process simulator\n');
  });
});
