import type { HttpClientOptions } from '../http/client.js';
import type { ConnectionSettings } from './types.js';

/** `--timeout` for the client: the same limit for the headers and for silence in the body. */
export function timeouts(settings: ConnectionSettings): Pick<HttpClientOptions, 'headersTimeoutMs' | 'bodyTimeoutMs'> {
  return settings.timeoutMs === undefined ? {} : { headersTimeoutMs: settings.timeoutMs, bodyTimeoutMs: settings.timeoutMs };
}
