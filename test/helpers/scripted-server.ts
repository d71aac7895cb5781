/**
 * A tiny local HTTP server for client tests: listens on 127.0.0.1 port 0, records every
 * request (method, URL, headers, body) and answers with a handler the test writes, per request.
 * Helpers cover the hostile cases: reset the connection, stall, send a body of any size.
 */

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query as received, e.g. `/v1/example-org/users/?page=2`. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Answers one request; `index` counts requests to this server from 0. */
export type Handler = (
  request: RecordedRequest,
  response: http.ServerResponse,
  index: number,
) => void | Promise<void>;

export interface ScriptedServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** Requests currently being answered, and the most seen at once. */
  inFlight(): number;
  maxInFlight(): number;
  close(): Promise<void>;
}

/**
 * Starts a server. `handler` may be one function for every request, or a list used in order
 * (the last one repeats once the list runs out).
 */
export async function startServer(handler: Handler | Handler[]): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  let current = 0;
  let most = 0;
  const pick = (index: number): Handler => {
    if (!Array.isArray(handler)) return handler;
    const chosen = handler[Math.min(index, handler.length - 1)];
    if (chosen === undefined) throw new Error('startServer: empty handler list');
    return chosen;
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = requests.length;
      requests.push(recorded);
      current++;
      most = Math.max(most, current);
      const finished = (): void => {
        current--;
      };
      res.once('close', finished);
      Promise.resolve(pick(index)(recorded, res, index)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(599);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    inFlight: () => current,
    maxInFlight: () => most,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends `body` as JSON with `status` and extra headers. */
export function json(status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_request, response) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    response.end(text);
  };
}

/** Sends raw text with `status`. */
export function text(status: number, body: string, headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), ...headers });
    response.end(body);
  };
}

/** Tears the TCP connection down with a RST before answering (a connection reset). */
export const reset: Handler = (_request, response) => {
  response.socket?.resetAndDestroy();
};

/** Never answers (until the server closes); the client's headers timeout must fire. */
export const stallHeaders: Handler = () => undefined;

/** Sends headers and the start of a body, then goes silent; the body timeout must fire. */
export const stallBody: Handler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"partial":');
};
