import { parseRateLimit } from '../core/rate-limit-spec.js';
import type { HttpClientOptions } from '../http/client.js';
import type { ConnectionSettings } from './types.js';

/**
 * The run-wide settings as HTTP client options, the same for every provider: `--parallelism`,
 * the rate limit (`--rate-limit` over the file's `rate_limit:`), `--timeout` for the headers,
 * for silence in the body and for the whole response, the run's budgets (`--max-read-mib`,
 * `--deadline`), and the debug log's event hook.
 */
export function clientSettings(
  settings: ConnectionSettings,
  /** The file's `rate_limit:`: `50/1`, or `50` (YAML reads it as a number), checked by the schema. */
  fileRateLimit: string | number | undefined,
): Pick<
  HttpClientOptions,
  'concurrency' | 'rateLimit' | 'headersTimeoutMs' | 'bodyTimeoutMs' | 'responseTimeoutMs' | 'maxReadBytes' | 'maxRequests' | 'deadlineMs' | 'onEvent'
> {
  const rateLimit = settings.rateLimit ?? (fileRateLimit === undefined ? undefined : parseRateLimit(String(fileRateLimit)));
  return {
    concurrency: settings.parallelism,
    ...(rateLimit ? { rateLimit } : {}),
    ...(settings.timeoutMs !== undefined
      ? { headersTimeoutMs: settings.timeoutMs, bodyTimeoutMs: settings.timeoutMs, responseTimeoutMs: settings.timeoutMs }
      : {}),
    ...(settings.maxReadBytes !== undefined ? { maxReadBytes: settings.maxReadBytes } : {}),
    ...(settings.maxRequests !== undefined ? { maxRequests: settings.maxRequests } : {}),
    ...(settings.deadlineMs !== undefined ? { deadlineMs: settings.deadlineMs } : {}),
    ...(settings.onHttpEvent ? { onEvent: settings.onHttpEvent } : {}),
  };
}
