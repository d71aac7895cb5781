import { InvalidArgumentError, Option } from 'commander';
import { parseRateLimit, RATE_LIMIT_EXPECTED, type RateLimit } from '../core/rate-limit-spec.js';

/** The flags of every command that talks to an API, as commander parses them. */
export interface ConnectionFlags {
  /** `--parallelism N`: requests in flight at once. */
  parallelism: number;
  /** `--rate-limit N/SECONDS`, over the file's `rate_limit:`. */
  rateLimit?: RateLimit;
  /** `--timeout SECONDS`: how long one response may take, from request to last byte. */
  timeout?: number;
  /** `--max-read-mib N`: response MiB the whole run may read. */
  maxReadMib?: number;
  /** `--max-requests N`: requests the run may send, all together. */
  maxRequests?: number;
  /** `--deadline SECONDS`: the run's time limit. */
  deadline?: number;
  /** `--url URL`: the API root, the operator's choice over the environment's (never the file's). */
  url?: string;
}

/** `--no-color`, which every command takes (added to each by program.ts). */
export interface ColorFlag {
  /** false with `--no-color`. */
  color?: boolean;
}

/** `--no-color`: no ANSI colour on stdout or stderr, terminal or not (as NO_COLOR). */
export function noColorOption(): Option {
  return new Option('--no-color', 'no colours in the output, even on a terminal (as NO_COLOR=1)');
}

/** `-f PATH`, repeatable; the default is access.yaml in the working directory (DESIGN §5). */
export function fileOption(): Option {
  return new Option('-f, --file <path>', 'desired-state file or directory (repeatable)')
    .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
}

export const DEFAULT_FILE = 'access.yaml';

export function filesOrDefault(files: string[] | undefined): string[] {
  return files && files.length > 0 ? files : [DEFAULT_FILE];
}

export function formatOption(formats: readonly string[], fallback: string): Option {
  return new Option('--format <format>', 'output format').choices(formats).default(fallback);
}

/** `--parallelism N`: requests and changes in flight at once (DESIGN §5; default 8). */
export function parallelismOption(): Option {
  return new Option('--parallelism <n>', 'requests in flight at once').argParser(positiveInteger('--parallelism')).default(8);
}

/**
 * `--rate-limit N[/SECONDS]`, one parser for every command that takes it (the simulators' too),
 * so a value one accepts the others accept, and a refusal reads the same everywhere. `over`
 * says what the flag is for: a client's limit over the file's, a client's with no file, or a
 * simulator's bucket.
 */
export function rateLimitOption(over: 'file' | 'no-file' | 'simulator'): Option {
  const description = {
    file: "client-side rate limit: N requests per second, or N/SECONDS (over the file's rate_limit:)",
    'no-file': 'client-side rate limit: N requests per second, or N/SECONDS',
    simulator: 'token bucket: N requests per second, or N/SECONDS, then 429 with Retry-After',
  }[over];
  return new Option('--rate-limit <n[/seconds]>', description).argParser((value: string) => {
    try {
      return parseRateLimit(value);
    } catch {
      throw new InvalidArgumentError(`expected ${RATE_LIMIT_EXPECTED}`);
    }
  });
}

/**
 * `--timeout SECONDS`: a response is given up on after this long (from sending the request to its
 * last byte, so a body dripped slowly counts too), and the request retried where that is safe. Default 30.
 */
export function timeoutOption(): Option {
  return new Option('--timeout <seconds>', 'give up on a response not complete after this long (default 30)').argParser(
    numberIn('--timeout', { min: 0.1, max: 3600, what: 'seconds' }),
  );
}

/** `--target ADDR`, repeatable; an address that names nothing the file or live state holds is an error (plan-checks.ts). */
export function targetOption(): Option {
  return new Option('--target <address>', 'limit to this resource address and what it depends on (repeatable); one that names nothing is an error').argParser(
    (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
  );
}

/** `--show-ignored` (plan, apply): list the changes `ignore:` leaves alone, with each rule's reason (the plan always counts them). */
export function showIgnoredOption(): Option {
  return new Option('--show-ignored', "list the changes the file's ignore: rules leave alone, with each rule's reason");
}

export function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 1024) throw new InvalidArgumentError(`${flag} takes a whole number from 1 to 1024`);
    return n;
  };
}

/** `--simulate FILE`: the run goes to an in-process simulator seeded from FILE (the quick start's default). */
export function simulateOption(): Option {
  return new Option('--simulate <data-file>', "run against the target's built-in simulator, seeded from this file, instead of the real API");
}

/**
 * `--url URL`: the API root for this run, over CHARTIO_URL / GRAFANA_URL. The operator's choice:
 * credentials go there and nowhere else; a file's `url:` is only checked against it.
 */
export function urlOption(): Option {
  return new Option('--url <url>', 'API root to send requests (and credentials) to; overrides CHARTIO_URL / GRAFANA_URL');
}

/**
 * `--max-read-mib N`: the response bytes one run may read, all requests together (default 512).
 * Each response is also capped at 32 MiB; this bounds a server that sends many large pages.
 */
export function maxReadOption(): Option {
  return new Option('--max-read-mib <n>', 'stop after reading this many MiB of responses in the run (default 512)').argParser(
    numberIn('--max-read-mib', { min: 1, max: 65536, what: 'a whole number of MiB', whole: true }),
  );
}

/** `--max-requests N`: requests one run may send, all together (default 50,000; the largest org's refresh takes about 6,000). */
export function maxRequestsOption(): Option {
  return new Option('--max-requests <n>', 'stop after sending this many requests in the run (default 50000)').argParser(
    numberIn('--max-requests', { min: 1, max: 10_000_000, what: 'a whole number', whole: true }),
  );
}

/** `--stale-days N` (audit): who may edit or administer but was not seen for N days is flagged stale (default 90). */
export function staleDaysOption(): Option {
  return new Option('--stale-days <n>', 'flag editors and admins not seen for this many days').default(90).argParser(
    numberIn('--stale-days', { min: 1, max: 36500, what: 'a whole number of days', whole: true }),
  );
}

/** `--deadline SECONDS`: the whole run's time limit; no request starts or retry waits past it. Default none. */
export function deadlineOption(): Option {
  return new Option('--deadline <seconds>', 'fail the run when it has taken this long (default: no deadline)').argParser(
    numberIn('--deadline', { min: 0.1, max: 86400, what: 'seconds' }),
  );
}

/** A parser for a number flag within bounds: `--timeout takes seconds, from 0.1 to 3600`. */
function numberIn(flag: string, range: { min: number; max: number; what: string; whole?: boolean }): (value: string) => number {
  return (value) => {
    const n = Number(value);
    const fits = (range.whole ? Number.isInteger(n) : Number.isFinite(n)) && n >= range.min && n <= range.max;
    if (!fits) throw new InvalidArgumentError(`${flag} takes ${range.what}, from ${range.min} to ${range.max}`);
    return n;
  };
}
