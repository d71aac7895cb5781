import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CREDENTIALS, isAuthorized, parseCredentials, type Credentials } from './auth.js';
import { ApiError } from './errors.js';
import { FaultInjector, parseFaults, type FaultKind, type FaultRule } from './faults.js';
import { generateSeedDocument, minimalSeedDocument, type GenerateSize } from './generate.js';
import { errorReply, parseJsonBody, readBody, sendReply } from './http-io.js';
import { createRandom, deriveSeed } from './prng.js';
import { parseRateLimit, TokenBucket, type RateLimit } from './rate-limit.js';
import { RequestLog } from './request-log.js';
import { chartioRoutes } from './routes.js';
import type { Reply } from './router.js';
import { buildState, loadSeedFile } from './seed-data.js';
import { isLoopback, simEndpoint } from './sim-endpoints.js';
import { ChartioStore } from './store.js';

export interface ChartioSimOptions {
  /** Default 127.0.0.1. `/__sim/` endpoints exist only on a loopback address. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Org slug; overrides the data's `org`. Default `example-org`. */
  org?: string;
  /** `KEY:SECRET` or an object; default `sim-key:sim-secret`. */
  credentials?: string | Credentials;
  /** A seed document (the `--data` format), already parsed. */
  data?: unknown;
  /** A `--data` file (YAML or JSON); used when `data` is not given. */
  dataFile?: string;
  /** Generated org, used when neither `data` nor `dataFile` is given. */
  generate?: GenerateSize;
  /** Seeds generated data, faults and task ids. Default 1. */
  seed?: number;
  /** Delay before every API response, in ms. */
  latencyMs?: number;
  /** Items per page of every collection; default 100 (seed). */
  pageSize?: number;
  /** `N/SECONDS` or an object; default none. */
  rateLimit?: string | RateLimit;
  /** `kind:probability,...` or parsed rules; default none. */
  faults?: string | FaultRule[];
  /** Time a schema sync takes; default 2000 ms. */
  syncDelayMs?: number;
  /** The server clock (epoch ms); default Date.now. Drives task completion/expiry, the 10-minute rule and the rate limit. */
  now?: () => number;
  /** Limits (seed: 10,000 users, 2,000 teams); lower them only in tests. */
  maxUsers?: number;
  maxTeams?: number;
}

export interface ChartioSim {
  /** The API root including `/v1`, e.g. `http://127.0.0.1:4010/v1`. */
  url: string;
  host: string;
  port: number;
  org: string;
  store: ChartioStore;
  requests: RequestLog;
  close(): Promise<void>;
}

const FORBIDDEN = 'Forbidden. The api_key is not allowed to access the content provided by the requested URL.';
const UNAUTHORIZED = 'Unauthorized. The provided api_key and secret combination is invalid.';

export async function startChartioSim(options: ChartioSimOptions = {}): Promise<ChartioSim> {
  const seed = options.seed ?? 1;
  const now = options.now ?? Date.now;
  const credentials =
    typeof options.credentials === 'string' ? parseCredentials(options.credentials) : (options.credentials ?? DEFAULT_CREDENTIALS);
  const pageSize = options.pageSize ?? 100;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new Error(`page size must be a positive integer, got ${pageSize}`);
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0)) throw new Error(`latency must be zero or more milliseconds, got ${latencyMs}`);
  const faultRules = typeof options.faults === 'string' ? parseFaults(options.faults) : (options.faults ?? []);
  const rateLimit = typeof options.rateLimit === 'string' ? parseRateLimit(options.rateLimit) : options.rateLimit;

  const doc =
    options.data ??
    (options.dataFile !== undefined
      ? await loadSeedFile(options.dataFile)
      : options.generate !== undefined
        ? generateSeedDocument(options.generate, seed, options.org)
        : minimalSeedDocument(options.org));
  const taskRandom = () => createRandom(deriveSeed(seed, 'tasks'));
  const faultRandom = () => createRandom(deriveSeed(seed, 'faults'));
  const store = new ChartioStore(buildState(doc, options.org), {
    now,
    syncDelayMs: options.syncDelayMs,
    maxUsers: options.maxUsers,
    maxTeams: options.maxTeams,
    random: taskRandom(),
  });
  const router = chartioRoutes();
  const faults = new FaultInjector(faultRules, faultRandom());
  const bucket = rateLimit ? new TokenBucket(rateLimit, now) : undefined;
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

  const record = (req: IncomingMessage, status: number | null, fault?: FaultKind) =>
    log.add({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status,
      ...(fault ? { fault } : {}),
      time: new Date(now()).toISOString(),
    });

  /** The answer to one API request, before faults that act on the wire. */
  const answer = (req: IncomingMessage, raw: Buffer, pathname: string, query: URLSearchParams): Reply => {
    // Seed: 401 for a missing or wrong api_key/secret, 403 for a URL the key may not access (another org).
    if (!isAuthorized(req.headers.authorization, credentials)) {
      return { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="Chartio Admin API"' }, body: { message: UNAUTHORIZED } };
    }
    const apiPath = pathname.slice('/v1'.length);
    const org = apiPath.split('/').filter((s) => s !== '')[0];
    if (org === undefined) return { status: 404, body: { message: 'Not found.' } };
    if (safeDecode(org) !== store.org) return { status: 403, body: { message: FORBIDDEN } };
    const match = router.match(req.method ?? 'GET', apiPath);
    if (match.kind === 'not-found') return { status: 404, body: { message: 'Not found.' } };
    if (match.kind === 'method-not-allowed') {
      return { status: 405, headers: { Allow: match.allowed.join(', ') }, body: { message: `Method ${req.method} not allowed.` } };
    }
    store.settle();
    return match.handler({ params: match.params, query, body: parseJsonBody(raw), store, pageSize });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const pathname = url.pathname;
    if (pathname === '/__sim' || pathname.startsWith('/__sim/')) {
      sendReply(
        res,
        simEndpoint(req.method ?? 'GET', pathname, loopback, {
          state: () => store.toJSON(),
          requests: () => log.list(),
          reset: () => {
            store.reset(taskRandom());
            faults.reseed(faultRandom());
            bucket?.reset();
            log.clear();
          },
        }),
      );
      return;
    }
    const raw = await readBody(req);
    if (pathname !== '/v1' && !pathname.startsWith('/v1/')) {
      sendReply(res, { status: 404, body: { message: 'Not found. The API root is /v1.' } });
      record(req, 404);
      return;
    }
    if (latencyMs > 0) await sleep(latencyMs);
    const taken = bucket?.take();
    if (taken && !taken.ok) {
      const seconds = taken.retryAfterSeconds;
      sendReply(res, { status: 429, headers: { 'Retry-After': String(seconds) }, body: { message: `Too many requests. Retry after ${seconds} seconds.` } });
      record(req, 429);
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
    if (fault === '500' || fault === '502' || fault === '503' || fault === '429') {
      const status = Number(fault);
      const headers: Record<string, string> = status === 429 ? { 'Retry-After': '1' } : {};
      sendReply(res, { status, headers, body: { message: `Simulated fault: HTTP ${status}.` } });
      record(req, status, fault);
      return;
    }
    let reply: Reply;
    try {
      reply = answer(req, raw, pathname, url.searchParams);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply = errorReply(error);
    }
    sendReply(res, reply, fault === 'truncate');
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
    url: `http://${urlHost}:${address.port}/v1`,
    host: address.address,
    port: address.port,
    org: store.org,
    store,
    requests: log,
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

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
