import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector, parseFaults } from '../../../src/sim/shared/faults.js';
import { createRandom } from '../../../src/sim/shared/prng.js';
import { startFixtureSim, AUTH } from './helpers.js';
import type { ChartioSim } from '../../../src/sim/chartio/server.js';
import { outcomeSequence, requestOutcome } from '../shared/request-outcome.js';

/** Simulators started by a test; closed after it, whatever the outcome. */
const running: ChartioSim[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});
async function fixtureSim(options: Parameters<typeof startFixtureSim>[0]): Promise<ChartioSim> {
  const sim = await startFixtureSim(options);
  running.push(sim);
  return sim;
}

const outcome = (sim: ChartioSim, path = '/example-org/teams', timeoutMs = 2_000): Promise<string> =>
  requestOutcome(`${sim.url}${path}`, AUTH, timeoutMs);

const sequence = (seed: number, faults: string, n: number): Promise<string[]> =>
  outcomeSequence(() => startFixtureSim({ seed, faults }), '/example-org/teams', AUTH, n);

describe('fault spec', () => {
  it('parses kind:probability lists', () => {
    expect(parseFaults('500:0.1, reset:0.05,truncate:0')).toEqual([
      { kind: '500', probability: 0.1 },
      { kind: 'reset', probability: 0.05 },
      { kind: 'truncate', probability: 0 },
    ]);
    expect(parseFaults('')).toEqual([]);
  });

  it.each([
    ['418:0.1', /unknown fault kind/],
    ['500', /KIND:PROBABILITY/],
    ['500:1.5', /invalid probability/],
    ['500:abc', /invalid probability/],
    ['500:0.6,503:0.6', /more than 1/],
    ['500:0.1,500:0.2', /twice/],
  ])('rejects %s', (spec, message) => {
    expect(() => parseFaults(spec)).toThrow(message);
  });

  it('picks faults in proportion to their probabilities', () => {
    const injector = new FaultInjector(parseFaults('500:0.2,stall:0.1'), createRandom(3));
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const kind = injector.draw() ?? 'none';
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    expect(counts['500']).toBeGreaterThan(1_800);
    expect(counts['500']).toBeLessThan(2_200);
    expect(counts['stall']).toBeGreaterThan(850);
    expect(counts['stall']).toBeLessThan(1_150);
    expect(counts['none']).toBeGreaterThan(6_700);
  });
});

describe('fault injection on the wire', () => {
  it('repeats exactly for a fixed seed, and differs for another seed', async () => {
    const spec = '500:0.15,502:0.1,503:0.1,429:0.1,reset:0.1,truncate:0.1';
    const first = await sequence(42, spec, 40);
    const second = await sequence(42, spec, 40);
    const other = await sequence(43, spec, 40);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    // Every kind shows up in 40 draws at these rates for this seed, and some requests succeed.
    for (const kind of ['200', '500', '502', '503', '429', 'failed', '200:truncated']) expect(first).toContain(kind);
  });

  it('429 faults carry Retry-After and a JSON message', async () => {
    const sim = await fixtureSim({ faults: '429:1' });
    const res = await fetch(`${sim.url}/example-org/teams`, { headers: { authorization: AUTH } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(((await res.json()) as { message: string }).message).toMatch(/429/);
  });

  it('429date faults carry Retry-After as an HTTP date one to two seconds ahead', async () => {
    const sim = await fixtureSim({ faults: '429date:1' });
    const before = Date.now();
    const res = await fetch(`${sim.url}/example-org/teams`, { headers: { authorization: AUTH } });
    expect(res.status).toBe(429);
    const header = res.headers.get('retry-after') ?? '';
    expect(header).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const ahead = Date.parse(header) - before;
    expect(ahead).toBeGreaterThanOrEqual(1000);
    expect(ahead).toBeLessThanOrEqual(2100);
  });

  it('html answers a 200 login page and does not perform the request', async () => {
    const sim = await fixtureSim({ faults: 'html:1' });
    const res = await fetch(`${sim.url}/example-org/teams`, { method: 'POST', headers: { authorization: AUTH }, body: JSON.stringify({ name: 'Lost' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/^<!doctype html>.*password/);
    expect(sim.store.listTeams().map((t) => t.name)).not.toContain('Lost');
  });

  it('badjson performs the request and sends half the JSON as a complete response', async () => {
    const sim = await fixtureSim({ faults: 'badjson:1' });
    const res = await fetch(`${sim.url}/example-org/teams`, { method: 'POST', headers: { authorization: AUTH }, body: JSON.stringify({ name: 'Kept' }) });
    expect(res.status).toBe(201);
    const text = await res.text(); // framing is intact: the body reads to its end
    expect(() => JSON.parse(text)).toThrow();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(sim.store.listTeams().map((t) => t.name)).toContain('Kept');
  });

  it('setFaults changes the faults from the next request on', async () => {
    const sim = await fixtureSim({ faults: '503:1' });
    expect(await outcome(sim)).toBe('503');
    sim.setFaults('');
    expect(await outcome(sim)).toBe('200');
    sim.setFaults('500:1');
    expect(await outcome(sim)).toBe('500');
  });

  it('stall never answers, and close() still finishes', async () => {
    const sim = await startFixtureSim({ faults: 'stall:1' });
    expect(await outcome(sim, '/example-org/teams', 200)).toBe('stalled');
    await sim.close();
  });

  it('faults before the handler do not perform the request; truncate does', async () => {
    const failing = await fixtureSim({ faults: '503:1' });
    const res = await fetch(`${failing.url}/example-org/teams`, { method: 'POST', headers: { authorization: AUTH }, body: JSON.stringify({ name: 'Lost' }) });
    expect(res.status).toBe(503);
    expect(failing.store.listTeams().map((t) => t.name)).not.toContain('Lost');
    const cut = await fixtureSim({ faults: 'truncate:1' });
    expect(await outcome(cut, '/example-org/users')).toBe('200:truncated');
    await fetch(`${cut.url}/example-org/teams`, { method: 'POST', headers: { authorization: AUTH }, body: JSON.stringify({ name: 'Kept' }) })
      .then((r) => r.text())
      .catch(() => undefined);
    expect(cut.store.listTeams().map((t) => t.name)).toContain('Kept');
  });

  it('/__sim/ endpoints are never faulted, and the log records faults', async () => {
    const sim = await fixtureSim({ faults: '500:0.5,reset:0.5', seed: 5 });
    const results: string[] = [];
    for (let i = 0; i < 10; i++) results.push(await outcome(sim));
    const base = sim.url.replace(/\/v1$/, '');
    const log = await fetch(`${base}/__sim/requests`);
    expect(log.status).toBe(200);
    const { requests } = (await log.json()) as { requests: Array<{ status: number | null; fault?: string }> };
    expect(requests).toHaveLength(10);
    expect(requests.map((r) => (r.fault === 'reset' ? 'failed' : String(r.status)))).toEqual(results);
    expect(requests.every((r) => r.fault === '500' || r.fault === 'reset')).toBe(true);
  });
});
