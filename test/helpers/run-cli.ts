import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI, exactly what `npx accessctl` runs (`npm test` builds it first). */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  /** stderr without the progress lines a run without a terminal prints (`PROGRESS_LINE`): what the command reported. */
  stderr: string;
  /** stderr as the command wrote it, progress lines included. */
  rawStderr: string;
}

/**
 * The lines of the progress display without a terminal (src/cli/progress.ts): `reading TARGET`
 * when a read starts, and `reading TARGET: N of ~M requests after S s` heartbeats.
 * test/e2e/progress-log.test.ts checks them; other tests look at what the command reported.
 */
export const PROGRESS_LINE = /^reading [^\n]*\n/gm;

/** Runs `accessctl ARGS` as a child process and waits for it to exit (killed after `timeoutMs`, default 20 s). */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      // GITHUB_ACTIONS only when a test sets it: under a CI runner it would add annotation lines to every run's stderr.
      { cwd: options.cwd ?? REPO_ROOT, env: { ...process.env, GITHUB_ACTIONS: undefined, ...options.env }, timeout: options.timeoutMs ?? 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr: stderr.replace(PROGRESS_LINE, ''), rawStderr: stderr });
      },
    );
  });
}
