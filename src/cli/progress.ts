import { escapeControl } from '../render/escape-text.js';
import type { CliIO } from './io.js';

export interface Progress {
  /** `done` requests answered of `expected` known so far (an estimate that grows as pages arrive). */
  update: (done: number, expected: number) => void;
  end: () => void;
}

/** How often a log without a terminal hears from a phase that is still running (default 10 s). */
export const HEARTBEAT_ENV = 'ACCESSCTL_HEARTBEAT_SECONDS';
const DEFAULT_HEARTBEAT_SECONDS = 10;

/**
 * Progress on stderr. For a person at a terminal: one line rewritten in place. In a log (no
 * TTY: CI), where a rewritten line would be noise and silence gets a job killed: one line when
 * the phase starts, then every 10 s (ACCESSCTL_HEARTBEAT_SECONDS) a line saying how far it got.
 */
export function progressLine(io: CliIO, label: string): Progress {
  // The label names the target, from the file (a Grafana URL, an org slug): escaped like any name.
  const shownLabel = escapeControl(label);
  return io.stderrIsTTY ? inPlace(io, shownLabel) : heartbeat(io, shownLabel, heartbeatMs(io.env));
}

function inPlace(io: CliIO, label: string): Progress {
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

function heartbeat(io: CliIO, label: string, intervalMs: number): Progress {
  const started = performance.now();
  let latest: { done: number; expected: number } | undefined;
  io.stderr(`${label}\n`);
  const timer = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    const seconds = elapsed < 10 ? elapsed.toFixed(1) : Math.round(elapsed).toString();
    // Chartio's total grows as collection pages name more permission lists: "about".
    const sofar = latest ? `${count(latest.done)} of ~${count(latest.expected)} requests` : 'no answer yet';
    io.stderr(`${label}: ${sofar} after ${seconds} s\n`);
  }, intervalMs);
  // A heartbeat never keeps the process alive on its own.
  timer.unref();
  return {
    update: (done, expected) => {
      latest = { done, expected };
    },
    end: () => clearInterval(timer),
  };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The heartbeat interval from the environment: seconds from 0.1 to 3600, else the default. */
function heartbeatMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env[HEARTBEAT_ENV]);
  const valid = env[HEARTBEAT_ENV]?.trim() && Number.isFinite(seconds) && seconds >= 0.1 && seconds <= 3600;
  return (valid ? seconds : DEFAULT_HEARTBEAT_SECONDS) * 1000;
}
