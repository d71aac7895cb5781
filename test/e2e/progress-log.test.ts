import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

/**
 * Progress where there is no terminal (a CI log; these child processes write to pipes): one line
 * when a read starts, then a heartbeat saying how far it got, at most every
 * ACCESSCTL_HEARTBEAT_SECONDS (default 10), never a rewritten line or an escape sequence. The
 * simulator answers every request 300 ms late, one at a time, so a read of the demo org
 * takes about 2 s and a heartbeat each 0.5 s has something to say.
 */
const EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');
const CREDENTIALS = { CHARTIO_API_KEY: 'progress-key', CHARTIO_API_SECRET: 'progress-secret' };

let sim: ChartioSim;
afterEach(async () => {
  await sim.close();
});

async function slowSim(latencyMs: number): Promise<NodeJS.ProcessEnv> {
  sim = await startChartioSim({ data: await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')), credentials: 'progress-key:progress-secret', latencyMs });
  return { ...CREDENTIALS, CHARTIO_URL: sim.url };
}

describe('progress without a terminal', () => {
  it('plan: the phase line, then heartbeats with the requests answered so far, at most one per interval', async () => {
    const env = await slowSim(300);
    const started = performance.now();
    const run = await runCli(['plan', '-f', EXAMPLE, '--parallelism', '1'], { env: { ...env, ACCESSCTL_HEARTBEAT_SECONDS: '0.5' } });
    const elapsedS = (performance.now() - started) / 1000;
    expect(run.code, run.rawStderr).toBe(0);
    const phase = `reading chartio org example-org (${sim.url})`;
    const [first, ...beats] = run.rawStderr.trimEnd().split('\n');
    expect(first).toBe(phase);
    const pattern = new RegExp(`^${phase.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: (?:(\\d+) of ~(\\d+) requests|no answer yet) after (\\d+\\.\\d) s$`);
    const parsed = beats.map((line) => {
      const match = pattern.exec(line);
      expect(match, line).not.toBeNull();
      return { done: Number(match![1] ?? 0), expected: Number(match![2] ?? 0), at: Number(match![3]) };
    });
    expect(parsed.length).toBeGreaterThanOrEqual(2);
    expect(parsed.length).toBeLessThanOrEqual(Math.floor(elapsedS / 0.5) + 1);
    for (const [i, beat] of parsed.entries()) {
      expect(beat.done).toBeLessThanOrEqual(beat.expected);
      if (i > 0) {
        expect(beat.done).toBeGreaterThanOrEqual(parsed[i - 1]!.done);
        expect(beat.at - parsed[i - 1]!.at).toBeGreaterThanOrEqual(0.4);
      }
    }
    expect(parsed.at(-1)!.done).toBeGreaterThan(0);
    expect(parsed.at(-1)!.done).toBeLessThanOrEqual(sim.requests.list().length);
    expect(run.rawStderr).not.toMatch(/[\r\u001b]/);
  });

  it('a read shorter than the default 10 s prints its phase line and no heartbeat', async () => {
    const env = await slowSim(0);
    const run = await runCli(['drift', '-f', EXAMPLE, '--format', 'json'], { env: { ...env, ACCESSCTL_HEARTBEAT_SECONDS: '' } });
    expect(run.code).toBe(2);
    expect(run.rawStderr).toBe(`reading chartio org example-org (${sim.url})\n`);
    // stdout stays the report alone: progress never mixes into what a script parses.
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });
});
