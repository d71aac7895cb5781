import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../src/http/client.js';
import { runChartioSchemaSync } from '../../../src/providers/chartio/schema-sync.js';
import { schemaSyncPollDelay } from '../../../src/providers/chartio/schema-sync-poll.js';
import { startChartioSim, type ChartioSim } from '../../../src/sim/chartio/server.js';

/**
 * runChartioSchemaSync against the real simulator in-process, on a shared fake clock: the
 * simulator's task ends `syncDelayMs` after it started, and the poller's sleeps move the clock,
 * so no test waits for real.
 */
const DATA = {
  users: [{ email: 'owner@example.com' }],
  teams: [{ name: 'Owners', members: ['owner@example.com'] }],
  datasources: [{ slug: 'data-warehouse', alias: 'Data Warehouse' }, { slug: 'events' }, { slug: 'offline', unreachable: true }],
};

let sim: ChartioSim | undefined;
let client: HttpClient;
let clock: number;
const sleep = async (ms: number) => {
  clock += ms;
};
afterEach(async () => {
  if (!sim) return;
  await client.close();
  await sim.close();
  sim = undefined;
});

async function start(syncDelayMs: number): Promise<void> {
  clock = Date.parse('2026-12-01T00:00:00Z');
  sim = await startChartioSim({ data: DATA, syncDelayMs, now: () => clock });
  client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'sim-key', password: 'sim-secret' } });
}

const posts = () => sim!.requests.list().filter((r) => r.method === 'POST');

describe('schemaSyncPollDelay', () => {
  it.each([
    [1, 500],
    [2, 1_000],
    [3, 2_000],
    [4, 4_000],
    [5, 5_000],
    [50, 5_000],
  ])('poll %i waits %i ms', (poll, ms) => {
    expect(schemaSyncPollDelay(poll)).toBe(ms);
  });
});

describe('runChartioSchemaSync', () => {
  it('starts one sync by slug and returns its task without waiting', async () => {
    await start(2_000);
    const result = await runChartioSchemaSync(client, 'example-org', 'data-warehouse', { wait: false, sleep, now: () => clock });
    expect(result.datasource).toEqual({ id: 1, name: 'data-warehouse' });
    expect(result.taskId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.outcome).toBeUndefined();
    expect(posts().map((r) => r.path)).toEqual(['/v1/example-org/datasources/1/schema-sync']);
  });

  it.each([
    ['its alias', 'Data Warehouse'],
    ['its id', '2'],
  ])('finds a datasource by %s', async (_name, ref) => {
    await start(0);
    const result = await runChartioSchemaSync(client, 'example-org', ref, { wait: false, sleep, now: () => clock });
    expect(result.datasource.id).toBe(ref === '2' ? 2 : 1);
  });

  it('polls with growing pauses until the task reports success, then returns its counts', async () => {
    await start(2_000);
    const polls: number[] = [];
    const result = await runChartioSchemaSync(client, 'example-org', 'events', { wait: true, sleep, now: () => clock, onPoll: (n) => polls.push(n) });
    // Polls at +0.5 s and +1.5 s find it running; the one at +3.5 s finds it done.
    expect(polls).toEqual([1, 2]);
    expect(result.outcome).toMatchObject({ success: true, message: 'Schema sync completed.' });
    expect(Object.keys(result.outcome!.addedObjects).sort()).toEqual(['num_columns', 'num_foreign_keys', 'num_schemas', 'num_tables']);
    expect(sim!.requests.list().filter((r) => r.path.includes('/tasks/')).length).toBe(3);
    expect(posts()).toHaveLength(1);
  });

  it('returns a failed task as a failure, and the datasource stays unreflected', async () => {
    await start(1_000);
    const result = await runChartioSchemaSync(client, 'example-org', 'offline', { wait: true, sleep, now: () => clock });
    expect(result.outcome).toEqual({
      success: false,
      message: 'Could not connect to the datasource.',
      addedObjects: { num_columns: '0', num_tables: '0', num_schemas: '0', num_foreign_keys: '0' },
    });
    expect(sim!.store.getDatasource('3').last_reflected).toBeNull();
  });

  it('gives up after the API\'s 15 minutes', async () => {
    await start(60 * 60 * 1000);
    await expect(runChartioSchemaSync(client, 'example-org', 'events', { wait: true, sleep, now: () => clock })).rejects.toThrow(
      /schema sync of datasource "events" \(task [0-9a-f-]+\) did not finish within 15 minutes/,
    );
    expect(posts()).toHaveLength(1);
  });

  it('names the closest slugs for a datasource that does not exist, and starts nothing', async () => {
    await start(0);
    await expect(runChartioSchemaSync(client, 'example-org', 'data-warehose', { wait: false, sleep })).rejects.toThrow(
      'no datasource "data-warehose" in the org; did you mean "data-warehouse"?',
    );
    expect(posts()).toEqual([]);
  });
});
