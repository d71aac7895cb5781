import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChartioSim } from '../../../src/sim/chartio/server.js';
import { MIN, O, type Ctx } from './contract-case.js';
import { orgCases } from './contract-org.js';
import { resourceCases } from './contract-resources.js';
import { call, startFixtureSim, storeInvariants, testClock } from './helpers.js';

/**
 * The contract suite: every operation of the seed (Chartio Admin API v1) and every status
 * code it documents, against the fixture in helpers.ts. Each case starts from a reset org
 * and a reset clock, so cases are independent.
 */
const cases = [...resourceCases, ...orgCases];


describe('Chartio simulator contract (seed 000: Chartio Admin API v1)', () => {
  const clock = testClock();
  let sim: ChartioSim;
  const T0 = clock.t;

  beforeAll(async () => {
    sim = await startFixtureSim({ now: clock.now, syncDelayMs: 2_000 });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    clock.t = T0;
    expect((await call(sim, 'POST', '/__sim/reset')).status).toBe(204);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const ctx: Ctx = { sim, clock };
    if (typeof c.setup === 'function') await c.setup(ctx);
    else for (const [method, path, body] of c.setup ?? []) {
      const res = await call(sim, method, path, { body });
      expect(res.status, `setup ${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
    const res = await call(sim, c.method, c.path, { body: c.body, rawBody: c.rawBody, auth: c.auth });
    expect(res.status, JSON.stringify(res.body)).toBe(c.status);
    if (c.status === 204) expect(res.body).toBeUndefined();
    else expect(res.body).toMatchObject(c.expect ?? {});
    if (c.status >= 400) expect(typeof res.body.message).toBe('string');
    for (const [name, value] of Object.entries(c.headers ?? {})) {
      if (typeof value === 'string') expect(res.headers.get(name)).toBe(value);
      else expect(res.headers.get(name)).toMatch(value);
    }
    if (c.status >= 400 && c.method !== 'GET') {
      // Seed rule: a failed write changes nothing.
      const state = await call(sim, 'GET', '/__sim/state');
      const fresh = await startFixtureSim({ now: clock.now });
      try {
        const freshState = await call(fresh, 'GET', '/__sim/state');
        if (!c.setup) expect(state.body).toEqual(freshState.body);
      } finally {
        await fresh.close();
      }
    }
    await c.after?.(res, ctx);
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('walks a schema sync: running (200) -> complete (202) -> expired an hour later (404)', async () => {
    const started = await call(sim, 'POST', `${O}/datasources/1/schema-sync`);
    expect(started.status).toBe(202);
    const poll = () => call(sim, 'GET', `/v1${started.headers.get('location')}`);
    const running = await poll();
    expect(running.status).toBe(200);
    expect(running.body).toEqual({ task_id: started.body.task_id });
    clock.advance(2_000);
    const done = await poll();
    expect(done.status).toBe(202);
    expect(done.body).toMatchObject({
      success: true,
      message: expect.any(String),
      added_objects: {
        num_columns: expect.stringMatching(/^\d+$/),
        num_tables: expect.stringMatching(/^\d+$/),
        num_schemas: expect.stringMatching(/^\d+$/),
        num_foreign_keys: expect.stringMatching(/^\d+$/),
      },
    });
    expect((await call(sim, 'GET', `${O}/datasources/1`)).body.last_reflected).toBe('2024-01-15T12:00:02Z');
    // The task is only found under its own datasource.
    expect((await call(sim, 'GET', `${O}/datasources/2/schema-sync/tasks/${started.body.task_id}`)).status).toBe(404);
    clock.advance(60 * MIN - 1);
    expect((await poll()).status).toBe(202);
    clock.advance(1);
    expect((await poll()).status).toBe(404);
  });
});
