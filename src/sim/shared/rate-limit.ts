/**
 * `--rate-limit N/SECONDS`: a token bucket holding N tokens that refills N tokens every
 * SECONDS (continuously). Each API request takes one; without one the answer is 429 with
 * `Retry-After` - whole seconds until a token is back, at least 1.
 */
export interface RateLimit {
  tokens: number;
  perSeconds: number;
}

export function parseRateLimit(value: string): RateLimit {
  const match = /^\s*(\d+)\s*(?:\/\s*(\d+(?:\.\d+)?)\s*)?$/.exec(value);
  const tokens = Number(match?.[1]);
  const perSeconds = match?.[2] === undefined ? 1 : Number(match[2]);
  if (!match || !(tokens >= 1) || !(perSeconds > 0)) {
    throw new Error(`invalid rate limit "${value}": expected N/SECONDS, e.g. 100/10`);
  }
  return { tokens, perSeconds };
}

export class TokenBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {
    this.available = limit.tokens;
    this.updatedAt = now();
  }

  /** Takes a token if there is one; otherwise says how many seconds until there will be. */
  take(): { ok: true } | { ok: false; retryAfterSeconds: number } {
    this.refill();
    if (this.available >= 1) {
      this.available -= 1;
      return { ok: true };
    }
    const perMs = this.limit.tokens / (this.limit.perSeconds * 1000);
    const waitMs = (1 - this.available) / perMs;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  reset(): void {
    this.available = this.limit.tokens;
    this.updatedAt = this.now();
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.available = Math.min(this.limit.tokens, this.available + (elapsed * this.limit.tokens) / (this.limit.perSeconds * 1000));
  }
}
