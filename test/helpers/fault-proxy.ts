import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with one request: pass it on, answer it itself (`forward: true`: after
 * passing it on, so the target has acted), pass it on and lose the answer, or pass it on and
 * rewrite the answer's body (a hostile server's answer, built from a real one).
 */
export type ProxyDecision =
  | 'pass'
  | 'lose-answer'
  | { status: number; message: string; forward?: boolean }
  | { rewrite: (body: string) => string };

export interface FaultProxy {
  /** The proxy's URL with the target's path (e.g. `http://127.0.0.1:PORT/v1`). */
  url: string;
  /** How many requests were not passed through normally. */
  faults: () => number;
  /** Every request received, as `METHOD /path?query`, in order. */
  requests: () => string[];
  close: () => Promise<void>;
}

/**
 * A loopback proxy in front of a simulator that injects faults chosen per request, for tests
 * that need a fault at a precise point (the simulator's own faults are random by design).
 */
export async function startFaultProxy(targetUrl: string, decide: (req: IncomingMessage) => ProxyDecision): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let faults = 0;
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
      const decision = decide(req);
      if (typeof decision === 'object' && 'status' in decision && decision.forward !== true) {
        faults++;
        res.writeHead(decision.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: decision.message }));
        return;
      }
      fetch(new URL(req.url ?? '/', target.origin), {
        method: req.method,
        headers: forwardedHeaders(req),
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      })
        .then(async (upstream) => {
          let body = Buffer.from(await upstream.arrayBuffer());
          if (decision === 'lose-answer') {
            faults++;
            req.socket.destroy();
            return;
          }
          if (typeof decision === 'object' && 'status' in decision) {
            faults++;
            res.writeHead(decision.status, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ message: decision.message }));
            return;
          }
          if (typeof decision === 'object') {
            faults++;
            body = Buffer.from(decision.rewrite(body.toString('utf8')));
          }
          const retryAfter = upstream.headers.get('retry-after');
          res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json', ...(retryAfter ? { 'retry-after': retryAfter } : {}) });
          res.end(body);
        })
        .catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    faults: () => faults,
    requests: () => [...seen],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The request's own headers (credentials and Grafana's `X-Grafana-Org-Id` included), minus those of the hop. */
function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const hop = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(req.headers)) {
    if (!hop.has(name) && typeof value === 'string') headers[name] = value;
  }
  return headers;
}
