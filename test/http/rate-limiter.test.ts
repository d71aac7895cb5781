import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/http/rate-limiter.js';

/** A clock that only moves when someone sleeps, recording every sleep. */
function fakeTime() {
  let now = 1000;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

describe('RateLimiter token bucket', () => {
  it('allows a burst of N, then one token every SECONDS/N', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter('4/2', time); // 4 per 2 s: a token each 500 ms
    for (let i = 0; i < 4; i++) await limiter.take();
    expect(time.sleeps).toEqual([]);
    await limiter.take();
    await limiter.take();
    expect(time.sleeps).toEqual([500, 500]);
    expect(limiter.available()).toBeCloseTo(0);
  });

  it('refills with elapsed time, never beyond the burst size', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requests: 10, perSeconds: 1 }, time);
    for (let i = 0; i < 10; i++) await limiter.take();
    time.advance(250);
    expect(limiter.available()).toBeCloseTo(2.5);
    time.advance(60_000);
    expect(limiter.available()).toBe(10);
  });

  it('waits only for the missing fraction of a token', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter('1/1', time);
    await limiter.take();
    time.advance(700);
    await limiter.take();
    expect(time.sleeps).toEqual([300]);
  });

  it('serves concurrent waiters in call order, each a token apart', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter('2/1', time);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(time.sleeps).toEqual([500, 500, 500]);
  });

  it('fails instead of spinning when the clock never advances', async () => {
    const limiter = new RateLimiter('1/1', { now: () => 0, sleep: async () => undefined });
    await limiter.take();
    await expect(limiter.take()).rejects.toThrow(/clock did not advance/);
  });
});
