import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT, runCli } from '../helpers/run-cli.js';

describe('the accessctl executable', () => {
  it('is what package.json names as the bin, and runs on its own (shebang and executable bit), as npx runs it', async () => {
    const pkg = JSON.parse(await readFile(`${REPO_ROOT}/package.json`, 'utf8'));
    expect(`${REPO_ROOT}/${pkg.bin.accessctl}`.replace(/\/+/g, '/')).toBe(CLI.replace(/\/+/g, '/'));
    const { stdout } = await promisify(execFile)(CLI, ['--help']);
    expect(stdout).toMatch(/^Usage: accessctl /);
    for (const command of ['validate', 'plan', 'apply', 'export', 'sim']) expect(stdout).toContain(`  ${command}`);
  });

  it('reports an output file it cannot write in one redacted line, never a stack trace', async () => {
    const secret = 'bin-canary-s3cret';
    const output = `/nonexistent-${secret}/drift.txt`;
    const run = await runCli(['drift', '-f', 'examples/chartio.yaml', '--simulate', 'examples/sim/chartio-org.yaml', '--output', output], { env: { CHARTIO_API_SECRET: secret } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: cannot write /nonexistent-[REDACTED]/drift.txt: no such folder\n');
  });
});

describe('npm run demo', () => {
  it('is the README quick start: a plan of the example against the simulator, exit 0', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'demo'], { cwd: REPO_ROOT });
    expect(stdout).toContain('[simulator seeded from examples/sim/chartio-org.yaml]');
    expect(stdout).toMatch(/Plan: \d+ to add, \d+ to change, \d+ to destroy\./);
  });
});
