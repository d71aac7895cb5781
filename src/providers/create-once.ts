/**
 * Creating an object at most once, for both providers, even when the answer is lost.
 *
 * The client never repeats a create on its own (a POST is retried only when nothing was
 * processed: 429, connection refused), because repeating one blind could make two teams or
 * two orgs. But the first attempt may well have been committed when its answer did not
 * arrive, so a lost answer is followed by a lookup by name: found, its id is taken; not found,
 * the create is sent once more. A 409 on that second send means the first went through after
 * all (a name is unique on both APIs), so the object is looked up again.
 */

import { HttpError, TransportError } from '../http/errors.js';

/**
 * No usable answer arrived, so the server may have acted: a transport failure (reset, timeout,
 * a body cut short), a gateway error (502/503/504: the proxy lost the upstream's answer), or a
 * 500, since Grafana and Chartio may commit a row and fail afterwards while building the answer.
 */
export function answerLost(error: unknown): boolean {
  return error instanceof TransportError || (error instanceof HttpError && [500, 502, 503, 504].includes(error.status));
}

/**
 * `create` sends the create and returns the new id; `lookup` finds the object by its exact name
 * (undefined when it does not exist). Returns the id of the one object.
 */
export async function createOnce(create: () => Promise<number>, lookup: () => Promise<number | undefined>): Promise<number> {
  try {
    return await create();
  } catch (error) {
    // The client repeated it (after a 429 or a refused connection) and it then conflicts: one of
    // the attempts may have gone through.
    if (isStatus(error, 409) && (error as HttpError).attempts > 1) return found(await lookup(), error);
    if (!answerLost(error)) throw error;
    // The create may or may not have happened: look before sending it again.
    const existing = await lookup();
    if (existing !== undefined) return existing;
    try {
      return await create();
    } catch (again) {
      if (isStatus(again, 409)) return found(await lookup(), again);
      throw again;
    }
  }
}

function found(id: number | undefined, error: unknown): number {
  if (id === undefined) throw error;
  return id;
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof HttpError && error.status === status;
}
