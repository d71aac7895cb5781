import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Files accessctl writes (`--output`, `--out`, `-o`) are redacted like stdout: a server that
 * puts the secret into a name must not get it into a report, an export or a saved plan that a
 * workflow uploads as an artifact. The secret is full of Markdown punctuation, so the Markdown
 * report escapes it before the redactor sees it.
 */
const SECRET = 'file_canary*secret_[7d2e]';

let sim: ChartioSim;
beforeEach(async () => {
  sim = await startChartioSim({
    credentials: `key:${SECRET}`,
    data: {
      org: 'example-org',
      users: [{ email: 'owner@example.com' }, { email: 'a@example.com' }],
      teams: [
        { name: 'Owners', members: ['owner@example.com'] },
        { name: `echo ${SECRET}`, members: ['a@example.com'] },
      ],
      dashboards: [{ slug: 'd', title: 'D', permissions: [{ team: `echo ${SECRET}`, access_level: 'viewer' }] }],
    },
  });
});
afterEach(async () => {
  await sim.close();
});

const FILE = 'version: 1\nprovider: chartio\nchartio: { org: example-org }\nmanage: { teams: all, users: prune }\nteams:\n  Owners: { members: [owner@example.com] }\ndashboards:\n  d: { permissions: { teams: { Owners: admin } } }\n';

describe('output files never hold a credential', () => {
  it.each([
    ['plan --out', ['plan', '--out', 'out.json']],
    ['drift --output (json)', ['drift', '--format', 'json', '--output', 'out.json']],
    ['drift --output (markdown)', ['drift', '--format', 'markdown', '--output', 'out.md']],
    ['drift --output (html)', ['drift', '--format', 'html', '--output', 'out.html']],
    ['audit --output (csv)', ['audit', '--output', 'out.csv']],
    ['audit --output (markdown)', ['audit', '--format', 'markdown', '--output', 'out.md']],
  ])('%s', async (_name, args) => {
    const temp = await tempFiles({ 'access.yaml': FILE });
    try {
      const run = await runCli(args, { cwd: temp.dir, env: { CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'key', CHARTIO_API_SECRET: SECRET } });
      expect(run.stderr).not.toMatch(/^error/m);
      const written = await readFile(path.join(temp.dir, args[args.length - 1]!), 'utf8');
      expect(written).toContain('[REDACTED]');
      for (const form of [SECRET, 'file_canary', 'file\\_canary', 'secret_[7d2e]']) expect(written).not.toContain(form);
    } finally {
      await temp.remove();
    }
  });

  // An export with a name blanked out would plan that name's removal: it writes nothing instead.
  it('export -o writes no file at all when a name holds the credential', async () => {
    const temp = await tempFiles({});
    try {
      const run = await runCli(['export', 'chartio', '--org', 'example-org', '-o', 'out.yaml'], { cwd: temp.dir, env: { CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'key', CHARTIO_API_SECRET: SECRET } });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: a credential of this run is also a name in the live state/m);
      for (const form of [SECRET, 'file_canary']) expect(run.stderr + run.stdout).not.toContain(form);
      await expect(readFile(path.join(temp.dir, 'out.yaml'), 'utf8')).rejects.toThrow(/ENOENT/);
    } finally {
      await temp.remove();
    }
  });
});
