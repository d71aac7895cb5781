import type { CliIO } from './io.js';

/**
 * Progress on stderr, only for a person at a terminal: one line rewritten in place.
 * In CI logs (no TTY) it prints nothing, so logs stay readable.
 */
export function progressLine(io: CliIO, label: string): { update: (done: number, expected: number) => void; end: () => void } {
  if (!io.stderrIsTTY) return { update: () => {}, end: () => {} };
  let shown = false;
  return {
    update: (done, expected) => {
      shown = true;
      io.stderr(`\r${label}: ${done}/${expected} requests`);
    },
    end: () => {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}
