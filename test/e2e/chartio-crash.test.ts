import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { CLI, REPO_ROOT, runCli } from '../helpers/run-cli.js';

/**
 * Crash points (issue 8): apply is killed with SIGKILL after k writes; the next plan shows
 * exactly what is left and the next apply finishes it, with nothing created twice.
 */
const EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');
let sim: ChartioSim;
const env = () => ({ ...process.env, CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'crash-key', CHARTIO_API_SECRET: 'crash-secret' });
const writes = () => sim.requests.list().filter((r) => r.method !== 'GET' && r.status !== null);
const planLines = (stdout: string) => stdout.split('\n').filter((line) => /^  \S/.test(line));

beforeEach(async () => {
  // Latency gives the test time to kill the child between two writes.
  sim = await startChartioSim({ data: await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')), credentials: 'crash-key:crash-secret', latencyMs: 40 });
});
afterEach(async () => {
  await sim.close();
});

async function applyKilledAfter(k: number): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'apply', '-f', EXAMPLE, '--auto-approve', '--parallelism', '1'], { env: env(), stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for (let i = 0; i < 2000 && writes().length < k && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 2));
  child.kill('SIGKILL');
  await exited;
  // A write already sent when the client died still lands after the simulator's latency: let it settle.
  await new Promise((r) => setTimeout(r, 200));
}

describe('apply killed part-way', () => {
  it.each([1, 4, 8])('after %i writes: the next plan shows the rest, and apply finishes it', async (k) => {
    const before = await runCli(['plan', '-f', EXAMPLE], { env: env() });
    const all = planLines(before.stdout);
    expect(all.length).toBe(12);

    await applyKilledAfter(k);
    const done = writes().length;
    expect(done).toBeGreaterThanOrEqual(k);
    expect(done).toBeLessThan(all.length);

    const rest = await runCli(['plan', '-f', EXAMPLE, '--detailed-exitcode'], { env: env() });
    expect(rest.code).toBe(2);
    const left = planLines(rest.stdout);
    // Exactly the changes not yet made: each write made one planned change.
    expect(left.length).toBe(all.length - done);
    for (const line of left) expect(all).toContain(line);

    const finish = await runCli(['apply', '-f', EXAMPLE, '--auto-approve'], { env: env() });
    expect(finish.code).toBe(0);
    expect((await runCli(['plan', '-f', EXAMPLE, '--detailed-exitcode'], { env: env() })).code).toBe(0);
    const state = sim.store.toJSON() as { users: { email: string }[] };
    expect(state.users.filter((u) => u.email === 'bob@example.com')).toHaveLength(1); // created once
  });
});
