import type { IncomingMessage } from 'node:http';
import { parseJsonBody } from '../shared/http-io.js';
import { createRandom, deriveSeed } from '../shared/prng.js';
import type { RequestLog } from '../shared/request-log.js';
import type { Reply } from '../shared/router.js';
import { resolveKnobs, seedDocument, type SimKnobOptions } from '../shared/sim-knobs.js';
import { startSimServer } from '../shared/sim-server.js';
import { parseFaults, type FaultRule } from '../shared/faults.js';
import { DEFAULT_CREDENTIALS, isAuthorized, parseCredentials, type Credentials } from './auth.js';
import { generateSeedDocument, minimalSeedDocument, type GenerateSize } from './generate.js';
import { chartioRoutes } from './routes.js';
import { buildState } from './seed-data.js';
import { ChartioStore } from './store.js';

/** The shared knobs (host, port, data, dataFile, seed, latencyMs, rateLimit, faults, now) and: */
export interface ChartioSimOptions extends SimKnobOptions {
  /** Org slug; overrides the data's `org`. Default `example-org`. */
  org?: string;
  /** `KEY:SECRET` or an object; default `sim-key:sim-secret`. */
  credentials?: string | Credentials;
  /** Generated org, used when neither `data` nor `dataFile` is given. */
  generate?: GenerateSize;
  /** Items per page of every collection; default 100 (seed). */
  pageSize?: number;
  /** Time a schema sync takes; default 2000 ms. */
  syncDelayMs?: number;
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
  /** Changes the faults from the next request on (`kind:probability,...`; `''` for none). */
  setFaults(spec: string | FaultRule[]): void;
  close(): Promise<void>;
}

const FORBIDDEN = 'Forbidden. The api_key is not allowed to access the content provided by the requested URL.';
const UNAUTHORIZED = 'Unauthorized. The provided api_key and secret combination is invalid.';

export async function startChartioSim(options: ChartioSimOptions = {}): Promise<ChartioSim> {
  const { seed, now, latencyMs, pageSize, faults, rateLimit } = resolveKnobs(options, 100);
  const credentials =
    typeof options.credentials === 'string' ? parseCredentials(options.credentials) : (options.credentials ?? DEFAULT_CREDENTIALS);
  const doc = await seedDocument(options, () =>
    options.generate !== undefined ? generateSeedDocument(options.generate, seed, options.org) : minimalSeedDocument(options.org),
  );
  const taskRandom = () => createRandom(deriveSeed(seed, 'tasks'));
  const store = new ChartioStore(buildState(doc, options.org), {
    now,
    syncDelayMs: options.syncDelayMs,
    maxUsers: options.maxUsers,
    maxTeams: options.maxTeams,
    random: taskRandom(),
  });
  const router = chartioRoutes();

  /** The answer to one API request, before faults that act on the wire. */
  const answer = (req: IncomingMessage, raw: Buffer, url: URL): Reply => {
    // Seed: 401 for a missing or wrong api_key/secret, 403 for a URL the key may not access (another org).
    if (!isAuthorized(req.headers.authorization, credentials)) {
      return { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="Chartio Admin API"' }, body: { message: UNAUTHORIZED } };
    }
    const apiPath = url.pathname.slice('/v1'.length);
    const org = apiPath.split('/').filter((s) => s !== '')[0];
    if (org === undefined) return { status: 404, body: { message: 'Not found.' } };
    if (safeDecode(org) !== store.org) return { status: 403, body: { message: FORBIDDEN } };
    const match = router.match(req.method ?? 'GET', apiPath);
    if (match.kind === 'not-found') return { status: 404, body: { message: 'Not found.' } };
    if (match.kind === 'method-not-allowed') {
      return { status: 405, headers: { Allow: match.allowed.join(', ') }, body: { message: `Method ${req.method} not allowed.` } };
    }
    store.settle();
    return match.handler({ params: match.params, query: url.searchParams, body: parseJsonBody(raw), store, pageSize });
  };

  const server = await startSimServer({
    host: options.host,
    port: options.port,
    seed,
    now,
    latencyMs,
    rateLimit,
    faults,
    outside: (pathname) =>
      pathname !== '/v1' && !pathname.startsWith('/v1/') ? { status: 404, body: { message: 'Not found. The API root is /v1.' } } : undefined,
    answer,
    state: () => store.toJSON(),
    reset: () => store.reset(taskRandom()),
  });
  return {
    url: `${server.origin}/v1`,
    host: server.host,
    port: server.port,
    org: store.org,
    store,
    requests: server.requests,
    setFaults: (spec) => server.setFaults(typeof spec === 'string' ? parseFaults(spec) : spec),
    close: server.close,
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
