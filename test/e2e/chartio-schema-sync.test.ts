import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

/** `accessctl schema-sync` end to end: the real CLI as a child process against the Chartio simulator. */
const EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');
let sim: ChartioSim;
afterEach(async () => {
  await sim.close();
});

async function start(): Promise<NodeJS.ProcessEnv> {
  const data = (await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml'))) as { datasources?: unknown[] };
  // A datasource whose database cannot be reached: its syncs fail.
  const datasources = [...(data.datasources ?? []), { slug: 'offline-db', unreachable: true }];
  sim = await startChartioSim({ data: { ...data, datasources }, syncDelayMs: 300 });
  return { CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'sim-key', CHARTIO_API_SECRET: 'sim-secret' };
}

const starts = () => sim.requests.list().filter((r) => r.method === 'POST' && r.path.endsWith('/schema-sync'));

describe('accessctl schema-sync', () => {
  it('starts a sync and prints its task; exit 0', async () => {
    const env = await start();
    const run = await runCli(['schema-sync', 'data-warehouse', '-f', EXAMPLE], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Started the schema sync of datasource "data-warehouse" \(\d+\) of chartio org example-org \(\S+\): task [0-9a-f-]{36}\. Add --wait to follow it\.\n$/);
    expect(starts()).toHaveLength(1);
  });

  it('with --wait, follows the task to its end and prints what was added; exit 0', async () => {
    const env = await start();
    const run = await runCli(['schema-sync', 'data-warehouse', '-f', EXAMPLE, '--wait'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/succeeded: Schema sync completed\. \(added: \d+ columns, \d+ tables, \d+ schemas, \d+ foreign keys\)\n$/);
    expect(sim.requests.list().filter((r) => r.path.includes('/schema-sync/tasks/')).length).toBeGreaterThan(0);
    expect(starts()).toHaveLength(1);
  });

  it('with --wait, exits 1 when the sync fails, saying why', async () => {
    const env = await start();
    const run = await runCli(['schema-sync', 'offline-db', '-f', EXAMPLE, '--wait'], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Schema sync of datasource "offline-db" \(\d+\) of chartio org example-org \(\S+\) FAILED: Could not connect to the datasource\. /);
  });

  it.each([
    ['a datasource that does not exist', ['schema-sync', 'data-warehose', '-f', EXAMPLE], 'error: no datasource "data-warehose" in the org; did you mean "data-warehouse"?'],
    ['a Grafana file', ['schema-sync', 'x', '-f', path.join(REPO_ROOT, 'examples/grafana.yaml')], 'error: schema-sync is a Chartio command; grafana has no schema sync'],
  ])('refuses %s with a plain error; exit 1, nothing started', async (_name, args, message) => {
    const env = await start();
    const run = await runCli(args, { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(starts()).toEqual([]);
  });
});
