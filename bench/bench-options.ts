import path from 'node:path';

/** What `npm run bench [-- --quick]` was asked for. */
export interface BenchOptions {
  /** Reduced sizes (about 25 s instead of six minutes), for a quick look. */
  quick: boolean;
  /**
   * Where the results go: the full run's `bench/results.json` is committed and quoted by the
   * README; a quick run writes `bench/results-quick.json` (git-ignored), so it can never
   * overwrite the figures of record.
   */
  resultsFile: string;
}

export const BENCH_USAGE = 'usage: npm run bench [-- --quick]';

/** Parses the harness's arguments (`process.argv.slice(2)`); anything but `--quick` is refused with the usage. */
export function parseBenchArgs(args: readonly string[], benchDir: string): BenchOptions {
  const unknown = args.filter((arg) => arg !== '--quick');
  if (unknown.length > 0) throw new Error(`unknown argument ${JSON.stringify(unknown[0])}; ${BENCH_USAGE}`);
  const quick = args.includes('--quick');
  return { quick, resultsFile: path.join(benchDir, quick ? 'results-quick.json' : 'results.json') };
}
