import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * An output path that cannot be written (`plan --out`, `drift`/`audit --output`, `export -o`) is
 * one `error: cannot write PATH: REASON` line and exit 1, never Node's ENOENT with a stack trace
 * (issue 15). The built CLI against the Chartio simulator on loopback: the read succeeds, the write fails.
 */

const EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');

let sim: ChartioSim;
let work: Awaited<ReturnType<typeof tempFiles>>;
beforeAll(async () => {
  sim = await startChartioSim({ data: await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')) });
  work = await tempFiles({ 'a-file.txt': 'not a folder\n', 'reports/.keep': '' });
});
afterAll(async () => {
  await sim.close();
  await work.remove();
});

const env = () => ({ CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'sim-key', CHARTIO_API_SECRET: 'sim-secret' });

const COMMANDS: Record<string, (out: string) => string[]> = {
  'plan --out': (out) => ['plan', '-f', EXAMPLE, '--out', out],
  'drift --output': (out) => ['drift', '-f', EXAMPLE, '--output', out],
  'audit --output': (out) => ['audit', '-f', EXAMPLE, '--format', 'csv', '--output', out],
  'export -o': (out) => ['export', 'chartio', '--org', 'example-org', '-o', out],
};

const CASES = [
  ...Object.keys(COMMANDS).map((command) => ({ command, place: 'a missing folder', out: 'no-such-folder/out.txt', reason: 'no such folder' })),
  { command: 'plan --out', place: 'a folder as the target', out: 'reports', reason: 'it is a folder' },
  { command: 'drift --output', place: 'a path through a file', out: 'a-file.txt/out.md', reason: 'a part of the path is not a folder' },
  // sysfs refuses new files to everyone, root included (a chmod 0500 folder would not stop root).
  { command: 'audit --output', place: 'a read-only place', out: '/sys/accessctl-audit.csv', reason: 'permission denied' },
];

describe.concurrent('an output path that cannot be written', () => {
  it.for(CASES)('$command into $place: one error line, exit 1', async ({ command, out, reason }) => {
    const run = await runCli(COMMANDS[command]!(out), { cwd: work.dir, env: env() });
    expect(run.stderr).toBe(`error: cannot write ${out}: ${reason}\n`);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });
});
