/**
 * How long to wait before the next attempt: a pure function of its inputs, so tests check the
 * arithmetic directly and the client only has to sleep for what it returns.
 *
 * Backoff is capped exponential with "full jitter" (AWS Architecture Blog, "Exponential Backoff
 * And Jitter"): `random() * min(cap, base * 2^(attempt-1))`. Full jitter spreads the retries of
 * many concurrent requests (a paginator's burst that hit a 429 together) instead of sending them
 * back in lock-step, and needs no state between attempts, unlike decorrelated jitter.
 *
 * `Retry-After` is a floor, never a suggestion: the delay is the server's wait plus the jitter,
 * so concurrent requests that got the same `Retry-After` do not all return at the same instant.
 * A `Retry-After` longer than `maxRetryAfterMs` means "give up now" (undefined) rather than
 * waiting less than asked or blocking a run for an hour.
 */

export interface RetryDelayOptions {
  /** Backoff of the first retry before jitter. */
  baseMs: number;
  /** Upper bound of the exponential part. */
  capMs: number;
  /** The longest `Retry-After` the client is willing to honour. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_DELAY: RetryDelayOptions = Object.freeze({
  baseMs: 250,
  capMs: 20_000,
  maxRetryAfterMs: 120_000,
});

/**
 * @param retry 1 for the wait before the second attempt, 2 before the third, ...
 * @param retryAfter the raw `Retry-After` header value, if the response had one
 * @param now wall-clock time in ms since the epoch (for the HTTP-date form)
 * @param random a number in [0, 1)
 * @returns milliseconds to wait, or undefined when the server asks for more than
 *   `maxRetryAfterMs` and the request should fail instead
 */
export function retryDelay(
  retry: number,
  retryAfter: string | undefined,
  now: number,
  random: number,
  options: RetryDelayOptions = DEFAULT_RETRY_DELAY,
): number | undefined {
  const exponent = Math.max(0, Math.min(retry - 1, 30)); // 2^30 already dwarfs any cap
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const jitter = Math.floor(clamp01(random) * ceiling);
  const floor = retryAfter === undefined ? undefined : parseRetryAfter(retryAfter, now);
  if (floor === undefined) return jitter;
  if (floor > options.maxRetryAfterMs) return undefined;
  return floor + jitter;
}

/**
 * `Retry-After` in milliseconds from `now`: delay-seconds (`"120"`; fractions tolerated) or an
 * HTTP-date (`"Wed, 21 Oct 2015 07:28:00 GMT"`; a date in the past means 0). Unparseable
 * values give undefined and the plain backoff applies (RFC 9110 §10.2.3).
 */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // Date.parse also accepts bare numbers and other shapes; require something date-like.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil(at - now));
}

function clamp01(value: number): number {
  if (!(value >= 0)) return 0;
  return value >= 1 ? 1 - Number.EPSILON : value;
}
