import { describe, expect, it } from 'vitest';
import { ConnectionError, InvalidJsonError, ResponseTooLargeError, TimeoutError } from '../../src/http/errors.js';
import { isIdempotent, isRetryable, shouldRetry } from '../../src/http/retry-policy.js';

const at = { method: 'GET', path: '/v1/x', attempts: 1 };
const reset = new ConnectionError({ ...at, code: 'ECONNRESET', sent: true });
const refused = new ConnectionError({ ...at, code: 'ECONNREFUSED', sent: false });
const headersTimeout = new TimeoutError({ ...at, phase: 'headers', timeoutMs: 10 });
const connectTimeout = new TimeoutError({ ...at, phase: 'connect', timeoutMs: 10 });
const tooLarge = new ResponseTooLargeError({ ...at, limitBytes: 10 });
const badJson = new InvalidJsonError({ ...at, status: 200, contentType: 'text/html', excerpt: '<html>' });
const cutJson = new InvalidJsonError({ ...at, status: 200, contentType: 'application/json; charset=utf-8', excerpt: '{"teams": [' });

describe('isRetryable by status', () => {
  it.each([
    // method, idempotent flag, status, retry?
    ['GET', undefined, 429, true],
    ['GET', undefined, 502, true],
    ['GET', undefined, 503, true],
    ['GET', undefined, 504, true],
    ['PUT', undefined, 503, true],
    ['DELETE', undefined, 502, true],
    ['PATCH', undefined, 504, true],
    ['GET', undefined, 500, true],
    ['PUT', undefined, 500, true],
    ['POST', undefined, 500, false],
    ['POST', true, 500, true],
    ['GET', undefined, 501, false],
    ['GET', undefined, 400, false],
    ['GET', undefined, 401, false],
    ['GET', undefined, 404, false],
    ['GET', undefined, 409, false],
    ['POST', undefined, 502, false],
    ['POST', undefined, 503, false],
    ['POST', undefined, 504, false],
    ['POST', false, 503, false],
    ['POST', true, 503, true],
    ['POST', true, 502, true],
    // 429: the server refused to process it, so even a create is safe to repeat.
    ['POST', undefined, 429, true],
  ] as const)('%s idempotent=%s status %i -> %s', (method, idempotent, status, expected) => {
    expect(isRetryable(method, idempotent, { status })).toBe(expected);
  });
});

describe('isRetryable by transport error', () => {
  it.each([
    ['GET', undefined, reset, true],
    ['POST', undefined, reset, false],
    ['POST', true, reset, true],
    ['POST', undefined, refused, true],
    ['GET', undefined, headersTimeout, true],
    ['POST', undefined, headersTimeout, false],
    ['POST', undefined, connectTimeout, true],
    ['GET', undefined, tooLarge, false],
    ['GET', undefined, badJson, false],
    ['GET', undefined, cutJson, true],
    ['DELETE', undefined, cutJson, true],
    ['POST', undefined, cutJson, false],
    ['POST', true, cutJson, true],
    ['GET', undefined, new Error('bug'), false],
  ] as const)('%s idempotent=%s %s -> %s', (method, idempotent, error, expected) => {
    expect(isRetryable(method, idempotent, { error })).toBe(expected);
  });
});

describe('shouldRetry', () => {
  it('stops at the attempt budget', () => {
    expect(shouldRetry('GET', undefined, { status: 503 }, 4, 5)).toBe(true);
    expect(shouldRetry('GET', undefined, { status: 503 }, 5, 5)).toBe(false);
    expect(shouldRetry('GET', undefined, { status: 503 }, 1, 1)).toBe(false);
  });

  it('knows the idempotent methods', () => {
    expect(['GET', 'put', 'DELETE', 'PATCH', 'HEAD'].every((m) => isIdempotent(m, undefined))).toBe(true);
    expect(isIdempotent('POST', undefined)).toBe(false);
    expect(isIdempotent('POST', true)).toBe(true);
  });
});
