import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** Running the real CLI (`node dist/cli/main.js sim TARGET ...`) from the simulator tests. */
export const ROOT = resolve(import.meta.dirname, '../../..');
export const MAIN = join(ROOT, 'dist/cli/main.js');

/** Newest modification time of the sources the CLI is built from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * `npm test` builds first; when a test file runs alone, build if dist is missing or older
 * than the simulator and CLI sources. Type errors elsewhere in a work tree do not stop tsc
 * from emitting; the caller checks that MAIN exists.
 */
export async function ensureBuilt(): Promise<void> {
  const stale = !existsSync(MAIN) || statSync(MAIN).mtimeMs < Math.max(newestSource(join(ROOT, 'src/sim')), newestSource(join(ROOT, 'src/cli')));
  if (stale) {
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT }).catch(() => undefined);
  }
}

export interface Running {
  child: ChildProcess;
  line: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `accessctl sim TARGET ...` and waits (bounded) for its first stdout line or its exit. */
export function startSimCli(target: string, args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [MAIN, 'sim', target, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => (err += String(d)));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`no line within 20 s; stderr: ${err}`));
    }, 20_000);
    const result = (line: string) => ({ child, line, stdout: () => out, stderr: () => err, exit });
    child.stdout?.on('data', (d) => {
      out += String(d);
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        done(result(out.slice(0, newline)));
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      done(result(''));
    });
  });
}
