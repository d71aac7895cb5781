import { describe, expect, it } from 'vitest';
import { HttpError, ConnectionError } from '../../src/http/errors.js';
import { RateLimiter } from '../../src/http/rate-limiter.js';
import { json, reset, text, type Handler } from '../helpers/scripted-server.js';
import { useServersAndClients } from '../helpers/test-client.js';

const { server, client } = useServersAndClients();

describe('HttpClient basics', () => {
  it('sends JSON with auth under the API root and parses the JSON answer', async () => {
    const s = await server(json(201, { id: 7 }));
    const { client: c } = client(s.origin);
    const response = await c.request<{ id: number }>({
      method: 'POST',
      path: '/example-org/teams',
      query: { expand: 'users', skip: undefined, n: 2 },
      body: { name: 'Marketing' },
    });
    expect(response).toMatchObject({ status: 201, body: { id: 7 }, attempts: 1 });
    const [sent] = s.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/v1/example-org/teams?expand=users&n=2');
    expect(sent?.headers.authorization).toBe(`Basic ${Buffer.from('test-key:test-secret').toString('base64')}`);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent?.body ?? '')).toEqual({ name: 'Marketing' });
  });

  it('sends a bearer token', async () => {
    const s = await server(json(200, {}));
    const { client: c } = client(s.origin, { auth: { kind: 'bearer', token: 'glsa_token' } });
    await c.request({ method: 'GET', path: '/api/org' });
    expect(s.requests[0]?.headers.authorization).toBe('Bearer glsa_token');
  });

  it('returns undefined for an empty body', async () => {
    const s = await server((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const { client: c } = client(s.origin);
    expect((await c.request({ method: 'DELETE', path: '/x' })).body).toBeUndefined();
  });

  it('reports each attempt to onEvent without credentials', async () => {
    const s = await server([json(503, {}), json(200, {})]);
    const { client: c, events } = client(s.origin);
    await c.request({ method: 'GET', path: '/example-org/users' });
    expect(events.map(({ durationMs: _d, waitedMs: _w, ...rest }) => rest)).toEqual([
      { method: 'GET', path: '/v1/example-org/users', attempt: 1, status: 503, outcome: 'retry', retryInMs: 0 },
      { method: 'GET', path: '/v1/example-org/users', attempt: 2, status: 200, outcome: 'done' },
    ]);
    expect(events.every((e) => e.durationMs >= 0 && e.waitedMs >= 0)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('test-secret');
  });

  it('refuses to work after close', async () => {
    const s = await server(json(200, {}));
    const { client: c } = client(s.origin);
    await c.close();
    await expect(c.request({ method: 'GET', path: '/x' })).rejects.toThrow(/closed/);
    expect(s.requests).toHaveLength(0);
  });
});

describe('retries', () => {
  it.each([429, 502, 503, 504])('retries a GET answered %i and returns the later success', async (status) => {
    const s = await server([json(status, { message: 'busy' }), json(200, { ok: true })]);
    const { client: c, sleeps } = client(s.origin);
    const response = await c.request({ method: 'GET', path: '/x' });
    expect(response).toMatchObject({ status: 200, body: { ok: true }, attempts: 2 });
    expect(s.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'] as const)('retries a %s after a connection reset', async (method) => {
    const s = await server([reset, json(200, { ok: true })]);
    const { client: c, events } = client(s.origin);
    const response = await c.request({ method, path: '/x', body: method === 'GET' ? undefined : { a: 1 } });
    expect(response.attempts).toBe(2);
    expect(events[0]).toMatchObject({ attempt: 1, error: 'ConnectionError', outcome: 'retry' });
    expect(s.requests).toHaveLength(2);
  });

  it('retries a GET whose body was cut short (truncated JSON) and never returns the fragment', async () => {
    const truncated: Handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
      res.write('{"users": [{"id": 1}, {"id"');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const s = await server([truncated, json(200, { users: [] })]);
    const { client: c, events } = client(s.origin);
    const response = await c.request({ method: 'GET', path: '/org/users' });
    expect(response).toMatchObject({ body: { users: [] }, attempts: 2 });
    expect(events[0]).toMatchObject({ error: 'ConnectionError', outcome: 'retry' });
  });

  it('does not retry an aborted request', async () => {
    const s = await server(json(200, {}));
    const { client: c } = client(s.origin);
    const controller = new AbortController();
    controller.abort();
    await expect(c.request({ method: 'GET', path: '/x', signal: controller.signal })).rejects.toThrow(/aborted/);
    expect(s.requests).toHaveLength(0);
  });

  it.each([
    ['502', json(502, {})],
    ['503', json(503, {})],
    ['504', json(504, {})],
    ['a reset', reset],
  ])('does not retry a POST after %s', async (_name, first) => {
    const s = await server([first, json(201, {})]);
    const { client: c, sleeps } = client(s.origin);
    await expect(c.request({ method: 'POST', path: '/example-org/users', body: {} })).rejects.toSatisfy(
      (error) => error instanceof HttpError || error instanceof ConnectionError,
    );
    expect(s.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each([
    ['503', json(503, {})],
    ['a reset', reset],
  ])('retries an idempotent (upsert) POST after %s', async (_name, first) => {
    const s = await server([first, json(201, { ok: true })]);
    const { client: c } = client(s.origin);
    const response = await c.request({ method: 'POST', path: '/org/dashboards/1/permissions', body: {}, idempotent: true });
    expect(response.attempts).toBe(2);
    expect(s.requests).toHaveLength(2);
  });

  it('retries a POST answered 429: the server did not process it', async () => {
    const s = await server([json(429, {}, { 'retry-after': '1' }), json(201, {})]);
    const { client: c, sleeps } = client(s.origin);
    expect((await c.request({ method: 'POST', path: '/x', body: {} })).attempts).toBe(2);
    expect(sleeps).toEqual([1000]);
  });

  it('retries a GET answered 500, not a create', async () => {
    const s = await server([json(500, { message: 'lock timeout' }), json(200, { ok: true }), json(500, { message: 'lock timeout' }), json(201, {})]);
    const { client: c } = client(s.origin);
    expect(await c.request({ method: 'GET', path: '/x' })).toMatchObject({ attempts: 2, body: { ok: true } });
    await expect(c.request({ method: 'POST', path: '/x', body: {} })).rejects.toMatchObject({ status: 500, attempts: 1 });
    expect(s.requests).toHaveLength(3);
  });

  it('retries a GET whose JSON body was cut short; an HTML login page is final', async () => {
    const cut = (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"teams": [{"id": 1');
    };
    const login = (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><form>password</form>');
    };
    const s = await server([cut, json(200, { teams: [] }), login, json(200, {})]);
    const { client: c } = client(s.origin);
    expect(await c.request({ method: 'GET', path: '/teams' })).toMatchObject({ attempts: 2, body: { teams: [] } });
    await expect(c.request({ method: 'GET', path: '/teams' })).rejects.toMatchObject({ name: 'InvalidJsonError', attempts: 1 });
    expect(s.requests).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 409, 501])('does not retry %i', async (status) => {
    const s = await server([json(status, { message: 'no' }), json(200, {})]);
    const { client: c } = client(s.origin);
    await expect(c.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ status, attempts: 1 });
    expect(s.requests).toHaveLength(1);
  });

  it('waits at least Retry-After given in seconds', async () => {
    const s = await server([json(429, {}, { 'retry-after': '3' }), json(503, {}, { 'retry-after': '1' }), json(200, {})]);
    const { client: c, sleeps } = client(s.origin, { random: () => 0.5, retry: { baseMs: 100 } });
    await c.request({ method: 'GET', path: '/x' });
    // Retry-After plus full jitter: 3000 + 0.5 * 100, then 1000 + 0.5 * 200.
    expect(sleeps).toEqual([3050, 1100]);
  });

  it('waits at least Retry-After given as an HTTP-date', async () => {
    const now = Date.UTC(2026, 10, 24, 18, 0, 0);
    const s = await server([json(503, {}, { 'retry-after': new Date(now + 42_000).toUTCString() }), json(200, {})]);
    const { client: c, sleeps } = client(s.origin, { now: () => now });
    await c.request({ method: 'GET', path: '/x' });
    expect(sleeps).toEqual([42_000]);
  });

  it('fails instead of waiting when Retry-After exceeds the maximum it will honour', async () => {
    const s = await server([json(429, { message: 'slow down' }, { 'retry-after': '3600' }), json(200, {})]);
    const { client: c, sleeps } = client(s.origin, { retry: { maxRetryAfterMs: 60_000 } });
    await expect(c.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ status: 429, attempts: 1 });
    expect(sleeps).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });

  it('backs off exponentially with jitter and stops after maxAttempts', async () => {
    const s = await server(json(503, { message: 'down for maintenance' }));
    const { client: c, sleeps } = client(s.origin, { maxAttempts: 4, random: () => 0.5, retry: { baseMs: 100, capMs: 300 } });
    const error = await c.request({ method: 'GET', path: '/example-org/teams' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 503, attempts: 4 });
    expect((error as Error).message).toBe(`GET ${s.origin}/v1/example-org/teams -> 503: down for maintenance (after 4 attempts)`);
    expect(s.requests).toHaveLength(4);
    expect(sleeps).toEqual([50, 100, 150]);
  });

  it('lets a caller see that a create conflicted on a retry (attempts > 1)', async () => {
    const s = await server([json(503, {}), json(409, { message: 'already exists' })]);
    const { client: c } = client(s.origin);
    const error = await c
      .request({ method: 'POST', path: '/org/dashboards/1/permissions', body: {}, idempotent: true })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, attempts: 2 });
  });

  it('retries a connection refused even for a POST (nothing was sent)', async () => {
    const s = await server(json(200, {}));
    const origin = s.origin;
    await s.close(); // closing again after the test is harmless
    const { client: c, sleeps } = client(origin, { maxAttempts: 3 });
    const error = await c.request({ method: 'POST', path: '/x', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', sent: false, attempts: 3 });
    expect(sleeps).toHaveLength(2);
  });
});

describe('limits shared by every request', () => {
  it('never has more than `concurrency` requests in flight', async () => {
    const s = await server(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      json(200, {})(_req, res, 0);
    });
    const { client: c } = client(s.origin, { concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, () => c.request({ method: 'GET', path: '/x' })));
    expect(s.requests).toHaveLength(8);
    expect(s.maxInFlight()).toBeLessThanOrEqual(2);
  });

  it('releases the slot during retry waits, so requests started from results cannot deadlock', async () => {
    const s = await server((req, res, index) => (index === 0 ? json(503, {})(req, res, index) : json(200, {})(req, res, index)));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first request's retry wait blocks until a second request (same client, one slot) has finished.
    const { client: c } = client(s.origin, { concurrency: 1, sleep: () => gate });
    const first = c.request({ method: 'GET', path: '/first' });
    await expect.poll(() => s.requests.length).toBe(1);
    await c.request({ method: 'GET', path: '/second' });
    release();
    expect((await first).attempts).toBe(2);
  });

  it('takes one rate-limit token per attempt', async () => {
    const s = await server([json(503, {}), json(200, {})]);
    let now = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter('2/1', {
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    const { client: c } = client(s.origin, { rateLimit: limiter });
    await c.request({ method: 'GET', path: '/a' }); // two attempts: both burst tokens
    await c.request({ method: 'GET', path: '/b' }); // waits for a token
    expect(waits).toEqual([500]);
    expect(s.requests).toHaveLength(3);
  });

  it('serves a text error body as the server message', async () => {
    const s = await server(text(400, 'Bad thing\n  happened'));
    const { client: c } = client(s.origin);
    await expect(c.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ serverMessage: 'Bad thing happened' });
  });
});
