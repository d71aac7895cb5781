import { describe, expect, it } from 'vitest';
import type { GrafanaSim } from '../../../src/sim/grafana/server.js';
import { outcomeSequence, requestOutcome } from '../shared/request-outcome.js';
import { ADMIN, call, startFixtureSim } from './helpers.js';

const outcome = (sim: GrafanaSim, path = '/api/teams/search', timeoutMs = 2_000): Promise<string> =>
  requestOutcome(`${sim.url}${path}`, ADMIN, timeoutMs);

const sequence = (seed: number, faults: string, n: number): Promise<string[]> =>
  outcomeSequence(() => startFixtureSim({ seed, faults }), '/api/teams/search', ADMIN, n);

describe('fault injection (shared with the Chartio simulator)', () => {
  it('repeats exactly for a fixed seed, and differs for another seed', async () => {
    const spec = '500:0.15,502:0.1,503:0.1,429:0.1,reset:0.1,truncate:0.1';
    const first = await sequence(42, spec, 40);
    expect(await sequence(42, spec, 40)).toEqual(first);
    expect(await sequence(43, spec, 40)).not.toEqual(first);
    for (const kind of ['200', '500', '502', '503', '429', 'failed', '200:truncated']) expect(first).toContain(kind);
  });

  it('/__sim/reset restarts the fault sequence', async () => {
    const sim = await startFixtureSim({ seed: 7, faults: '500:0.5' });
    try {
      const run = async () => {
        const results: string[] = [];
        for (let i = 0; i < 12; i++) results.push(await outcome(sim));
        return results;
      };
      const first = await run();
      expect((await call(sim, 'POST', '/__sim/reset')).status).toBe(204);
      expect(await run()).toEqual(first);
      expect(first).toContain('500');
      expect(first).toContain('200');
    } finally {
      await sim.close();
    }
  });

  it('a faulted write is not performed; a truncated one is', async () => {
    const failing = await startFixtureSim({ faults: '503:1' });
    try {
      const res = await fetch(`${failing.url}/api/teams`, { method: 'POST', headers: { authorization: ADMIN }, body: JSON.stringify({ name: 'Lost' }) });
      expect(res.status).toBe(503);
      expect([...failing.store.state.teams.values()].map((t) => t.name)).not.toContain('Lost');
    } finally {
      await failing.close();
    }
    const cut = await startFixtureSim({ faults: 'truncate:1' });
    try {
      await fetch(`${cut.url}/api/teams`, { method: 'POST', headers: { authorization: ADMIN }, body: JSON.stringify({ name: 'Kept' }) })
        .then((r) => r.text())
        .catch(() => undefined);
      expect([...cut.store.state.teams.values()].map((t) => t.name)).toContain('Kept');
    } finally {
      await cut.close();
    }
  });

  it('stall never answers, and close() still finishes', async () => {
    const sim = await startFixtureSim({ faults: 'stall:1' });
    expect(await outcome(sim, '/api/org', 200)).toBe('stalled');
    await sim.close();
  });

  it('rate limit: 429 with Retry-After once the bucket is empty, health included', async () => {
    let t = Date.UTC(2024, 0, 1);
    const sim = await startFixtureSim({ rateLimit: '2/10', now: () => t });
    try {
      expect((await call(sim, 'GET', '/api/health', { auth: null })).status).toBe(200);
      expect((await call(sim, 'GET', '/api/org')).status).toBe(200);
      const limited = await call(sim, 'GET', '/api/org');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('5');
      t += 5_000;
      expect((await call(sim, 'GET', '/api/org')).status).toBe(200);
      expect((await call(sim, 'GET', '/__sim/state')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
