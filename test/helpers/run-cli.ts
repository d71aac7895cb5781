import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI, exactly what `npx accessctl` runs (`npm test` builds it first). */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

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
        resolve({ code, stdout, stderr });
      },
    );
  });
}
