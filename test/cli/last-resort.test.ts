import { execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeUnexpected } from '../../src/cli/last-resort.js';
import { CLI, REPO_ROOT } from '../helpers/run-cli.js';

/**
 * No exception reaches the user raw (issue 15): whatever nobody expected is one line,
 * `error: MESSAGE (run with ACCESSCTL_DEBUG=1 for details)`, exit 1; with ACCESSCTL_DEBUG=1 the
 * stack follows. Provoked for real through the built CLI: a working directory deleted under the
 * shell (process.cwd() throws before any command runs), and a reader of stdout that has gone
 * (EPIPE, an 'error' event nobody listens to: an uncaught exception).
 */

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `accessctl validate` started from a directory that the shell deletes first. */
async function inDeletedDirectory(env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const dir = await mkdtemp(path.join(tmpdir(), 'accessctl-gone-'));
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', 'cd "$1" && rmdir "$1" && exec "$2" "$3" validate', 'sh', dir, process.execPath, CLI], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** `accessctl validate -f examples/chartio.yaml` whose stdout pipe is closed before it writes. */
function withStdoutClosed(env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'validate', '-f', 'examples/chartio.yaml'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout: '', stderr }));
  });
}

describe('the last-resort handler (the built CLI, as a child process)', () => {
  it.each([
    ['a deleted working directory', inDeletedDirectory, 'ENOENT: no such file or directory, uv_cwd'],
    ['a closed stdout (EPIPE)', withStdoutClosed, 'write EPIPE'],
  ])('%s: one line with the debug hint, exit 1', async (_name, provoke, message) => {
    const run = await provoke();
    expect(run.stderr).toBe(`error: ${message} (run with ACCESSCTL_DEBUG=1 for details)\n`);
    expect(run.code).toBe(1);
  });

  it.each([
    ['a deleted working directory', inDeletedDirectory, 'ENOENT: no such file or directory, uv_cwd'],
    ['a closed stdout (EPIPE)', withStdoutClosed, 'write EPIPE'],
  ])('%s with ACCESSCTL_DEBUG=1: the line, then the stack', async (_name, provoke, message) => {
    const run = await provoke({ ACCESSCTL_DEBUG: '1' });
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`error: ${message}`);
    expect(lines[1]).toBe(`Error: ${message}`);
    expect(lines.slice(2).length).toBeGreaterThan(0);
    for (const line of lines.slice(2)) expect(line).toMatch(/^ {4}at /);
    expect(run.code).toBe(1);
  });
});

describe('describeUnexpected', () => {
  const secret = 'lAst/reSort+S3cr@t';
  const env = { CHARTIO_API_KEY: 'key', CHARTIO_API_SECRET: secret };
  const error = new Error(`request with ${secret} failed\nand said so`, { cause: new Error(`inner ${encodeURIComponent(secret)}`) });

  it('redacts the credentials and keeps to one line', () => {
    expect(describeUnexpected(error, env)).toBe('error: request with [REDACTED] failed and said so (run with ACCESSCTL_DEBUG=1 for details)\n');
  });

  it('redacts the stack and its causes under ACCESSCTL_DEBUG=1', () => {
    const text = describeUnexpected(error, { ...env, ACCESSCTL_DEBUG: '1' });
    expect(text).toMatch(/^error: request with \[REDACTED\] failed and said so\nError: request with \[REDACTED\] failed\n/);
    expect(text).toContain('\ncaused by: Error: inner [REDACTED]\n');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
  });

  it('says something for a thrown non-error', () => {
    expect(describeUnexpected('', {})).toBe('error: unknown error (run with ACCESSCTL_DEBUG=1 for details)\n');
  });
});
