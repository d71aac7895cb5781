import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error.js';
import type { Reply } from './router.js';

/** Bodies are small JSON documents; a megabyte is far beyond any request either API defines. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'Request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** An absent body is `undefined`; a body that is not JSON is 400. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON.');
  }
}

/**
 * Writes a reply as JSON (both APIs answer `application/json`). With `cut`, only half the body
 * goes out: `drop` announces the full Content-Length and destroys the socket halfway (a
 * connection lost mid-response); `frame` sends the half as a complete, well-framed response
 * (a proxy that cut the body), so only the JSON parser can tell.
 */
export function sendReply(res: ServerResponse, reply: Reply, cut?: 'drop' | 'frame'): void {
  const payload = reply.body === undefined ? undefined : Buffer.from(JSON.stringify(reply.body), 'utf8');
  const headers: Record<string, string | number> = { ...reply.headers };
  if (payload) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    headers['Content-Length'] = payload.length;
  }
  if (payload && cut === 'frame') headers['Content-Length'] = Math.floor(payload.length / 2);
  res.writeHead(reply.status, headers);
  if (!payload) {
    res.end();
    return;
  }
  const half = payload.subarray(0, Math.floor(payload.length / 2));
  if (cut === 'drop') {
    res.write(half, () => res.destroy());
    return;
  }
  if (cut === 'frame') {
    res.end(half);
    return;
  }
  res.end(payload);
}

export function errorReply(error: ApiError): Reply {
  return { status: error.status, headers: error.headers, body: { ...error.details, message: error.message } };
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  const payload = Buffer.from(html, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': payload.length });
  res.end(payload);
}
