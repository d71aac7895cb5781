import { describe, expect, it } from 'vitest';
import { debugEnabled, httpDebugLog } from '../../src/cli/http-debug-log.js';
import type { CliIO } from '../../src/cli/io.js';
import type { HttpEvent } from '../../src/http/client.js';

function capture(): { io: CliIO; lines: () => string } {
  let text = '';
  const io = { stderr: (t: string) => void (text += t) } as unknown as CliIO;
  return { io, lines: () => text };
}

const base = { method: 'GET', path: '/v1/example-org/teams', attempt: 1, durationMs: 12.4, waitedMs: 0.2 };

describe('httpDebugLog', () => {
  it.each<[string, HttpEvent, string]>([
    ['a finished request', { ...base, status: 200, outcome: 'done' }, 'debug: GET /v1/example-org/teams -> 200 (attempt 1, 12 ms, waited 0 ms)\n'],
    ['a retry after a status', { ...base, status: 503, outcome: 'retry', retryInMs: 250.6 }, 'debug: GET /v1/example-org/teams -> 503 (attempt 1, 12 ms, waited 0 ms), retry in 251 ms\n'],
    ['a failure below HTTP', { ...base, attempt: 3, error: 'TimeoutError', outcome: 'done' }, 'debug: GET /v1/example-org/teams -> TimeoutError (attempt 3, 12 ms, waited 0 ms)\n'],
    ['a path with control characters', { ...base, path: '/v1/o/teams/a\u001b[2Jb', status: 404, outcome: 'done' }, 'debug: GET /v1/o/teams/a\\u001b[2Jb -> 404 (attempt 1, 12 ms, waited 0 ms)\n'],
  ])('%s', (_name, event, expected) => {
    const { io, lines } = capture();
    httpDebugLog(io)(event);
    expect(lines()).toBe(expected);
  });

  it.each([
    ['1', true],
    ['true', true],
    ['YES', true],
    ['', false],
    ['0', false],
    [undefined, false],
  ])('ACCESSCTL_DEBUG=%s -> %s', (value, expected) => {
    expect(debugEnabled(value === undefined ? {} : { ACCESSCTL_DEBUG: value })).toBe(expected);
  });
});
