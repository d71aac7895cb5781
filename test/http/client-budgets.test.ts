import { describe, expect, it } from 'vitest';
import { DeadlineError, ReadBudgetError, RequestBudgetError, RetryAfterBudgetError, TimeoutError } from '../../src/http/errors.js';
import { json, stallHeaders, type Handler } from '../helpers/scripted-server.js';
import { useServersAndClients } from '../helpers/test-client.js';
import { failure } from '../helpers/failure.js';

const { server, client } = useServersAndClients();


const MiB = 1024 * 1024;

/** A JSON page of about `bytes` bytes, with or without a declared length. */
function page(bytes: number, declared: boolean): Handler {
  const body = JSON.stringify({ data: 'x'.repeat(bytes - 11) });
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': Buffer.byteLength(body) } : {}) });
    for (let i = 0; i < body.length; i += 16_384) res.write(body.slice(i, i + 16_384));
    res.end();
  };
}

/** Sends `bytes` bytes of a JSON string, one byte every `everyMs`. */
function drip(bytes: number, everyMs: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('"');
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || sent >= bytes) {
        clearInterval(timer);
        if (!res.destroyed) res.end('"');
        return;
      }
      res.write('x');
      sent++;
    }, everyMs);
    res.once('close', () => clearInterval(timer));
  };
}

describe('the run request budget (maxRequests)', () => {
  it('sends no request past the budget, retries included, and fails the rest without sending them', async () => {
    let n = 0;
    const s = await server((_req, res) => json(n++ === 0 ? 503 : 200, {})(_req, res, 0));
    const { client: c } = client(s.origin, { maxRequests: 3, sleep: async () => {} });
    // The first GET takes two attempts (503, then 200); the second one; the third has none left.
    expect((await c.request({ method: 'GET', path: '/a' })).attempts).toBe(2);
    await c.request({ method: 'GET', path: '/b' });
    const error = await failure(c.request({ method: 'GET', path: '/c' }));
    expect(error).toBeInstanceOf(RequestBudgetError);
    expect(error.message).toBe(`GET ${s.origin}/v1/c: the run has sent its 3 requests (all requests together); raise the limit with --max-requests if the org is really that large`);
    expect(s.requests.map((r) => r.url)).toEqual(["/v1/a", "/v1/a", "/v1/b"]);
  });
});

describe('the run read budget (maxReadBytes)', () => {
  it.each([
    ['declared by content-length', true],
    ['streamed without a length', false],
  ])('fails the request whose body would pass it, over many medium pages (%s)', async (_name, declared) => {
    const s = await server(page(300_000, declared));
    const { client: c } = client(s.origin, { maxReadBytes: MiB });
    const outcomes: (number | string)[] = [];
    for (let n = 1; n <= 6; n++) {
      outcomes.push(
        await c.request({ method: 'GET', path: '/example-org/users', query: { page: n } }).then(
          (r) => r.status,
          (error: Error) => error.name,
        ),
      );
    }
    // 3 pages fit in 1 MiB; the 4th is stopped, and so is everything after it: the budget is the run's.
    expect(outcomes).toEqual([200, 200, 200, 'ReadBudgetError', 'ReadBudgetError', 'ReadBudgetError']);
    expect(c.spent.readBytes).toBeLessThanOrEqual(MiB);
    // Never retried: each failed page was asked for once.
    expect(s.requests).toHaveLength(6);
  });

  it('counts concurrent reads as they arrive, so together they never pass it', async () => {
    const s = await server(page(300_000, false));
    const { client: c } = client(s.origin, { maxReadBytes: MiB, concurrency: 8 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => c.request({ method: 'GET', path: '/p', query: { n } })));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(3);
    expect(results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof ReadBudgetError)).toBe(true);
    expect(c.spent.readBytes).toBeLessThanOrEqual(MiB);
  });

  it('counts error bodies too: a GET answered 500 with 60 KB bodies stops retrying at the budget', async () => {
    const s = await server((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('e'.repeat(60_000));
    });
    const { client: c } = client(s.origin, { maxReadBytes: 100_000 });
    const error = await failure(c.request({ method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(ReadBudgetError);
    expect(error).toMatchObject({ attempts: 2 });
    expect(s.requests).toHaveLength(2);
  });

  it('names method, path, the budget and the flag in one line', async () => {
    const s = await server(page(300_000, true));
    const { client: c } = client(s.origin, { maxReadBytes: 200_000 });
    const error = await failure(c.request({ method: 'GET', path: '/example-org/teams' }));
    expect(error).toBeInstanceOf(ReadBudgetError);
    expect(error).toMatchObject({ method: 'GET', path: '/v1/example-org/teams', budgetBytes: 200_000, attempts: 1 });
    expect(error.message.startsWith(`GET ${s.origin}/v1/example-org/teams: `)).toBe(true);
    expect(error.message).toMatch(/read budget of 0\.19 MiB.*--max-read-mib$/);
    expect(error.message).not.toContain('\n');
  });
});

describe('the whole-response timeout (responseTimeoutMs)', () => {
  it('fails a body dripped one byte per 50 ms after the timeout, though it is never silent for long', async () => {
    const s = await server(drip(40, 50));
    const { client: c } = client(s.origin, { responseTimeoutMs: 300, bodyTimeoutMs: 5000, maxAttempts: 1 });
    const started = performance.now();
    const error = await failure(c.request({ method: 'GET', path: '/slow' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'total', timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it.each([
    ['GET', 2],
    ['POST', 1],
  ] as const)('a %s timed out this way is retried only when idempotent (%i requests)', async (method, requests) => {
    const s = await server([drip(40, 50), json(200, { ok: true })]);
    const { client: c } = client(s.origin, { responseTimeoutMs: 300, bodyTimeoutMs: 5000 });
    const outcome = await c.request({ method, path: '/x', body: method === 'POST' ? {} : undefined }).then(
      (r) => r.body,
      (error: Error) => error.name,
    );
    expect(outcome).toEqual(requests === 2 ? { ok: true } : 'TimeoutError');
    expect(s.requests).toHaveLength(requests);
  });
});

describe('the run budget for waiting on Retry-After (maxRetryWaitMs)', () => {
  it.each([
    // Retry-After seconds, budget ms, sleeps taken before the request fails
    ['50', 120_000, [50_000, 50_000]],
    ['90', 120_000, [90_000]],
    ['120', 100_000, []],
  ])('Retry-After %s s under a %i ms budget: waits %j, then fails at once', async (retryAfter, budget, expected) => {
    let clock = 1_000_000;
    const s = await server(json(429, { message: 'slow down' }, { 'retry-after': retryAfter }));
    const { client: c, sleeps } = client(s.origin, {
      maxRetryWaitMs: budget,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    const error = await failure(c.request({ method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(RetryAfterBudgetError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: Number(retryAfter) * 1000, budgetMs: budget, attempts: expected.length + 1 });
    expect(sleeps).toEqual(expected);
    expect(s.requests).toHaveLength(expected.length + 1);
  });

  it('says how long, the budget, and what to do, in one line', async () => {
    const s = await server(json(429, {}, { 'retry-after': '90' }));
    const { client: c } = client(s.origin, { maxRetryWaitMs: 60_000 });
    const error = await failure(c.request({ method: 'GET', path: '/x' }));
    expect(error.message).toBe(
      `GET ${s.origin}/v1/x -> 429: Retry-After of 90 s would exceed the run's 60 s budget for waiting on the server; try later or pass --rate-limit`,
    );
  });

  it('counts waits of concurrent requests that overlap once, and later waits on top', async () => {
    let clock = 1_000_000;
    let retryAfter = '100';
    // The first request to each path is told to wait; its retry succeeds.
    const s = await server((req, res, index) => {
      const first = s.requests.findIndex((r) => r.url === req.url) === index;
      json(first ? 429 : 200, {}, first ? { 'retry-after': retryAfter } : {})(req, res, index);
    });
    const { client: c, sleeps } = client(s.origin, { maxRetryWaitMs: 120_000, now: () => clock });
    // Four requests told to wait 100 s at the same moment: 100 s of the budget, not 400 s.
    const together = await Promise.all([1, 2, 3, 4].map((n) => c.request({ method: 'GET', path: `/a${n}` })));
    expect(together.every((r) => r.attempts === 2)).toBe(true);
    expect(sleeps).toEqual([100_000, 100_000, 100_000, 100_000]);
    // Later (the clock has moved by the 100 s waited), 30 s more would make 130 s.
    clock += 100_000;
    retryAfter = '30';
    const error = await failure(c.request({ method: 'GET', path: '/b' }));
    expect(error).toBeInstanceOf(RetryAfterBudgetError);
    expect(c.spent.retryWaitMs).toBe(100_000);
  });
});

describe('the run deadline (deadlineMs)', () => {
  it('aborts a request in flight when it passes', async () => {
    const s = await server(stallHeaders);
    const { client: c } = client(s.origin, { deadlineMs: 300, headersTimeoutMs: 3000 });
    const started = performance.now();
    const error = await failure(c.request({ method: 'GET', path: '/slow' }));
    expect(error).toBeInstanceOf(DeadlineError);
    expect(error).toMatchObject({ deadlineMs: 300, attempts: 1 });
    expect(error.message).toBe(`GET ${s.origin}/v1/slow: run deadline of 0.3 s passed`);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(s.requests).toHaveLength(1);
  });

  it('starts no request after it', async () => {
    let clock = 0;
    const s = await server(json(200, {}));
    const { client: c } = client(s.origin, { deadlineMs: 10_000, now: () => clock });
    await c.request({ method: 'GET', path: '/before' });
    clock = 10_000;
    await expect(c.request({ method: 'GET', path: '/after' })).rejects.toBeInstanceOf(DeadlineError);
    expect(s.requests.map((r) => r.url)).toEqual(['/v1/before']);
  });

  it('takes no retry wait that would end after it', async () => {
    let clock = 0;
    const s = await server(json(503, { message: 'later' }, { 'retry-after': '20' }));
    const { client: c, sleeps } = client(s.origin, { deadlineMs: 15_000, startedAt: -2_000, now: () => clock });
    const error = await failure(c.request({ method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(DeadlineError);
    expect(error).toMatchObject({ deadlineMs: 15_000, attempts: 1 });
    expect(sleeps).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });
});
