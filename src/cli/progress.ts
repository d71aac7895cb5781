import { escapeControl } from '../render/escape-text.js';
import type { CliIO } from './io.js';

/**
 * Progress on stderr, only for a person at a terminal: one line rewritten in place.
 * In CI logs (no TTY) it prints nothing, so logs stay readable.
 */
export function progressLine(io: CliIO, label: string): { update: (done: number, expected: number) => void; end: () => void } {
  if (!io.stderrIsTTY) return { update: () => {}, end: () => {} };
  // The label names the target, from the file (a Grafana URL, an org slug): escaped like any name.
  const shownLabel = escapeControl(label);
  let shown = false;
  return {
    update: (done, expected) => {
      shown = true;
      io.stderr(`\r${shownLabel}: ${done}/${expected} requests`);
    },
    end: () => {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}
