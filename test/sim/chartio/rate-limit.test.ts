import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/sim/shared/rate-limit.js';
import { call, startFixtureSim, testClock } from './helpers.js';

describe('token bucket', () => {
  it('allows a burst of N, then refills N per SECONDS', () => {
    const clock = testClock();
    const bucket = new TokenBucket({ requests: 4, perSeconds: 2 }, clock.now);
    for (let i = 0; i < 4; i++) expect(bucket.take()).toEqual({ ok: true });
    expect(bucket.take()).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.advance(500); // one token back (4 per 2 s)
    expect(bucket.take()).toEqual({ ok: true });
    expect(bucket.take().ok).toBe(false);
    clock.advance(60_000); // never more than N
    for (let i = 0; i < 4; i++) expect(bucket.take().ok).toBe(true);
    expect(bucket.take().ok).toBe(false);
  });
});

describe('rate limiting on the wire', () => {
  it('answers 429 with Retry-After in seconds and a JSON message, then recovers', async () => {
    const clock = testClock();
    // 3 requests per 10 s: one token every 3.33 s, so Retry-After is 4 when the bucket is empty.
    const sim = await startFixtureSim({ rateLimit: '3/10', now: clock.now });
    try {
      for (let i = 0; i < 3; i++) expect((await call(sim, 'GET', '/example-org/teams')).status).toBe(200);
      const limited = await call(sim, 'GET', '/example-org/teams');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('4');
      expect(limited.body.message).toMatch(/Too many requests/);
      // Test hooks are not rate limited.
      expect((await call(sim, 'GET', '/__sim/state')).status).toBe(200);
      clock.advance(4_000);
      expect((await call(sim, 'GET', '/example-org/teams')).status).toBe(200);
      expect((await call(sim, 'GET', '/example-org/teams')).status).toBe(429);
    } finally {
      await sim.close();
    }
  });
});
