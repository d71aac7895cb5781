import type { HttpEvent } from '../http/client.js';
import { escapeControl } from '../render/escape-text.js';
import type { CliIO } from './io.js';

/** `ACCESSCTL_DEBUG=1` (or `true`) turns the HTTP debug log on. */
export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  return /^(1|true|yes)$/i.test(env.ACCESSCTL_DEBUG ?? '');
}

/**
 * One stderr line per HTTP attempt, for finding out why a run was slow or failed:
 * `debug: GET /v1/example-org/teams -> 503 (attempt 1, 12 ms, waited 0 ms), retry in 250 ms`.
 * Built from the client's events, which hold the path without its query and never a credential.
 */
export function httpDebugLog(io: CliIO): (event: HttpEvent) => void {
  return (event) => {
    const result = event.status !== undefined ? String(event.status) : (event.error ?? 'no response');
    const timing = `attempt ${event.attempt}, ${Math.round(event.durationMs)} ms, waited ${Math.round(event.waitedMs)} ms`;
    const next = event.outcome === 'retry' ? `, retry in ${Math.round(event.retryInMs ?? 0)} ms` : '';
    io.stderr(`debug: ${event.method} ${escapeControl(event.path)} -> ${result} (${timing})${next}\n`);
  };
}
