import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './api-error.js';
import { FaultInjector, type FaultKind, type FaultRule } from './faults.js';
import { errorReply, readBody, sendHtml, sendReply } from './http-io.js';
import { createRandom, deriveSeed } from './prng.js';
import type { RateLimit } from '../../core/rate-limit-spec.js';
import { TokenBucket } from './rate-limit.js';
import { RequestLog } from './request-log.js';
import type { Reply } from './router.js';
import { isLoopback, simEndpoint } from './sim-endpoints.js';

/**
 * The HTTP side every simulator shares: `/__sim/` hooks, then for each API request latency,
 * the token bucket, one fault draw, the target's answer, and a request-log entry. The target
 * supplies only `answer` (auth, routing, its store) and its state hooks.
 */
export interface SimServerOptions {
  host?: string;
  port?: number;
  /** Seeds the fault sequence (re-seeded by `/__sim/reset`). */
  seed: number;
  now: () => number;
  latencyMs: number;
  rateLimit?: RateLimit;
  faults: readonly FaultRule[];
  /**
   * A request outside the API (e.g. not under Chartio's `/v1`): answered at once, logged, with
   * no latency, rate limit or fault. Return undefined for API requests.
   */
  outside?: (pathname: string) => Reply | undefined;
  /** The answer to one API request; may throw ApiError. */
  answer: (req: IncomingMessage, body: Buffer, url: URL) => Reply;
  /** `GET /__sim/state`. */
  state: () => unknown;
  /** `POST /__sim/reset`: restore the target's initial data (faults, bucket and log are reset here). */
  reset: () => void;
}

export interface SimServer {
  /** `http://HOST:PORT`, no path. */
  origin: string;
  host: string;
  port: number;
  requests: RequestLog;
  /** Changes the fault rules from the next API request on; the seeded sequence continues. */
  setFaults(rules: readonly FaultRule[]): void;
  close(): Promise<void>;
}

export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const { now, latencyMs } = options;
  const faultRandom = () => createRandom(deriveSeed(options.seed, 'faults'));
  const faults = new FaultInjector(options.faults, faultRandom());
  const bucket = options.rateLimit ? new TokenBucket(options.rateLimit, now) : undefined;
  const log = new RequestLog();
  const timers = new Set<NodeJS.Timeout>();
  let loopback = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const record = (req: IncomingMessage, status: number | null, fault?: FaultKind, retryAfter?: string) =>
    log.add({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status,
      ...(fault ? { fault } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      time: new Date(now()).toISOString(),
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const pathname = url.pathname;
    if (pathname === '/__sim' || pathname.startsWith('/__sim/')) {
      sendReply(
        res,
        simEndpoint(req.method ?? 'GET', pathname, loopback, {
          state: options.state,
          requests: () => log.list(),
          reset: () => {
            options.reset();
            faults.reseed(faultRandom());
            bucket?.reset();
            log.clear();
          },
        }),
      );
      return;
    }
    const raw = await readBody(req);
    const outside = options.outside?.(pathname);
    if (outside) {
      sendReply(res, outside);
      record(req, outside.status);
      return;
    }
    if (latencyMs > 0) await sleep(latencyMs);
    const taken = bucket?.take();
    if (taken && !taken.ok) {
      const seconds = taken.retryAfterSeconds;
      sendReply(res, { status: 429, headers: { 'Retry-After': String(seconds) }, body: { message: `Too many requests. Retry after ${seconds} seconds.` } });
      record(req, 429, undefined, String(seconds));
      return;
    }
    const fault = faults.draw();
    if (fault === 'reset') {
      record(req, null, fault);
      req.socket.destroy();
      return;
    }
    if (fault === 'stall') {
      record(req, null, fault); // never answered; close() destroys the connection
      return;
    }
    if (fault === '500' || fault === '502' || fault === '503' || fault === '429' || fault === '429date') {
      const status = fault === '429date' ? 429 : Number(fault);
      const headers = retryAfterHeader(fault, now());
      sendReply(res, { status, headers, body: { message: `Simulated fault: HTTP ${status}.` } });
      record(req, status, fault, headers['Retry-After']);
      return;
    }
    if (fault === 'html') {
      sendHtml(res, 200, LOGIN_PAGE);
      record(req, 200, fault);
      return;
    }
    let reply: Reply;
    try {
      reply = options.answer(req, raw, url);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply = errorReply(error);
    }
    sendReply(res, reply, fault === 'truncate' ? 'drop' : fault === 'badjson' ? 'frame' : undefined);
    record(req, reply.status, fault);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const reply = error instanceof ApiError ? errorReply(error) : { status: 500, body: { message: `Internal simulator error: ${String(error)}` } };
      if (!res.headersSent) sendReply(res, reply);
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  loopback = isLoopback(address.address);
  const urlHost = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    origin: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    requests: log,
    setFaults: (rules) => faults.setRules(rules),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        // Stalled and keep-alive connections would hold close() open forever.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** What an SSO proxy in front of an API answers a request without a session. */
const LOGIN_PAGE = '<!doctype html><html><head><title>Sign in</title></head><body><form method="post" action="/login"><input name="user"><input name="password" type="password"></form></body></html>';

/**
 * `Retry-After` for a simulated 429: `1` (seconds form), or for `429date` an HTTP date (RFC 9110
 * §10.2.3, whole seconds) at least one full second ahead, so a client that honours it waits.
 */
function retryAfterHeader(fault: FaultKind, nowMs: number): Record<string, string> {
  if (fault === '429') return { 'Retry-After': '1' };
  if (fault === '429date') return { 'Retry-After': new Date((Math.floor(nowMs / 1000) + 2) * 1000).toUTCString() };
  return {};
}
