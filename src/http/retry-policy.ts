/**
 * Which failed attempts are worth another try. Pure; the client asks it after every attempt.
 *
 * A retry must never turn one intended write into two. So the question is always "could the
 * first attempt have taken effect, and would repeating it be harmless?":
 * - Methods that set a value (GET, HEAD, PUT, DELETE, PATCH as accessctl uses it: set a level or
 *   a member list) are idempotent: repeating them ends in the same state.
 * - POST creates, so it is repeated only when the caller says the endpoint is an upsert
 *   (`idempotent: true`; Chartio's permission POST). A create whose response was lost may come
 *   back as 409 on the retry; `HttpResponse.attempts`/`HttpError.attempts` > 1 lets the caller
 *   read that as "probably created by the first attempt: look it up".
 * - 429 is retried for every method: the server refused to process the request (RFC 6585 §4),
 *   so nothing happened that a repeat could duplicate.
 * - A connection refused before anything was sent (`ConnectionError.sent === false`) or a
 *   connect timeout is likewise safe for every method.
 * - 500/502/503/504, resets mid-exchange, header/body timeouts and a JSON body cut short (a
 *   2xx whose `application/json` body does not parse: a proxy dropped the end) may follow a
 *   request the server did act on: retried only for idempotent requests. A 500 is usually a
 *   passing failure (a lock, a restart); a request that fails the same way each time still
 *   stops after the attempt budget.
 * Everything else (4xx, 501, oversized bodies, a body that is not JSON at all such as an HTML
 * login page, refused links) is final: asking again would get the same answer.
 */

import { ConnectionError, HttpError, InvalidJsonError, TimeoutError } from './errors.js';

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export const DEFAULT_MAX_ATTEMPTS = 5;

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);

/** Whether repeating the request cannot change the outcome beyond the first success. */
export function isIdempotent(method: string, markedIdempotent: boolean | undefined): boolean {
  return markedIdempotent === true || IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export type AttemptOutcome =
  | { status: number }
  | { error: unknown };

/** Whether this outcome of one attempt should be retried (ignoring the attempt budget). */
export function isRetryable(method: string, markedIdempotent: boolean | undefined, outcome: AttemptOutcome): boolean {
  const idempotent = isIdempotent(method, markedIdempotent);
  if ('status' in outcome) {
    if (!RETRYABLE_STATUSES.has(outcome.status)) return false;
    return outcome.status === 429 || idempotent;
  }
  const error = outcome.error;
  if (error instanceof HttpError) return isRetryable(method, markedIdempotent, { status: error.status });
  if (error instanceof ConnectionError) return !error.sent || idempotent;
  if (error instanceof TimeoutError) return error.phase === 'connect' || idempotent;
  if (error instanceof InvalidJsonError) return idempotent && /\bjson\b/i.test(error.contentType ?? '');
  return false;
}

/** Whether another attempt is allowed and useful after attempt number `attempt` (1-based). */
export function shouldRetry(
  method: string,
  markedIdempotent: boolean | undefined,
  outcome: AttemptOutcome,
  attempt: number,
  maxAttempts: number,
): boolean {
  return attempt < maxAttempts && isRetryable(method, markedIdempotent, outcome);
}
