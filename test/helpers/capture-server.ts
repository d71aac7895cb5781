import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * "Another origin" for trust-boundary tests: a server on 127.0.0.2 (loopback too) that answers
 * every request 200 `{}` and records what reached it, credentials included, so a test can
 * assert that nothing did.
 */
export interface CaptureServer {
  /** `http://127.0.0.2:PORT` */
  origin: string;
  requests: { method: string; url: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startCaptureServer(host = '127.0.0.2'): Promise<CaptureServer> {
  const requests: CaptureServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
