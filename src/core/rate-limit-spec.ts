/**
 * The one grammar of a rate limit, for `--rate-limit` on every command (the client's token
 * bucket and the simulators' alike) and for the file's `rate_limit:`: `N` is N requests per
 * second, `N/SECONDS` is N requests per SECONDS seconds, both whole numbers. The schema's
 * `rate_limit` pattern is `RATE_LIMIT_PATTERN` (a test keeps them equal), so a file and a flag
 * accept exactly the same values and are refused with the same words.
 */
export interface RateLimit {
  /** Requests allowed per window, and the bucket's burst size. */
  requests: number;
  /** Window length in seconds. */
  perSeconds: number;
}

/** Requests 1 to 999999, seconds 1 to 99999: more than either API could mean, few enough digits to stay exact. */
export const RATE_LIMIT_PATTERN = '^[1-9][0-9]{0,5}(/[1-9][0-9]{0,4})?$';

/** What a valid value looks like, said the same way by every flag and the file. */
export const RATE_LIMIT_EXPECTED = 'N or N/SECONDS (N requests per second, or per SECONDS seconds; whole numbers), e.g. 50 or 300/60';

const GRAMMAR = new RegExp(RATE_LIMIT_PATTERN);

/** `"50"` → 50 per second, `"300/60"` → 300 per minute; anything else throws `invalid rate limit "…": expected …`. */
export function parseRateLimit(text: string): RateLimit {
  if (!GRAMMAR.test(text)) throw new Error(`invalid rate limit ${JSON.stringify(text)}: expected ${RATE_LIMIT_EXPECTED}`);
  const [requests, perSeconds = '1'] = text.split('/');
  return { requests: Number(requests), perSeconds: Number(perSeconds) };
}
