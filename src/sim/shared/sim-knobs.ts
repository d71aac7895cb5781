import { parseFaults, type FaultRule } from './faults.js';
import { parseRateLimit, type RateLimit } from '../../core/rate-limit-spec.js';
import { loadSeedFile } from './seed-reader.js';

/** The options every simulator takes for its knobs and its initial data. */
export interface SimKnobOptions {
  /** Default 127.0.0.1. `/__sim/` endpoints exist only on a loopback address. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** A seed document (the `--data` format), already parsed. */
  data?: unknown;
  /** A `--data` file (YAML or JSON); used when `data` is not given. */
  dataFile?: string;
  /** Seeds generated data, faults (and Chartio's task ids). Default 1. */
  seed?: number;
  /** Delay before every API response, in ms. */
  latencyMs?: number;
  pageSize?: number;
  /** `N` or `N/SECONDS` (core/rate-limit-spec.ts) or an object; default none. */
  rateLimit?: string | RateLimit;
  /** `kind:probability,...` or parsed rules; default none. */
  faults?: string | FaultRule[];
  /** The server clock (epoch ms); default Date.now. */
  now?: () => number;
}

export interface SimKnobs {
  seed: number;
  now: () => number;
  latencyMs: number;
  pageSize: number;
  faults: FaultRule[];
  rateLimit: RateLimit | undefined;
}

/** Defaults and checks for the knobs; specs given as strings (the CLI's) are parsed here. */
export function resolveKnobs(options: SimKnobOptions, defaultPageSize: number): SimKnobs {
  const pageSize = options.pageSize ?? defaultPageSize;
  const latencyMs = options.latencyMs ?? 0;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new Error(`page size must be a positive integer, got ${pageSize}`);
  if (!(latencyMs >= 0)) throw new Error(`latency must be zero or more milliseconds, got ${latencyMs}`);
  return {
    seed: options.seed ?? 1,
    now: options.now ?? Date.now,
    latencyMs,
    pageSize,
    faults: typeof options.faults === 'string' ? parseFaults(options.faults) : (options.faults ?? []),
    rateLimit: typeof options.rateLimit === 'string' ? parseRateLimit(options.rateLimit) : options.rateLimit,
  };
}

/** The initial data: `data`, else the `dataFile`, else what `fallback` builds (generated or minimal). */
export async function seedDocument(options: SimKnobOptions, fallback: () => unknown): Promise<unknown> {
  if (options.data !== undefined) return options.data;
  if (options.dataFile !== undefined) return loadSeedFile(options.dataFile);
  return fallback();
}
