/**
 * What one run may spend, over all its requests: bytes read, time spent waiting for the server's
 * `Retry-After`, and wall-clock time. Each limit on its own request (32 MiB per response, 120 s
 * per `Retry-After`, `--timeout` per attempt) still lets a hostile server multiply it by the
 * number of requests: 104 pages of 29 MB, or a 120 s `Retry-After` four times on every request.
 *
 * One instance per HttpClient (one client per run); nothing is shared between runs.
 */

import type { ReadAllowance } from './read-body.js';

export interface RunBudgetOptions {
  /** Response bytes the whole run may read (2xx and error bodies, every attempt). */
  maxReadBytes: number;
  /** Wall-clock time the run may spend waiting for `Retry-After`. */
  maxRetryWaitMs: number;
  /** Attempts the whole run may send (retries included). */
  maxRequests: number;
  /** The run's deadline, measured from `startedAt`; none when undefined. */
  deadlineMs: number | undefined;
  /** ms since the epoch, on the `now` clock. */
  startedAt: number;
  now: () => number;
}

export class RunBudget {
  readonly maxReadBytes: number;
  readonly maxRetryWaitMs: number;
  readonly maxRequests: number;
  readonly deadlineMs: number | undefined;
  /** Fires when the deadline passes, aborting whatever is in flight; undefined without a deadline. */
  readonly signal: AbortSignal | undefined;
  /** Shared with every concurrent read: the budget counts bytes as they arrive, not per response. */
  readonly reads: ReadAllowance;
  readonly #startedAt: number;
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout | undefined;
  #readBytes = 0;
  #requests = 0;
  #retryWaitMs = 0;
  /** End of the latest `Retry-After` wait granted, so concurrent waits are counted once. */
  #waitingUntil = Number.NEGATIVE_INFINITY;

  constructor(options: RunBudgetOptions) {
    this.maxReadBytes = options.maxReadBytes;
    this.maxRetryWaitMs = options.maxRetryWaitMs;
    this.maxRequests = options.maxRequests;
    this.deadlineMs = options.deadlineMs;
    this.#startedAt = options.startedAt;
    this.#now = options.now;
    this.reads = {
      remaining: () => this.maxReadBytes - this.#readBytes,
      take: (bytes) => {
        if (this.#readBytes + bytes > this.maxReadBytes) return false;
        this.#readBytes += bytes;
        return true;
      },
    };
    if (options.deadlineMs !== undefined) {
      const controller = new AbortController();
      this.signal = controller.signal;
      const left = Math.max(0, this.#startedAt + options.deadlineMs - this.#now());
      this.#timer = setTimeout(() => controller.abort(new Error('run deadline passed')), left);
      // A finished run must not be held open by its deadline.
      this.#timer.unref();
    }
  }

  /** Counts one attempt about to be sent; false (and nothing counted) when the run has sent its share. */
  takeRequest(): boolean {
    if (this.#requests >= this.maxRequests) return false;
    this.#requests += 1;
    return true;
  }

  get requests(): number {
    return this.#requests;
  }

  get readBytes(): number {
    return this.#readBytes;
  }

  get retryWaitMs(): number {
    return this.#retryWaitMs;
  }

  /** Whether the deadline has passed (by the clock, or by the timer that aborts requests). */
  deadlinePassed(): boolean {
    if (this.deadlineMs === undefined) return false;
    return this.signal?.aborted === true || this.#now() >= this.#startedAt + this.deadlineMs;
  }

  /** Whether waiting `ms` from now would end past the deadline. */
  waitPassesDeadline(ms: number): boolean {
    return this.deadlineMs !== undefined && this.#now() + ms > this.#startedAt + this.deadlineMs;
  }

  /**
   * Grants a wait of `ms` for a `Retry-After`, or refuses it (false) when the run's total would
   * pass the budget. What is counted is the time during which at least one request was waiting:
   * eight pages told to wait 10 s at the same moment cost 10 s, not 80 s. Backoff without
   * `Retry-After` is not counted; it is bounded per request by the retry settings (under 4 s).
   */
  takeRetryWait(ms: number): boolean {
    const start = this.#now();
    const end = start + ms;
    const added = Math.max(0, end - Math.max(start, this.#waitingUntil));
    if (this.#retryWaitMs + added > this.maxRetryWaitMs) return false;
    this.#retryWaitMs += added;
    this.#waitingUntil = Math.max(this.#waitingUntil, end);
    return true;
  }

  /** Stops the deadline timer. */
  close(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }
}
