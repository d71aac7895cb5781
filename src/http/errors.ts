/**
 * Typed errors of the HTTP client and the paginators.
 *
 * Every error names what a person needs to act on (method, origin, path, status, the server's
 * own message; DESIGN §1.7) and nothing that could leak a credential: `origin` is scheme, host
 * and port only (the client refuses a base URL with userinfo), `path` is the URL path only (no
 * query string), all text has been through the client's redactor before it got
 * here, and `cause` is a sanitised copy of the underlying error (see `safeCause`), so neither
 * `.message`, the cause chain, `JSON.stringify(err)` nor `util.inspect(err)` can show the
 * `Authorization` header or the secret. Constructors take already-redacted strings: redaction
 * is the client's job because only it knows the secrets.
 */

import { escapeControl } from '../render/escape-text.js';
import { STATUS_CODES } from 'node:http';

/** Base of everything the HTTP layer throws; `instanceof` lets callers tell it from bugs. */
export class HttpClientError extends Error {
  override name = 'HttpClientError';
}

/** Where an exchange went: `origin` (`https://api.chartio.com`) is optional so that errors made outside a client still read well. */
interface Exchange {
  method: string;
  origin?: string | undefined;
  path: string;
  attempts: number;
}

/** `GET https://api.chartio.com/v1/example-org/teams`: which server refused or could not be reached, not only which path. */
function requestLine(init: Exchange): string {
  return `${init.method} ${init.origin ?? ''}${init.path}`;
}

/** A response with a status outside 2xx (after retries, where the request was retryable). */
export class HttpError extends HttpClientError {
  override name = 'HttpError';
  readonly method: string;
  /** Scheme, host and port of the API, e.g. `https://api.chartio.com`; undefined when made outside a client. */
  readonly origin: string | undefined;
  /** URL path only, e.g. `/v1/example-org/teams`; never the host, userinfo or query. */
  readonly path: string;
  readonly status: number;
  /** The server's `{ message }` (or a short excerpt of a text body), escaped and redacted. */
  readonly serverMessage: string | undefined;
  /** How many times the request was sent; > 1 means an earlier attempt may have taken effect. */
  readonly attempts: number;

  constructor(init: Exchange & {
    status: number;
    serverMessage?: string | undefined;
    cause?: Error | undefined;
  }) {
    const reason = init.serverMessage ?? STATUS_CODES[init.status] ?? 'no message';
    const tries = init.attempts > 1 ? ` (after ${init.attempts} attempts)` : '';
    super(`${requestLine(init)} -> ${init.status}: ${reason}${tries}`, optionsFor(init.cause));
    this.method = init.method;
    this.origin = init.origin;
    this.path = init.path;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.attempts = init.attempts;
  }
}

/**
 * A 3xx answer. The client never follows redirects: the credentials travel with every request,
 * so following one would hand them to whatever the `Location` names.
 */
export class RedirectError extends HttpError {
  override name = 'RedirectError';
  /** The `Location`, reduced to origin and path (no userinfo, no query), or undefined. */
  readonly location: string | undefined;

  constructor(init: Exchange & { status: number; location: string | undefined }) {
    super({
      method: init.method,
      origin: init.origin,
      path: init.path,
      status: init.status,
      serverMessage: `redirect${init.location === undefined ? '' : ` to ${init.location}`} not followed`,
      attempts: init.attempts,
    });
    this.location = init.location;
  }
}

/** The exchange failed below HTTP: no (complete) response was received. */
export class TransportError extends HttpClientError {
  override name = 'TransportError';
  readonly method: string;
  /** As `HttpError.origin`. */
  readonly origin: string | undefined;
  readonly path: string;
  readonly attempts: number;

  constructor(message: string, init: Exchange & { cause?: Error | undefined }) {
    const tries = init.attempts > 1 ? ` (after ${init.attempts} attempts)` : '';
    super(`${requestLine(init)}: ${message}${tries}`, optionsFor(init.cause));
    this.method = init.method;
    this.origin = init.origin;
    this.path = init.path;
    this.attempts = init.attempts;
  }
}

/**
 * The connection could not be made or broke (refused, reset, closed by the other side).
 * `sent` is false when the failure happened before the request could reach the server
 * (connection refused), which makes a retry safe for any method.
 */
export class ConnectionError extends TransportError {
  override name = 'ConnectionError';
  /** The underlying code, e.g. `ECONNRESET`, `ECONNREFUSED`, `UND_ERR_SOCKET`. */
  readonly code: string | undefined;
  readonly sent: boolean;

  constructor(init: Exchange & { code: string | undefined; sent: boolean; cause?: Error | undefined }) {
    super(`connection failed${init.code === undefined ? '' : ` (${init.code})`}`, init);
    this.code = init.code;
    this.sent = init.sent;
  }
}

/** `total`: the whole response, from sending to its last byte (a body dripped byte by byte). */
export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'total';

const WAITED_FOR: Record<TimeoutPhase, string> = {
  connect: 'the connection',
  headers: 'the response headers',
  body: 'the response body',
  total: 'the whole response',
};

/** No connection, no response headers, no body data, or not the whole response within the configured time. */
export class TimeoutError extends TransportError {
  override name = 'TimeoutError';
  readonly phase: TimeoutPhase;
  readonly timeoutMs: number;

  constructor(init: Exchange & { phase: TimeoutPhase; timeoutMs: number; cause?: Error | undefined }) {
    super(`timed out waiting for ${WAITED_FOR[init.phase]} (${init.timeoutMs} ms)`, init);
    this.phase = init.phase;
    this.timeoutMs = init.timeoutMs;
  }
}

/** The response body grew past `maxResponseBytes`; reading stopped and the socket was dropped. */
export class ResponseTooLargeError extends TransportError {
  override name = 'ResponseTooLargeError';
  readonly limitBytes: number;

  constructor(init: Exchange & { limitBytes: number }) {
    super(`response larger than ${init.limitBytes} bytes`, init);
    this.limitBytes = init.limitBytes;
  }
}

/**
 * The run's read budget (all response bodies of the run together, `--max-read-mib`) would be
 * passed: reading stopped and the socket was dropped. A server sending many large pages must
 * not be able to fill memory 32 MiB at a time. Never retried.
 */
export class ReadBudgetError extends TransportError {
  override name = 'ReadBudgetError';
  readonly budgetBytes: number;

  constructor(init: Exchange & { budgetBytes: number }) {
    super(`response would pass the run's read budget of ${mebibytes(init.budgetBytes)} MiB (all responses together); raise it with --max-read-mib`, init);
    this.budgetBytes = init.budgetBytes;
  }
}

/**
 * The run sent as many requests as it may (`--max-requests`). A refresh of the largest org
 * the APIs allow takes about 6,000; a server that lists a million objects in small pages would
 * otherwise have accessctl ask for a million permission lists (issue 12). Never retried.
 */
export class RequestBudgetError extends TransportError {
  override name = 'RequestBudgetError';
  readonly budget: number;

  constructor(init: Exchange & { budget: number }) {
    super(`the run has sent its ${init.budget.toLocaleString('en-US')} requests (all requests together); raise the limit with --max-requests if the org is really that large`, init);
    this.budget = init.budget;
  }
}

/**
 * The run's deadline (`--deadline`) passed, or a retry would have to wait past it: in-flight
 * requests are aborted, and no request starts and no retry waits after it. Never retried.
 */
export class DeadlineError extends TransportError {
  override name = 'DeadlineError';
  readonly deadlineMs: number;

  constructor(init: Exchange & { deadlineMs: number; retryInMs?: number | undefined }) {
    const wait = init.retryInMs === undefined ? '' : ` (a retry would wait ${seconds(init.retryInMs)} s past it)`;
    super(`run deadline of ${seconds(init.deadlineMs)} s passed${wait}`, init);
    this.deadlineMs = init.deadlineMs;
  }
}

/**
 * A `Retry-After` the client will not wait for, because the run has already spent (or this wait
 * would spend) more than its budget for waiting on the server. Without it, a server answering
 * every request 429 `Retry-After: 120` could stall a run for minutes per request.
 */
export class RetryAfterBudgetError extends HttpError {
  override name = 'RetryAfterBudgetError';
  readonly retryAfterMs: number;
  readonly budgetMs: number;

  constructor(init: Exchange & { status: number; retryAfterMs: number; budgetMs: number }) {
    super({
      ...init,
      serverMessage:
        `Retry-After of ${seconds(init.retryAfterMs)} s would exceed the run's ${seconds(init.budgetMs)} s budget ` +
        'for waiting on the server; try later or pass --rate-limit',
    });
    this.retryAfterMs = init.retryAfterMs;
    this.budgetMs = init.budgetMs;
  }
}

/** A 2xx response whose body is not JSON (a truncated body, an HTML login page). */
export class InvalidJsonError extends TransportError {
  override name = 'InvalidJsonError';
  readonly status: number;
  readonly contentType: string | undefined;
  /** The first characters of the body, escaped and redacted, to recognise e.g. a login page. */
  readonly excerpt: string;

  constructor(init: Exchange & { status: number; contentType: string | undefined; excerpt: string; cause?: Error | undefined }) {
    super(`${init.status} response is not valid JSON (content-type ${init.contentType ?? 'none'}): ${JSON.stringify(init.excerpt)}`, init);
    this.status = init.status;
    this.contentType = init.contentType;
    this.excerpt = init.excerpt;
  }
}

/**
 * A link (HAL `href`, request path) that would leave the configured API: another scheme, host
 * or port, userinfo, or a path outside the API root. Thrown before any request is made.
 */
export class ForeignLinkError extends HttpClientError {
  override name = 'ForeignLinkError';
  /** The link reduced to what is safe to show (origin and path, no userinfo or query). */
  readonly href: string;
  readonly reason: string;

  constructor(init: { href: string; reason: string }) {
    super(`refused link ${JSON.stringify(init.href)}: ${init.reason}`);
    this.href = init.href;
    this.reason = init.reason;
  }
}

export type PaginationProblem =
  | 'loop'
  | 'too-many-pages'
  | 'too-many-items'
  | 'too-few-items'
  | 'count-changed'
  | 'bad-shape'
  | 'repeated-item';

/**
 * A paginated collection that cannot be read completely and consistently. The collection as a
 * whole is unusable: a partial read must never pass for the live state (an access tool would
 * then plan to re-grant or delete what it did not see).
 */
export class PaginationError extends HttpClientError {
  override name = 'PaginationError';
  readonly problem: PaginationProblem;
  /** The collection's first path, e.g. `/example-org/users`. */
  readonly collection: string;

  constructor(init: { problem: PaginationProblem; collection: string; detail: string }) {
    super(`reading ${init.collection}: ${init.detail}`);
    this.problem = init.problem;
    this.collection = init.collection;
  }
}

/** Whole seconds where exact, else up to one decimal: 120, 0.3. */
function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function mebibytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 100) / 100);
}

function optionsFor(cause: Error | undefined): ErrorOptions | undefined {
  return cause === undefined ? undefined : { cause };
}

/**
 * A copy of `error` safe to attach as `cause`: name, message, code and stack redacted, and its
 * own cause chain copied the same way (bounded depth). Only these are copied, so properties that
 * other libraries hang on errors (request options, headers, sockets) never come along.
 */
export function safeCause(error: unknown, redact: (text: string) => string, depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redact(String(error)));
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.defineProperty(copy, 'code', { value: code, enumerable: true });
  if (error.stack !== undefined) copy.stack = redact(error.stack);
  const inner = error.cause ?? (error instanceof AggregateError ? error.errors[0] : undefined);
  if (inner !== undefined && depth < 4) {
    Object.defineProperty(copy, 'cause', { value: safeCause(inner, redact, depth + 1), enumerable: false, writable: true, configurable: true });
  }
  return copy;
}

/**
 * Makes server-provided text safe to print in one line: control characters (including ANSI
 * escape sequences' ESC) become `\uXXXX`, whitespace runs collapse, and the result is cut to
 * `max` characters. A hostile server must not be able to rewrite a terminal or inject CI
 * workflow commands through an error message.
 */
export function printable(text: string, max = 300): string {
  const escaped = escapeControl(text.replace(/\s+/g, ' ').trim());
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
