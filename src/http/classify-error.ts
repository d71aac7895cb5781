/**
 * Mapping what undici (or Node's sockets) threw during one exchange to the client's typed
 * errors. The distinction that matters is whether the request may have reached the server:
 * `ConnectionError.sent` and `TimeoutError.phase` let the retry policy repeat only what
 * cannot be duplicated. Causes are attached as sanitised copies (`safeCause`).
 */

import {
  ConnectionError,
  DeadlineError,
  ReadBudgetError,
  ResponseTooLargeError,
  TimeoutError,
  TransportError,
  safeCause,
  type HttpClientError,
} from './errors.js';
import { BodyOverBudget, BodyTooLarge } from './read-body.js';

export interface ExchangeContext {
  method: string;
  /** The API's origin, for the error's message. */
  origin: string;
  path: string;
  attempts: number;
  /** The caller's signal fired: whatever undici threw, this is an abort. */
  aborted: boolean;
  /** The run deadline passed (its signal aborted the exchange). */
  deadlinePassed: boolean;
  /** The attempt's whole-response timer fired. */
  timedOut: boolean;
  /** The client was closed: its pool refuses requests. */
  closed: boolean;
  limits: {
    connectTimeoutMs: number;
    headersTimeoutMs: number;
    bodyTimeoutMs: number;
    responseTimeoutMs: number;
    maxResponseBytes: number;
    maxReadBytes: number;
    deadlineMs: number | undefined;
  };
  redact: (text: string) => string;
}

export function classifyError(error: unknown, context: ExchangeContext): HttpClientError {
  const { method, origin, path, attempts, limits } = context;
  const cause = safeCause(error, context.redact);
  const init = { method, origin, path, attempts, cause };
  if (context.aborted) return new TransportError('aborted', init);
  if (context.deadlinePassed) return new DeadlineError({ method, origin, path, attempts, deadlineMs: limits.deadlineMs ?? 0 });
  if (context.timedOut) return new TimeoutError({ ...init, phase: 'total', timeoutMs: limits.responseTimeoutMs });
  if (error instanceof BodyTooLarge) return new ResponseTooLargeError({ method, origin, path, attempts, limitBytes: limits.maxResponseBytes });
  if (error instanceof BodyOverBudget) return new ReadBudgetError({ method, origin, path, attempts, budgetBytes: limits.maxReadBytes });
  const code = errorCode(error);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new TimeoutError({ ...init, phase: 'connect', timeoutMs: limits.connectTimeoutMs });
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new TimeoutError({ ...init, phase: 'headers', timeoutMs: limits.headersTimeoutMs });
    case 'UND_ERR_BODY_TIMEOUT':
      return new TimeoutError({ ...init, phase: 'body', timeoutMs: limits.bodyTimeoutMs });
    // Nothing reached the server: safe to repeat whatever the method.
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new ConnectionError({ ...init, code, sent: false });
    // The exchange broke after the request may have been processed (includes a body cut short).
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return new ConnectionError({ ...init, code, sent: true });
    case 'UND_ERR_ABORTED':
      return new TransportError('aborted', init);
    default:
      return new TransportError(context.closed ? 'client is closed' : `request failed${code === undefined ? '' : ` (${code})`}`, init);
  }
}

/** The first string `code` down the cause chain (undici wraps; happy eyeballs aggregates). */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    if (current instanceof AggregateError) {
      const inner = (current.errors[0] as { code?: unknown } | undefined)?.code;
      if (typeof inner === 'string') return inner;
    }
  }
  return undefined;
}
