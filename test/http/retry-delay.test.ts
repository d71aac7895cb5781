import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelay } from '../../src/http/retry-delay.js';

const options = { baseMs: 100, capMs: 1000, maxRetryAfterMs: 60_000 };
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0); // a whole second, like HTTP-dates

describe('retryDelay: full jitter backoff', () => {
  it.each([
    // retry, random, expected: floor(random * min(cap, base * 2^(retry-1)))
    [1, 0, 0],
    [1, 0.5, 50],
    [1, 0.999, 99],
    [2, 0.5, 100],
    [3, 0.5, 200],
    [4, 0.5, 400],
    [5, 0.5, 500], // 1600 capped at 1000
    [40, 0.5, 500], // huge exponent stays capped
  ])('retry %i with random %f waits %i ms', (retry, random, expected) => {
    expect(retryDelay(retry, undefined, NOW, random, options)).toBe(expected);
  });

  it('never exceeds the cap even for random close to 1', () => {
    expect(retryDelay(10, undefined, NOW, 0.9999999, options)).toBeLessThan(1000);
    expect(retryDelay(10, undefined, NOW, 5, options)).toBeLessThan(1000);
  });
});

describe('retryDelay: Retry-After is a floor', () => {
  it.each([
    ['seconds', '3', 0, 3000],
    ['seconds plus jitter', '3', 0.5, 3050],
    ['zero seconds', '0', 0, 0],
    ['HTTP-date in 7 s', new Date(NOW + 7000).toUTCString(), 0, 7000],
    ['HTTP-date in 7 s plus jitter', new Date(NOW + 7000).toUTCString(), 0.5, 7050],
    ['HTTP-date in the past', new Date(NOW - 7000).toUTCString(), 0, 0],
    ['unparseable value falls back to backoff', 'soon', 0.5, 50],
  ])('%s', (_name, header, random, expected) => {
    expect(retryDelay(1, header, NOW, random, options)).toBe(expected);
  });

  it('gives up (undefined) rather than wait less than a Retry-After beyond the maximum', () => {
    expect(retryDelay(1, '61', NOW, 0, options)).toBeUndefined();
    expect(retryDelay(1, new Date(NOW + 3_600_000).toUTCString(), NOW, 0, options)).toBeUndefined();
    expect(retryDelay(1, '60', NOW, 0, options)).toBe(60_000);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 2 ', 2000],
    ['1.5', 1500],
    [new Date(NOW + 30_000).toUTCString(), 30_000],
    ['-1', undefined],
    ['', undefined],
    ['abc', undefined],
    ['1e3', undefined],
  ])('%j -> %s', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});
