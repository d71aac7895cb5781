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
 * Writes a reply as JSON (both APIs answer `application/json`). With `truncate`, the full
 * Content-Length is announced but only half the body is written before the socket is
 * destroyed - what a client sees when a connection drops mid-response.
 */
export function sendReply(res: ServerResponse, reply: Reply, truncate = false): void {
  const payload = reply.body === undefined ? undefined : Buffer.from(JSON.stringify(reply.body), 'utf8');
  const headers: Record<string, string | number> = { ...reply.headers };
  if (payload) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    headers['Content-Length'] = payload.length;
  }
  res.writeHead(reply.status, headers);
  if (!payload) {
    res.end();
    return;
  }
  if (truncate) {
    res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.destroy());
    return;
  }
  res.end(payload);
}

export function errorReply(error: ApiError): Reply {
  return { status: error.status, headers: error.headers, body: { ...error.details, message: error.message } };
}
