/**
 * The HTTP client shared by both providers: JSON over undici, one concurrency limit and an
 * optional rate limit for every request of a run, bounded retries, strict timeouts and size
 * limits, no redirects, no links off the API's origin, and errors that never carry credentials.
 * Limits hold per attempt (a whole-response timeout, 32 MiB per body) and per run (`RunBudget`:
 * bytes read by all requests together, time spent waiting for `Retry-After`, a deadline), since
 * a per-request limit alone lets a hostile server multiply it by the number of requests.
 *
 * Where the concurrency slot is held: for one attempt only, from taking a rate-limit token
 * through sending the request to reading the last byte of the response. The slot is released
 * before a retry's wait and before the caller sees the result, so:
 * - a request waiting out `Retry-After` does not keep others from the server;
 * - no caller code ever runs inside a slot, so work that issues requests from within other
 *   requests' continuations (a paginator fanning out pages while an executor runs changes)
 *   cannot deadlock on the limit, whatever the nesting.
 * The rate-limit token is taken inside the slot, right before sending, so requests leave at the
 * bucket's pace instead of bunching up behind busy slots.
 *
 * undici's Pool is bound to the base URL's origin: even a bug in the link checks could not
 * send a request, and with it the credentials, to another host.
 */

import { Pool, type Dispatcher } from 'undici';
import pLimit, { type LimitFunction } from 'p-limit';
import { attemptSignal } from './attempt-signal.js';
import { classifyError } from './classify-error.js';
import {
  DeadlineError,
  HttpError,
  InvalidJsonError,
  RedirectError,
  RequestBudgetError,
  RetryAfterBudgetError,
  TransportError,
  printable,
  safeCause,
} from './errors.js';
import { discard, readBounded } from './read-body.js';
import { REDACTED, redactorFor, type Credentials, type Redactor } from './redact.js';
import { displayable, parseBaseUrl, resolveLink } from './resolve-link.js';
import { DEFAULT_RETRY_DELAY, parseRetryAfter, retryDelay, type RetryDelayOptions } from './retry-delay.js';
import { DEFAULT_MAX_ATTEMPTS, shouldRetry, type AttemptOutcome } from './retry-policy.js';
import type { RateLimit } from '../core/rate-limit-spec.js';
import { RateLimiter } from './rate-limiter.js';
import { RunBudget } from './run-budget.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Auth = Credentials;

/** One finished attempt, for progress display and benchmarks. Never carries credentials. */
export interface HttpEvent {
  method: string;
  /** URL path only. */
  path: string;
  /** 1-based attempt number. */
  attempt: number;
  /** The response status, when there was a response. */
  status?: number;
  /** The error's name (`ConnectionError`, `TimeoutError`, ...) when the attempt failed below HTTP. */
  error?: string;
  /** The exchange itself: from sending to the last byte (or the failure). */
  durationMs: number;
  /** Time spent before sending, waiting for a concurrency slot and a rate-limit token. */
  waitedMs: number;
  /** `retry`: another attempt follows after `retryInMs`; `done`: the request is finished. */
  outcome: 'done' | 'retry';
  retryInMs?: number;
}

export interface HttpClientOptions {
  /** The API root, e.g. `https://api.chartio.com/v1` or `http://127.0.0.1:3000`. No userinfo. */
  baseUrl: string | URL;
  auth?: Auth;
  /** Requests in flight at once, over all callers of this client; also the socket count. Default 8. */
  concurrency?: number;
  /** Client-side rate limit: `"50/1"` (core/rate-limit-spec.ts), a `RateLimit`, or a shared `RateLimiter`. */
  rateLimit?: string | RateLimit | RateLimiter;
  /** Largest response body accepted; reading stops when it is exceeded. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Response bytes the whole run (this client) may read, every response together. Default 512 MiB. */
  maxReadBytes?: number;
  /** Attempts the whole run (this client) may send, retries included. Default 50,000. */
  maxRequests?: number;
  /** Attempts per request, first one included. Default 5. */
  maxAttempts?: number;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Time to the response headers. Default 30 s. */
  headersTimeoutMs?: number;
  /** Longest silence while receiving the body. Default 30 s. */
  bodyTimeoutMs?: number;
  /** One attempt from sending the request to the last body byte. Default 30 s. */
  responseTimeoutMs?: number;
  /** Wall-clock time the run may spend waiting for `Retry-After` (concurrent waits count once). Default 120 s. */
  maxRetryWaitMs?: number;
  /** The run's deadline from `startedAt`: no request starts or retry waits past it, in-flight ones abort. Default none. */
  deadlineMs?: number;
  /** When the run started, on the `now` clock. Default: when the client is created. */
  startedAt?: number;
  /** Backoff tuning; see `retryDelay`. */
  retry?: Partial<RetryDelayOptions>;
  onEvent?: (event: HttpEvent) => void;
  /** Injectable for tests: the wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable for tests: jitter source in [0, 1). */
  random?: () => number;
  /** Injectable for tests: wall clock (ms since epoch) for `Retry-After` dates and the run's budgets. */
  now?: () => number;
  userAgent?: string;
}

export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest {
  method: HttpMethod;
  /** Relative to the API root (`/example-org/teams`), or an absolute URL on the same origin. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** The caller vouches that repeating this request is harmless (an upsert POST). */
  idempotent?: boolean;
  signal?: AbortSignal;
  /**
   * Extra request headers, e.g. Grafana's `X-Grafana-Org-Id`. Credentials (`Authorization`,
   * `Proxy-Authorization`, `Cookie`), `Content-Type`, `Accept`, `User-Agent` and the
   * connection-level ones (`Host`, `Content-Length`, `Transfer-Encoding`, `Connection`) are the
   * client's alone: a caller's value for them is dropped.
   */
  headers?: Record<string, string>;
}

export interface HttpResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON; undefined for an empty body. Not validated: `T` is the caller's claim. */
  body: T;
  /** Attempts it took; > 1 after a retry (a 409 then may mean the first attempt succeeded). */
  attempts: number;
}

export const DEFAULTS = Object.freeze({
  concurrency: 8,
  maxResponseBytes: 32 * 1024 * 1024,
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  responseTimeoutMs: 30_000,
  maxReadBytes: 512 * 1024 * 1024,
  // About 9 times what a refresh of the largest org the APIs allow takes (5,675 requests).
  maxRequests: 50_000,
  maxRetryWaitMs: 120_000,
});

/** Error bodies are read only this far: enough for a message, not worth more. */
const ERROR_BODY_BYTES = 64 * 1024;

/** What one attempt produced before interpretation. */
interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

interface Settings {
  maxResponseBytes: number;
  maxReadBytes: number;
  responseTimeoutMs: number;
  deadlineMs: number | undefined;
  maxAttempts: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  retry: RetryDelayOptions;
  userAgent: string;
}

export class HttpClient {
  readonly baseUrl: URL;
  readonly concurrency: number;
  /** Removes this client's credentials, in every form, from any text (for debug logs). */
  readonly redact: Redactor;
  // ES private fields: invisible to util.inspect, JSON.stringify and Object.keys.
  readonly #authorization: string | undefined;
  /** The API's origin as errors name it (DESIGN §1.7), redacted like everything else they carry. */
  readonly #origin: string;
  readonly #pool: Pool;
  readonly #limit: LimitFunction;
  readonly #rateLimiter: RateLimiter | undefined;
  readonly #settings: Settings;
  readonly #onEvent: ((event: HttpEvent) => void) | undefined;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #budget: RunBudget;
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(options: HttpClientOptions) {
    this.baseUrl = parseBaseUrl(options.baseUrl);
    this.concurrency = positiveInteger(options.concurrency ?? DEFAULTS.concurrency, 'concurrency');
    this.redact = redactorFor(options.auth);
    this.#origin = this.redact(this.baseUrl.origin);
    this.#authorization = authorizationHeader(options.auth);
    this.#settings = {
      maxResponseBytes: positiveInteger(options.maxResponseBytes ?? DEFAULTS.maxResponseBytes, 'maxResponseBytes'),
      maxAttempts: positiveInteger(options.maxAttempts ?? DEFAULTS.maxAttempts, 'maxAttempts'),
      connectTimeoutMs: positiveInteger(options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs, 'connectTimeoutMs'),
      headersTimeoutMs: positiveInteger(options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs, 'headersTimeoutMs'),
      bodyTimeoutMs: positiveInteger(options.bodyTimeoutMs ?? DEFAULTS.bodyTimeoutMs, 'bodyTimeoutMs'),
      responseTimeoutMs: timerMs(options.responseTimeoutMs ?? DEFAULTS.responseTimeoutMs, 'responseTimeoutMs'),
      maxReadBytes: positiveInteger(options.maxReadBytes ?? DEFAULTS.maxReadBytes, 'maxReadBytes'),
      deadlineMs: options.deadlineMs === undefined ? undefined : timerMs(options.deadlineMs, 'deadlineMs'),
      retry: { ...DEFAULT_RETRY_DELAY, ...options.retry },
      userAgent: options.userAgent ?? 'accessctl',
    };
    this.#limit = pLimit(this.concurrency);
    this.#rateLimiter =
      options.rateLimit === undefined || options.rateLimit instanceof RateLimiter
        ? options.rateLimit
        : new RateLimiter(options.rateLimit);
    this.#pool = new Pool(this.baseUrl.origin, {
      // One socket per slot: a request never queues inside undici behind another.
      connections: this.concurrency,
      connectTimeout: this.#settings.connectTimeoutMs,
      headersTimeout: this.#settings.headersTimeoutMs,
      bodyTimeout: this.#settings.bodyTimeoutMs,
      // keepAliveTimeout stays at undici's default: it follows the server's `Keep-Alive: timeout`
      // hint minus a margin, so an idle socket is dropped before the server closes it (a reset
      // on a reused socket would fail a non-idempotent POST).
    });
    this.#onEvent = options.onEvent;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#budget = new RunBudget({
      maxReadBytes: this.#settings.maxReadBytes,
      maxRetryWaitMs: nonNegativeInteger(options.maxRetryWaitMs ?? DEFAULTS.maxRetryWaitMs, 'maxRetryWaitMs'),
      maxRequests: positiveInteger(options.maxRequests ?? DEFAULTS.maxRequests, 'maxRequests'),
      deadlineMs: this.#settings.deadlineMs,
      startedAt: options.startedAt ?? this.#now(),
      now: this.#now,
    });
  }

  /** What the run has spent so far: response bytes read, and time waited for `Retry-After`. */
  get spent(): { readBytes: number; retryWaitMs: number } {
    return { readBytes: this.#budget.readBytes, retryWaitMs: this.#budget.retryWaitMs };
  }

  /** Resolves a path or link the way `request` would, throwing `ForeignLinkError` if refused. */
  resolve(path: string): URL {
    return resolveLink(this.baseUrl, path);
  }

  /**
   * Sends one request, retrying what is safe to retry, and returns the parsed JSON of a 2xx.
   * Throws `HttpError` for any other status (`RedirectError` for 3xx), a `TransportError`
   * subclass when no usable response came, `ForeignLinkError` before sending when `path` leaves
   * the API.
   */
  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    const method = request.method.toUpperCase();
    const url = this.resolve(request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.append(key, String(value));
    }
    const path = this.redact(url.pathname);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);

    for (let attempt = 1; attempt <= this.#settings.maxAttempts; attempt++) {
      if (this.#closed) throw new TransportError('client is closed', { method, origin: this.#origin, path, attempts: attempt - 1 });
      if (this.#budget.deadlinePassed()) throw this.#deadlineError(method, path, attempt - 1);
      const queued = performance.now();
      const timing = { sent: Number.NaN };
      let outcome: AttemptOutcome;
      let raw: RawResponse | undefined;
      let parsed: HttpResponse<T> | undefined;
      try {
        raw = await this.#limit(() => this.#exchange(method, url, path, body, attempt, request.signal, timing, request.headers));
        outcome = { status: raw.status };
        // A 2xx is parsed here, so that a body cut short (InvalidJsonError) can be retried.
        if (raw.status >= 200 && raw.status < 300) parsed = this.#interpret<T>(method, path, raw, attempt);
      } catch (error) {
        outcome = { error };
      }
      const finished = performance.now();
      const sent = Number.isNaN(timing.sent) ? finished : timing.sent;
      const base = { method, path, attempt, durationMs: finished - sent, waitedMs: sent - queued };
      const described = raw !== undefined ? { status: raw.status } : { error: errorName(outcome) };

      if (shouldRetry(method, request.idempotent, outcome, attempt, this.#settings.maxAttempts)) {
        const retryAfter = raw === undefined ? undefined : headerValue(raw.headers['retry-after']);
        const delay = retryDelay(attempt, retryAfter, this.#now(), this.#random(), this.#settings.retry);
        if (delay !== undefined) {
          const refusal = this.#refuseWait(method, path, attempt, raw, retryAfter, delay);
          if (refusal !== undefined) {
            this.#emit({ ...base, ...described, outcome: 'done' });
            throw refusal;
          }
          this.#emit({ ...base, ...described, outcome: 'retry', retryInMs: delay });
          await this.#sleep(delay);
          continue;
        }
      }
      this.#emit({ ...base, ...described, outcome: 'done' });
      if ('error' in outcome) throw outcome.error;
      return parsed ?? this.#interpret<T>(method, path, raw!, attempt);
    }
    // Unreachable: the last attempt never retries. Kept so the loop stays visibly bounded.
    throw new TransportError('no attempt made', { method, origin: this.#origin, path, attempts: 0 });
  }

  /** Closes the sockets once in-flight requests finish; later requests fail. Idempotent. */
  close(): Promise<void> {
    if (this.#closing === undefined) {
      this.#closed = true;
      this.#budget.close();
      this.#closing = this.#pool.close();
    }
    return this.#closing;
  }

  /** One attempt, inside a concurrency slot: token, send, read the whole (bounded) body. */
  async #exchange(
    method: string,
    url: URL,
    path: string,
    body: string | undefined,
    attempt: number,
    signal: AbortSignal | undefined,
    timing: { sent: number },
    extraHeaders: Record<string, string> | undefined,
  ): Promise<RawResponse> {
    await this.#rateLimiter?.take();
    // A request that waited for its slot or token past the deadline does not start.
    if (this.#budget.deadlinePassed()) throw this.#deadlineError(method, path, attempt);
    if (!this.#budget.takeRequest()) throw new RequestBudgetError({ method, origin: this.#origin, path, attempts: attempt - 1, budget: this.#budget.maxRequests });
    timing.sent = performance.now();
    const headers: Record<string, string> = {
      ...callerHeaders(extraHeaders),
      accept: 'application/hal+json, application/json;q=0.9',
      'user-agent': this.#settings.userAgent,
    };
    if (this.#authorization !== undefined) headers.authorization = this.#authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const attemptAbort = attemptSignal(this.#settings.responseTimeoutMs, [signal, this.#budget.signal]);
    try {
      const response = await this.#pool.request({
        method: method as Dispatcher.HttpMethod,
        path: `${url.pathname}${url.search}`,
        headers,
        body: body ?? null,
        signal: attemptAbort.signal,
      });
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      let bytes: Buffer;
      if (response.statusCode >= 300 && response.statusCode < 400) {
        // A redirect's body is not read; dropping it is cheaper than draining an unknown size.
        discard(response.body);
        bytes = Buffer.alloc(0);
      } else if (ok) {
        bytes = await readBounded(response, this.#settings.maxResponseBytes, 'throw', this.#budget.reads);
      } else {
        bytes = await readBounded(response, Math.min(ERROR_BODY_BYTES, this.#settings.maxResponseBytes), 'truncate', this.#budget.reads);
      }
      return { status: response.statusCode, headers: response.headers, bytes };
    } catch (error) {
      throw classifyError(error, {
        method,
        origin: this.#origin,
        path,
        attempts: attempt,
        aborted: signal?.aborted === true,
        deadlinePassed: this.#budget.deadlinePassed(),
        timedOut: attemptAbort.timedOut(),
        closed: this.#closed,
        limits: this.#settings,
        redact: this.redact,
      });
    } finally {
      attemptAbort.dispose();
    }
  }

  /**
   * Why the wait before a retry is not taken, if it is not: it would end past the run deadline,
   * or (for a `Retry-After`) it would pass the run's budget for waiting on the server.
   */
  #refuseWait(
    method: string,
    path: string,
    attempt: number,
    raw: RawResponse | undefined,
    retryAfter: string | undefined,
    delay: number,
  ): Error | undefined {
    if (this.#budget.waitPassesDeadline(delay)) return this.#deadlineError(method, path, attempt, delay);
    const asked = retryAfter === undefined ? undefined : parseRetryAfter(retryAfter, this.#now());
    if (raw === undefined || asked === undefined || this.#budget.takeRetryWait(delay)) return undefined;
    return new RetryAfterBudgetError({
      method,
      origin: this.#origin,
      path,
      status: raw.status,
      attempts: attempt,
      retryAfterMs: asked,
      budgetMs: this.#budget.maxRetryWaitMs,
    });
  }

  #deadlineError(method: string, path: string, attempts: number, retryInMs?: number): DeadlineError {
    return new DeadlineError({ method, origin: this.#origin, path, attempts, deadlineMs: this.#settings.deadlineMs ?? 0, retryInMs });
  }

  /** A finished exchange -> the caller's response or a typed error. */
  #interpret<T>(method: string, path: string, raw: RawResponse, attempts: number): HttpResponse<T> {
    const { status, headers, bytes } = raw;
    if (status >= 300 && status < 400) {
      throw new RedirectError({ method, origin: this.#origin, path, status, attempts, location: this.#location(headers.location) });
    }
    const text = bytes.toString('utf8');
    if (status < 200 || status >= 300) {
      throw new HttpError({ method, origin: this.#origin, path, status, attempts, serverMessage: this.#serverMessage(text) });
    }
    if (text.trim() === '') return { status, headers, body: undefined as T, attempts };
    try {
      return { status, headers, body: JSON.parse(text) as T, attempts };
    } catch (error) {
      throw new InvalidJsonError({
        method,
        origin: this.#origin,
        path,
        attempts,
        status,
        contentType: headerValue(headers['content-type']),
        excerpt: printable(this.redact(text.slice(0, 400)), 120),
        cause: safeCause(error, this.redact),
      });
    }
  }

  /** `{ message }` (Chartio, Grafana) or `{ error }`, else a short excerpt of a text body. */
  #serverMessage(text: string): string | undefined {
    if (text.trim() === '') return undefined;
    let message: string | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) {
        const record = parsed as Record<string, unknown>;
        if (typeof record.message === 'string') message = record.message;
        else if (typeof record.error === 'string') message = record.error;
      }
    } catch {
      // Not JSON: an HTML error page or plain text; its tags are noise.
      message = text.slice(0, 2000).replace(/<[^>]*>/g, ' ');
    }
    if (message === undefined || message.trim() === '') return undefined;
    return printable(this.redact(message), 300);
  }

  #location(value: string | string[] | undefined): string | undefined {
    const location = headerValue(value);
    if (location === undefined) return undefined;
    // Redacted before parsing too: URL parsing lower-cases the host and re-encodes the path,
    // which would hide a secret echoed there (`https://<secret>.example/`) from the redactor.
    const redacted = this.redact(location);
    try {
      return this.redact(displayable(new URL(redacted, this.baseUrl)));
    } catch {
      // `https://[REDACTED].example/` is no URL (brackets mean IPv6): say only that it was hidden.
      return redacted === location ? undefined : REDACTED;
    }
  }

  #emit(event: HttpEvent): void {
    try {
      this.#onEvent?.(event);
    } catch {
      // A broken progress display must not fail the run it reports on.
    }
  }
}

function authorizationHeader(auth: Auth | undefined): string | undefined {
  if (auth === undefined) return undefined;
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`;
  return `Bearer ${auth.token}`;
}

/** Headers only the client sets: credentials, body framing, and what it negotiates itself. */
const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'content-type',
  'content-length',
  'transfer-encoding',
  'connection',
  'host',
  'accept',
  'user-agent',
]);

/** A caller's extra headers, lower-cased, without the reserved ones (a caller never changes the credentials sent). */
function callerHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const key = name.toLowerCase();
    if (RESERVED_HEADERS.has(key) || typeof value !== 'string') continue;
    out[key] = value;
  }
  return out;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorName(outcome: AttemptOutcome): string {
  return 'error' in outcome && outcome.error instanceof Error ? outcome.error.name : 'Error';
}

/** A timer's delay: setTimeout fires at once (after a warning) for anything above 2^31 - 1 ms. */
function timerMs(value: number, name: string): number {
  positiveInteger(value, name);
  if (value > 2 ** 31 - 1) throw new RangeError(`${name} must be at most ${2 ** 31 - 1} ms, got ${value}`);
  return value;
}

function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
