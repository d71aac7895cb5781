import { InvalidArgumentError, Option } from 'commander';

/** `-f PATH`, repeatable; the default is access.yaml in the working directory (DESIGN §5). */
export function fileOption(): Option {
  return new Option('-f, --file <path>', 'desired-state file or directory (repeatable)')
    .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
}

export function filesOrDefault(files: string[] | undefined): string[] {
  return files && files.length > 0 ? files : ['access.yaml'];
}

export function formatOption(formats: readonly string[], fallback: string): Option {
  return new Option('--format <format>', 'output format').choices(formats).default(fallback);
}

/** `--parallelism N`: requests and changes in flight at once (DESIGN §5; default 8). */
export function parallelismOption(): Option {
  return new Option('--parallelism <n>', 'requests in flight at once').argParser(positiveInteger('--parallelism')).default(8);
}

export function rateLimitOption(): Option {
  return new Option('--rate-limit <n/seconds>', 'client-side rate limit, e.g. 50/1 (overrides the file)');
}

/**
 * `--timeout SECONDS`: a response is given up on after this long (from sending the request to its
 * last byte, so a body dripped slowly counts too), and the request retried where that is safe. Default 30.
 */
export function timeoutOption(): Option {
  return new Option('--timeout <seconds>', 'give up on a response not complete after this long (default 30)').argParser((value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0.1 || n > 3600) throw new InvalidArgumentError('--timeout takes seconds, from 0.1 to 3600');
    return n;
  });
}

/** `--target ADDR`, repeatable. */
export function targetOption(): Option {
  return new Option('--target <address>', 'limit to this resource address and what it depends on (repeatable)').argParser(
    (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
  );
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
  return new Option('--max-read-mib <n>', 'stop after reading this many MiB of responses in the run (default 512)').argParser((value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65536) throw new InvalidArgumentError('--max-read-mib takes a whole number of MiB, from 1 to 65536');
    return n;
  });
}

/** `--max-requests N`: requests one run may send, all together (default 50,000; the largest org's refresh takes about 6,000). */
export function maxRequestsOption(): Option {
  return new Option('--max-requests <n>', 'stop after sending this many requests in the run (default 50000)').argParser((value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 10_000_000) throw new InvalidArgumentError('--max-requests takes a whole number, from 1 to 10000000');
    return n;
  });
}

/** `--deadline SECONDS`: the whole run's time limit; no request starts or retry waits past it. Default none. */
export function deadlineOption(): Option {
  return new Option('--deadline <seconds>', 'fail the run when it has taken this long (default: no deadline)').argParser((value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0.1 || n > 86400) throw new InvalidArgumentError('--deadline takes seconds, from 0.1 to 86400');
    return n;
  });
}
