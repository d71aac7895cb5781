import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import {
  ConnectionError,
  ForeignLinkError,
  HttpError,
  InvalidJsonError,
  RedirectError,
  ResponseTooLargeError,
  TimeoutError,
} from '../../src/http/errors.js';
import { json, reset, stallBody, stallHeaders, text, type Handler } from '../helpers/scripted-server.js';
import { useServersAndClients } from '../helpers/test-client.js';
import { REDACTED } from '../../src/http/redact.js';
import { failure } from '../helpers/failure.js';

const { server, client } = useServersAndClients();


describe('HttpError', () => {
  it('names method, path, status and the server message', async () => {
    const s = await server(json(404, { message: 'Team was not found.' }));
    const { client: c } = client(s.origin);
    const error = await failure(c.request({ method: 'GET', path: '/example-org/teams', query: { page: 2 } }));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ method: 'GET', path: '/v1/example-org/teams', status: 404, serverMessage: 'Team was not found.', attempts: 1 });
    expect(error.message).toBe(`GET ${s.origin}/v1/example-org/teams -> 404: Team was not found.`);
  });

  it.each([
    ['{"error": "bad key"}', 'bad key'],
    ['<html><body><h1>Bad Gateway</h1></body></html>', 'Bad Gateway'],
    ['evil\u001b[31mred\u0007', 'evil\\u001b[31mred\\u0007'],
    ['', undefined],
    ['{"other": 1}', undefined],
  ])('reads the server message from %j', async (body, expected) => {
    const s = await server(text(400, body));
    const { client: c } = client(s.origin);
    const error = await failure(c.request({ method: 'DELETE', path: '/x' }));
    expect(error).toMatchObject({ serverMessage: expected });
    expect(error.message).toBe(`DELETE ${s.origin}/v1/x -> 400: ${expected ?? 'Bad Request'}`);
  });

  it('treats a non-JSON 2xx (a login page) as InvalidJsonError, not as data', async () => {
    const s = await server(text(200, '<!doctype html><title>Log in</title>', { 'content-type': 'text/html' }));
    const { client: c } = client(s.origin);
    const error = await failure(c.request({ method: 'GET', path: '/org/users' }));
    expect(error).toBeInstanceOf(InvalidJsonError);
    expect(error).toMatchObject({ status: 200, contentType: 'text/html', attempts: 1 });
    expect(error.message.startsWith(`GET ${s.origin}/v1/org/users: 200 response is not valid JSON (content-type text/html)`)).toBe(true);
    expect(s.requests).toHaveLength(1);
  });
});

describe('redirects are never followed', () => {
  it.each([301, 302, 303, 307, 308])('%i to another origin: error, and the other origin receives nothing', async (status) => {
    const elsewhere = await server(json(200, { stolen: true }));
    const s = await server((_req, res) => {
      res.writeHead(status, { location: `${elsewhere.origin}/collect?token=abc` });
      res.end();
    });
    const { client: c } = client(s.origin);
    const error = await failure(c.request({ method: 'GET', path: '/example-org/users' }));
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status, location: `${elsewhere.origin}/collect`, attempts: 1 });
    expect(error.message).not.toContain('token=abc');
    expect(elsewhere.requests).toHaveLength(0);
    expect(s.requests).toHaveLength(1);
  });

  // URL parsing lower-cases a host and re-encodes a path, so the redactor must see the raw header.
  const hostSecret = 'CanaryHost5ecret';
  it.each([
    ['in the host, where URL parsing lower-cases it', `http://${hostSecret}.127.0.0.2.example/x`, REDACTED],
    ['in the path, HTML-escaped', `/v1/echo/${hostSecret.replace('5', '&#53;')}/x`, undefined],
  ])('hides a credential echoed in the Location %s', async (_name, location, expected) => {
    const s = await server((_req, res) => {
      res.writeHead(302, { location });
      res.end();
    });
    const { client: c } = client(s.origin, { auth: { kind: 'bearer', token: hostSecret } });
    const error = await failure(c.request({ method: 'GET', path: '/example-org/users' }));
    expect(error).toBeInstanceOf(RedirectError);
    const shown = `${error.message} ${String((error as RedirectError).location)}`;
    expect(shown.toLowerCase()).not.toContain(hostSecret.toLowerCase());
    expect(shown).toContain(REDACTED);
    if (expected !== undefined) expect((error as RedirectError).location).toBe(expected);
  });
});

describe('links off the API are refused before sending', () => {
  it.each([
    ['another port', (other: string) => `${other}/v1/x`],
    ['userinfo', (_other: string, own: string) => own.replace('http://', 'http://user:pw@') + '/v1/x'],
    ['another scheme', (_other: string, own: string) => own.replace('http://', 'https://') + '/v1/x'],
    ['another host name', (_other: string, own: string) => own.replace('127.0.0.1', 'localhost') + '/v1/x'],
  ])('%s', async (_name, make) => {
    const other = await server(json(200, {}));
    const s = await server(json(200, {}));
    const { client: c } = client(s.origin);
    await expect(c.request({ method: 'GET', path: make(other.origin, s.origin) })).rejects.toBeInstanceOf(ForeignLinkError);
    expect(other.requests).toHaveLength(0);
    expect(s.requests).toHaveLength(0);
  });
});

describe('maxResponseBytes', () => {
  it.each([
    ['declared by content-length', true],
    ['streamed without a length', false],
  ])('stops a body over the limit (%s)', async (_name, declared) => {
    const big = JSON.stringify({ data: 'x'.repeat(200_000) });
    const s = await server((_req, res) => {
      res.writeHead(200, declared ? { 'content-length': Buffer.byteLength(big) } : {});
      // Several writes so the undeclared case really streams.
      for (let i = 0; i < big.length; i += 16_384) res.write(big.slice(i, i + 16_384));
      res.end();
    });
    const { client: c } = client(s.origin, { maxResponseBytes: 50_000 });
    const error = await failure(c.request({ method: 'GET', path: '/huge' }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limitBytes: 50_000, attempts: 1 });
    expect(s.requests).toHaveLength(1);
  });

  it('accepts a body exactly at the limit', async () => {
    const body = JSON.stringify({ data: 'x'.repeat(1000) });
    const s = await server(text(200, body));
    const { client: c } = client(s.origin, { maxResponseBytes: Buffer.byteLength(body) });
    expect((await c.request<{ data: string }>({ method: 'GET', path: '/x' })).body.data).toHaveLength(1000);
  });
});

describe('timeouts', () => {
  it('a server that never sends headers hits the headers timeout', async () => {
    const s = await server(stallHeaders);
    const { client: c } = client(s.origin, { headersTimeoutMs: 150, maxAttempts: 1 });
    const error = await failure(c.request({ method: 'GET', path: '/slow' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'headers', timeoutMs: 150 });
  });

  it('a body that stalls hits the body timeout', async () => {
    const s = await server(stallBody);
    const { client: c } = client(s.origin, { bodyTimeoutMs: 150, maxAttempts: 1 });
    const error = await failure(c.request({ method: 'GET', path: '/slow' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'body' });
  });

  it('retries a GET after a timeout', async () => {
    const s = await server([stallHeaders, json(200, { ok: true })]);
    const { client: c } = client(s.origin, { headersTimeoutMs: 500 });
    const response = await c.request({ method: 'GET', path: '/slow' });
    expect(response).toMatchObject({ body: { ok: true }, attempts: 2 });
  });

  it('does not retry a POST after a timeout: it may have been processed', async () => {
    const s = await server([stallHeaders, json(201, {})]);
    const { client: c } = client(s.origin, { headersTimeoutMs: 150 });
    await expect(c.request({ method: 'POST', path: '/x', body: {} })).rejects.toBeInstanceOf(TimeoutError);
    expect(s.requests).toHaveLength(1);
  });
});

describe('credentials never appear in errors', () => {
  const user = 'canary-key-1f3a';
  const password = 'canary-S3CRET/+=?&value';
  const forms = [
    password,
    Buffer.from(`${user}:${password}`).toString('base64'),
    Buffer.from(`${user}:${password}`).toString('base64').replace(/=+$/, ''),
    encodeURIComponent(password),
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  ];

  /** Every way an error could be shown or logged. */
  function renderings(error: Error): string[] {
    const chain: unknown[] = [];
    for (let e: unknown = error; e instanceof Error && chain.length < 10; e = e.cause) chain.push(e);
    return [
      error.message,
      String(error.stack),
      JSON.stringify(error),
      inspect(error, { depth: Infinity, showHidden: true }),
      ...chain.map((e) => `${String(e)} ${JSON.stringify(e)} ${inspect(e, { depth: Infinity, showHidden: true })}`),
    ];
  }

  // A hostile or careless server echoes what it got, in every form.
  const echo: Handler = (req, res) => {
    const header = String(req.headers.authorization);
    const body = JSON.stringify({ message: `bad credentials ${header} ${password} ${encodeURIComponent(password)}` });
    res.writeHead(401, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const echoAsPage: Handler = (req, res) => {
    const body = `<html>login ${String(req.headers.authorization)} ${password}</html>`;
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const echoInRedirect: Handler = (req, res) => {
    res.writeHead(302, { location: `/v1/login/${encodeURIComponent(password)}?auth=${String(req.headers.authorization)}` });
    res.end();
  };

  it.each([
    ['an HttpError echoing the header and secret', echo, HttpError],
    ['an InvalidJsonError echoing them in HTML', echoAsPage, InvalidJsonError],
    ['a RedirectError with them in the Location', echoInRedirect, RedirectError],
    ['a ConnectionError after a reset', reset, ConnectionError],
  ])('%s', async (_name, handler, type) => {
    const s = await server(handler);
    const { client: c } = client(s.origin, { auth: { kind: 'basic', user, password }, maxAttempts: 2 });
    const error = await failure(c.request({ method: 'GET', path: '/example-org/users', query: { secret: password } }));
    expect(error).toBeInstanceOf(type);
    for (const rendering of renderings(error)) {
      for (const form of forms) expect(rendering).not.toContain(form);
    }
    // The test would be vacuous if the server had not really received the secret.
    expect(s.requests[0]?.headers.authorization).toBe(forms[4]);
  });

  it('the client itself does not show its credentials', async () => {
    const c = new HttpClient({ baseUrl: 'http://127.0.0.1:9/v1', auth: { kind: 'basic', user, password } });
    const shown = `${inspect(c, { depth: Infinity, showHidden: true })} ${JSON.stringify(Object.entries(c))}`;
    await c.close();
    for (const form of forms) expect(shown).not.toContain(form);
    expect(c.redact(`x ${forms[4]} y`)).toBe('x Basic [REDACTED] y');
  });
});
