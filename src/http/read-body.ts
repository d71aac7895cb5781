/**
 * Reading a response body with a size limit enforced while streaming: a hostile or broken
 * server must not be able to fill memory, so reading stops (and the socket is dropped) as soon
 * as the limit is passed, and a declared `content-length` over the limit is refused unread.
 */

import type { Dispatcher } from 'undici';

/** The body passed the limit; the client maps it to `ResponseTooLargeError`. */
export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

/**
 * The whole body, at most `limit` bytes. `overflow: 'throw'` rejects with `BodyTooLarge`
 * (data the caller will use); `'truncate'` returns the first `limit` bytes (an error body,
 * read only for its message).
 */
export async function readBounded(
  response: Pick<Dispatcher.ResponseData, 'body' | 'headers'>,
  limit: number,
  overflow: 'throw' | 'truncate',
): Promise<Buffer> {
  const length = response.headers['content-length'];
  const declared = Number(Array.isArray(length) ? length[0] : length);
  if (Number.isFinite(declared) && declared > limit && overflow === 'throw') {
    discard(response.body);
    throw new BodyTooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      // Leaving the loop destroys the stream and its socket: the rest is never downloaded.
      if (overflow === 'throw') throw new BodyTooLarge();
      chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Drops a body unread. Destroying emits an abort error nobody else listens for. */
export function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}
