import { createHash } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile as loadChartioSeed } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim } from '../../src/sim/chartio/server.js';
import { loadSeedFile as loadGrafanaSeed } from '../../src/sim/grafana/seed-data.js';
import { startGrafanaSim } from '../../src/sim/grafana/server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * End to end: the real simulators on loopback, the real CLI as a child process, run in a
 * directory whose `.git` was written by hand (the CLI must read it, never run git). The JSON
 * reports must name the bytes they were made from: each file's sha256, the commit, the version.
 */
const SHA = '0123456789abcdef0123456789abcdef01234567';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const PROVIDERS = [
  {
    name: 'chartio',
    example: 'examples/chartio.yaml',
    start: async () => {
      const sim = await startChartioSim({ data: await loadChartioSeed(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')), credentials: 'ev-key:ev-secret' });
      closers.push(() => sim.close());
      return { CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'ev-key', CHARTIO_API_SECRET: 'ev-secret' };
    },
  },
  {
    name: 'grafana',
    example: 'examples/grafana.yaml',
    start: async () => {
      const seed = await loadGrafanaSeed(path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml'));
      const sim = await startGrafanaSim({ host: '127.0.0.1', data: seed });
      closers.push(() => sim.close());
      return { GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin', GRAFANA_TOKEN: '' };
    },
  },
];

describe.each(PROVIDERS)('$name JSON reports carry their evidence', ({ example, start }) => {
  // Both seeds have drifted from the examples: drift exits 2, audit 0.
  it.each([
    ['audit', 0],
    ['drift', 2],
  ])('%s --format json', async (command, code) => {
    const bytes = await readFile(path.join(REPO_ROOT, example));
    const temp = await tempFiles({
      'deploy/access.yaml': bytes,
      '.git/HEAD': 'ref: refs/heads/access-review\n',
      '.git/packed-refs': `# pack-refs with: peeled fully-peeled sorted\n${SHA} refs/heads/access-review\n`,
      // A git first on PATH that leaves a mark: the README says the commit is read without running git.
      'bin/git': '#!/bin/sh\ntouch "$(dirname "$0")/../git-was-run"\nexit 1\n',
    });
    closers.push(temp.remove);
    await chmod(path.join(temp.dir, 'bin/git'), 0o755);
    const env = { ...(await start()), PATH: `${path.join(temp.dir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` };
    const before = Date.now();
    const run = await runCli([command, '-f', 'deploy/access.yaml', '--format', 'json', '--output', 'report.json'], { cwd: temp.dir, env });
    const after = Date.now();
    expect(run.code).toBe(code);
    const report = JSON.parse(await readFile(path.join(temp.dir, 'report.json'), 'utf8')) as { target: string; evidence: Record<string, unknown> };
    const { version } = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(report.evidence).toEqual({
      generatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      tool: 'accessctl',
      version,
      target: report.target,
      files: [{ path: 'deploy/access.yaml', sha256: createHash('sha256').update(bytes).digest('hex') }],
      commit: { sha: SHA, ref: 'refs/heads/access-review' },
    });
    expect(existsSync(path.join(temp.dir, 'git-was-run'))).toBe(false);
    const at = Date.parse(report.evidence.generatedAt as string);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(after);
  });
});
