/**
 * Client-side token bucket (`--rate-limit N/SECONDS`; the grammar is core/rate-limit-spec.ts):
 * at most N requests per SECONDS on average, with bursts of up to N. Staying under a server's limit is cheaper than collecting
 * 429s and waiting out their `Retry-After`.
 *
 * Waiters are served first come, first served: each `take()` queues behind the previous one,
 * so a steady stream of new callers cannot starve an early one. The clock and sleep are
 * injectable so tests can check the token arithmetic without waiting.
 */
import { parseRateLimit, type RateLimit } from '../core/rate-limit-spec.js';

export interface RateLimiterOptions {
  /** Monotonic milliseconds; default `performance.now()`. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A clock that does not move would make a waiter spin; this many waits is plenty for a token. */
const MAX_WAITS_PER_TAKE = 1000;

export class RateLimiter {
  readonly rate: RateLimit;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly capacity: number;
  private readonly tokensPerMs: number;
  private tokens: number;
  private refilledAt: number;
  /** The previous waiter's turn; the next `take()` starts after it. */
  private queue: Promise<void> = Promise.resolve();

  constructor(rate: RateLimit | string, options: RateLimiterOptions = {}) {
    this.rate = typeof rate === 'string' ? parseRateLimit(rate) : rate;
    if (!(this.rate.requests > 0) || !(this.rate.perSeconds > 0)) throw new Error('rate limit must be positive');
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    // A bucket smaller than one token would never allow a request.
    this.capacity = Math.max(1, this.rate.requests);
    this.tokensPerMs = this.rate.requests / (this.rate.perSeconds * 1000);
    this.tokens = this.capacity;
    this.refilledAt = this.now();
  }

  /** Resolves when a request may be sent, having consumed one token. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeOne());
    // Keep the queue going even if a sleep rejects.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Tokens available now (fractional), for tests and progress display. */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private async takeOne(): Promise<void> {
    for (let waits = 0; waits <= MAX_WAITS_PER_TAKE; waits++) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil((1 - this.tokens) / this.tokensPerMs));
    }
    throw new Error('rate limiter: clock did not advance while waiting for a token');
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.refilledAt);
    this.refilledAt = Math.max(this.refilledAt, now);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.tokensPerMs);
  }
}
