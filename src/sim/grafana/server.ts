import type { IncomingMessage } from 'node:http';
import { ApiError } from '../shared/api-error.js';
import { parseJsonBody } from '../shared/http-io.js';
import type { RequestLog } from '../shared/request-log.js';
import type { Reply } from '../shared/router.js';
import { resolveKnobs, seedDocument, type SimKnobOptions } from '../shared/sim-knobs.js';
import { startSimServer } from '../shared/sim-server.js';
import { parseFaults, type FaultRule } from '../shared/faults.js';
import { authenticate } from './auth.js';
import { badRequestData } from './errors.js';
import { generateSeedDocument, type GenerateSize } from './generate.js';
import { grafanaRoutes } from './routes.js';
import { buildState } from './seed-data.js';
import { stateToJson } from './state-json.js';
import { GrafanaStore } from './store.js';
import { buildVersion, DEFAULT_GRAFANA_VERSION, GRAFANA_VERSIONS, isGrafanaVersion, type GrafanaVersion } from './version.js';

/** The shared knobs (host, port, data, dataFile, seed, latencyMs, rateLimit, faults, now) and: */
export interface GrafanaSimOptions extends SimKnobOptions {
  /** Generated data, used when neither `data` nor `dataFile` is given. */
  generate?: GenerateSize;
  /** The `perpage`/`limit` of a paged request that names none; default 1000 (Grafana's default). */
  pageSize?: number;
  /** The release line to imitate where behaviour differs; default 12. */
  grafanaVersion?: GrafanaVersion;
}

export interface GrafanaSim {
  /** `http://HOST:PORT` - Grafana's root; the API is under `/api`. */
  url: string;
  host: string;
  port: number;
  store: GrafanaStore;
  version: GrafanaVersion;
  requests: RequestLog;
  /** Changes the faults from the next request on (`kind:probability,...`; `''` for none). */
  setFaults(spec: string | FaultRule[]): void;
  close(): Promise<void>;
}

/** What `GET /api/health` answers (no auth, as in Grafana): the version of the imitated release line. */
export function health(version: GrafanaVersion) {
  return { commit: 'simulator', database: 'ok', version: buildVersion(version) };
}

export async function startGrafanaSim(options: GrafanaSimOptions = {}): Promise<GrafanaSim> {
  const { seed, now, latencyMs, pageSize, faults, rateLimit } = resolveKnobs(options, 1000);
  const version = options.grafanaVersion ?? DEFAULT_GRAFANA_VERSION;
  if (!isGrafanaVersion(version)) throw new Error(`grafanaVersion: expected one of ${GRAFANA_VERSIONS.join(', ')}`);
  const doc = await seedDocument(options, () => (options.generate !== undefined ? generateSeedDocument(options.generate, seed) : {}));
  const store = new GrafanaStore(buildState(doc), { now });
  const router = grafanaRoutes();

  const answer = (req: IncomingMessage, raw: Buffer, url: URL): Reply => {
    const method = req.method ?? 'GET';
    if (url.pathname.replace(/\/+$/, '') === '/api/health' && method === 'GET') return { status: 200, body: health(version) };
    const identity = authenticate(store.state, req.headers.authorization, { header: header(req, 'x-grafana-org-id'), targetOrgId: url.searchParams.get('targetOrgId') });
    const match = router.match(method, url.pathname);
    // Grafana's router answers an unknown API path (or method) 404 `{"message":"Not found"}`.
    if (match.kind !== 'found') return { status: 404, body: { message: 'Not found' } };
    let body: unknown;
    try {
      body = parseJsonBody(raw);
    } catch (error) {
      if (error instanceof ApiError) throw badRequestData();
      throw error;
    }
    return match.handler({ params: match.params, query: url.searchParams, body, store, identity, pageSize, version });
  };

  const server = await startSimServer({
    host: options.host,
    port: options.port,
    seed,
    now,
    latencyMs,
    rateLimit,
    faults,
    outside: (pathname) => (pathname === '/api' || pathname.startsWith('/api/') ? undefined : { status: 404, body: { message: 'Not found' } }),
    answer,
    state: () => stateToJson(store.state),
    reset: () => store.reset(),
  });
  return {
    url: server.origin,
    host: server.host,
    port: server.port,
    store,
    version,
    requests: server.requests,
    setFaults: (spec) => server.setFaults(typeof spec === 'string' ? parseFaults(spec) : spec),
    close: server.close,
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
