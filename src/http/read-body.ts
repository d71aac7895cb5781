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

/** The body would pass the run's read budget; the client maps it to `ReadBudgetError`. */
export class BodyOverBudget extends Error {
  override name = 'BodyOverBudget';
}

/** Bytes a whole run may still read, shared by every concurrent read (see `RunBudget`). */
export interface ReadAllowance {
  remaining(): number;
  /** Counts `bytes` as read; false (and nothing counted) when they would pass the budget. */
  take(bytes: number): boolean;
}

/**
 * The whole body, at most `limit` bytes. `overflow: 'throw'` rejects with `BodyTooLarge`
 * (data the caller will use); `'truncate'` returns the first `limit` bytes (an error body,
 * read only for its message). With an `allowance`, every chunk is counted against it as it
 * arrives and a body that would pass it rejects with `BodyOverBudget`, truncated or not.
 */
export async function readBounded(
  response: Pick<Dispatcher.ResponseData, 'body' | 'headers'>,
  limit: number,
  overflow: 'throw' | 'truncate',
  allowance?: ReadAllowance,
): Promise<Buffer> {
  const length = response.headers['content-length'];
  const declared = Number(Array.isArray(length) ? length[0] : length);
  if (Number.isFinite(declared) && declared > limit && overflow === 'throw') {
    discard(response.body);
    throw new BodyTooLarge();
  }
  if (allowance !== undefined && Number.isFinite(declared) && Math.min(declared, limit) > allowance.remaining()) {
    discard(response.body);
    throw new BodyOverBudget();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Leaving the loop (throw or break) destroys the stream and its socket: the rest is never downloaded.
    if (size > limit && overflow === 'throw') throw new BodyTooLarge();
    const kept = size > limit ? chunk.subarray(0, chunk.length - (size - limit)) : chunk;
    if (allowance !== undefined && !allowance.take(kept.length)) throw new BodyOverBudget();
    chunks.push(kept);
    if (size > limit) break;
  }
  return Buffer.concat(chunks);
}

/** Drops a body unread. Destroying emits an abort error nobody else listens for. */
export function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}
