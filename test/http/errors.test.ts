import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConnectionError, HttpError, RedirectError, TimeoutError, printable, safeCause } from '../../src/http/errors.js';
import { redactorFor } from '../../src/http/redact.js';

const secret = 'canary-9d2e-secret';
const redact = redactorFor({ kind: 'basic', user: 'k', password: secret });

describe('safeCause', () => {
  it('copies name, message, code and the cause chain, redacted, and nothing else', () => {
    const inner = new Error(`socket to 10.0.0.1 failed with ${secret}`);
    const outer = Object.assign(new Error(`request failed: ${secret}`, { cause: inner }), {
      code: 'UND_ERR_SOCKET',
      headers: { authorization: `Basic ${Buffer.from(`k:${secret}`).toString('base64')}` },
      options: { password: secret },
    });
    outer.name = 'SocketError';
    const copy = safeCause(outer, redact);
    expect(copy).toMatchObject({ name: 'SocketError', message: 'request failed: [REDACTED]', code: 'UND_ERR_SOCKET' });
    expect((copy.cause as Error).message).toBe('socket to 10.0.0.1 failed with [REDACTED]');
    const shown = `${inspect(copy, { depth: Infinity, showHidden: true })} ${JSON.stringify(copy)} ${String(copy.stack)}`;
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain(Buffer.from(`k:${secret}`).toString('base64'));
    expect(shown).not.toContain('authorization');
  });

  it('follows the first error of an AggregateError and bounds the depth', () => {
    const aggregate = new AggregateError([Object.assign(new Error(`connect ECONNREFUSED ${secret}`), { code: 'ECONNREFUSED' })], 'all failed');
    expect((safeCause(aggregate, redact).cause as Error).message).toBe('connect ECONNREFUSED [REDACTED]');
    let deep: Error = new Error('bottom');
    for (let i = 0; i < 20; i++) deep = new Error(`level ${i}`, { cause: deep });
    let depth = 0;
    for (let e: unknown = safeCause(deep, redact); e instanceof Error; e = e.cause) depth++;
    expect(depth).toBe(5);
  });

  it('turns a thrown non-error into an Error', () => {
    expect(safeCause(`string with ${secret}`, redact).message).toBe('string with [REDACTED]');
  });
});

describe('error messages', () => {
  it.each([
    [new HttpError({ method: 'GET', path: '/v1/example-org/teams', status: 404, serverMessage: 'Team was not found.', attempts: 1 }), 'GET /v1/example-org/teams -> 404: Team was not found.'],
    [new HttpError({ method: 'PUT', path: '/v1/x', status: 503, attempts: 3 }), 'PUT /v1/x -> 503: Service Unavailable (after 3 attempts)'],
    [new HttpError({ method: 'GET', path: '/v1/x', status: 599, attempts: 1 }), 'GET /v1/x -> 599: no message'],
    [new RedirectError({ method: 'GET', path: '/v1/x', status: 302, location: 'https://sso.example/login', attempts: 1 }), 'GET /v1/x -> 302: redirect to https://sso.example/login not followed'],
    [new TimeoutError({ method: 'GET', path: '/v1/x', phase: 'headers', timeoutMs: 30_000, attempts: 5 }), 'GET /v1/x: timed out waiting for the response headers (30000 ms) (after 5 attempts)'],
    // With the origin the client knows (DESIGN §1.7): which server refused, not only which path.
    [new HttpError({ method: 'GET', origin: 'https://api.chartio.com', path: '/v1/acme/teams', status: 403, serverMessage: 'Forbidden.', attempts: 1 }), 'GET https://api.chartio.com/v1/acme/teams -> 403: Forbidden.'],
    [new ConnectionError({ method: 'GET', origin: 'http://127.0.0.1:9', path: '/api/users/search', code: 'ECONNREFUSED', sent: false, attempts: 1 }), 'GET http://127.0.0.1:9/api/users/search: connection failed (ECONNREFUSED)'],
  ])('%s', (error, message) => {
    expect(error.message).toBe(message);
  });
});

describe('printable', () => {
  it.each([
    ['plain text', 'plain text'],
    ['multi\n  line\ttext', 'multi line text'],
    ['\u001b[2J\u001b[31mred', '\\u001b[2J\\u001b[31mred'],
    ['bell\u0007 and del\u007f', 'bell\\u0007 and del\\u007f'],
    ['::set-output name=x::y', '::set-output name=x::y'],
  ])('%j', (input, expected) => {
    expect(printable(input)).toBe(expected);
  });

  it('cuts long text', () => {
    expect(printable('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
