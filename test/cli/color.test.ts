import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT, runCli } from '../helpers/run-cli.js';

/**
 * Colour through the built CLI: `error:` red and `warning:` yellow on stderr, the plan's symbols
 * on stdout, only when colour is wanted (a terminal, or FORCE_COLOR), and never with --no-color
 * or NO_COLOR. Without a terminal (these child processes write to pipes) there is none. That
 * every command takes --no-color is checked with its --help in help-reference.test.ts.
 */
const ESC = '\u001b[';
const RED_ERROR = '\u001b[31merror\u001b[0m:';
const MISSING = ['validate', '-f', 'no-such-file.yaml'];
const PLAN = ['plan', '-f', 'examples/chartio.yaml', '--simulate', 'examples/sim/chartio-org.yaml'];

describe('colour through the CLI', () => {
  it.each([
    ['a pipe', false, MISSING, {}],
    ['a pipe with FORCE_COLOR=1', true, MISSING, { FORCE_COLOR: '1' }],
    ['FORCE_COLOR=1 and --no-color', false, [...MISSING, '--no-color'], { FORCE_COLOR: '1' }],
    ['FORCE_COLOR=1 and NO_COLOR=1', false, MISSING, { FORCE_COLOR: '1', NO_COLOR: '1' }],
  ])('validate: the error line on %s is painted: %s', async (_name, painted, args, env) => {
    const run = await runCli(args, { env: { NO_COLOR: '', FORCE_COLOR: '', ...env } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`no-such-file.yaml:1:1 ${painted ? RED_ERROR : 'error:'} cannot read: no such file or directory\n`);
    expect(run.stdout).not.toContain(ESC);
  });

  it.each([
    ['a pipe', false, PLAN, {}],
    ['FORCE_COLOR=1', true, PLAN, { FORCE_COLOR: '1' }],
    ['FORCE_COLOR=1 and --no-color', false, [...PLAN, '--no-color'], { FORCE_COLOR: '1' }],
  ])("plan's symbols on %s are painted: %s", async (_name, painted, args, env) => {
    const run = await runCli(args, { env: { NO_COLOR: '', FORCE_COLOR: '', ...env } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.includes(`  ${ESC}32m+${ESC}0m create user bob@example.com`)).toBe(painted);
    expect(run.stdout.includes(ESC)).toBe(painted);
    expect(run.stderr).not.toContain(ESC);
  });

  // A real terminal, from util-linux `script`, where there is one (every Linux CI image has it).
  it.skipIf(!existsSync('/usr/bin/script'))('on a terminal the error is red, and --no-color takes it away', async () => {
    const inTerminal = async (args: string[]) => {
      const command = [process.execPath, CLI, ...args].map((word) => `'${word}'`).join(' ');
      const run = await promisify(execFile)('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } }).catch(
        (error: { stdout: string }) => error,
      );
      return run.stdout;
    };
    expect(await inTerminal(MISSING)).toContain(`no-such-file.yaml:1:1 ${RED_ERROR} cannot read`);
    const plain = await inTerminal([...MISSING, '--no-color']);
    expect(plain).toContain('no-such-file.yaml:1:1 error: cannot read');
    expect(plain).not.toContain(ESC);
  });
});
