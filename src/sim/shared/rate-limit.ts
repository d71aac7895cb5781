import type { RateLimit } from '../../core/rate-limit-spec.js';

/**
 * `--rate-limit N/SECONDS` (the grammar is core/rate-limit-spec.ts): a token bucket holding N
 * tokens that refills N tokens every SECONDS (continuously). Each API request takes one;
 * without one the answer is 429 with `Retry-After` - whole seconds until a token is back, at least 1.
 */
export class TokenBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {
    this.available = limit.requests;
    this.updatedAt = now();
  }

  /** Takes a token if there is one; otherwise says how many seconds until there will be. */
  take(): { ok: true } | { ok: false; retryAfterSeconds: number } {
    this.refill();
    if (this.available >= 1) {
      this.available -= 1;
      return { ok: true };
    }
    const perMs = this.limit.requests / (this.limit.perSeconds * 1000);
    const waitMs = (1 - this.available) / perMs;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  reset(): void {
    this.available = this.limit.requests;
    this.updatedAt = this.now();
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.available = Math.min(this.limit.requests, this.available + (elapsed * this.limit.requests) / (this.limit.perSeconds * 1000));
  }
}
