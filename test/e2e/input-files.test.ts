import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canaryFindings, type Canary } from '../helpers/credential-canary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

const CANARY: Canary = { user: 'canary-key_Fi1e', secret: 'cAn/ary+F1le:x%y&z=3?#é~' };

/**
 * The environment of the CLI holds only the canary, so it is the first bytes of
 * /proc/self/environ: whatever an error quotes from the start of that "file" would be the secret.
 */
function canaryOnlyEnv(): NodeJS.ProcessEnv {
  const cleared = Object.fromEntries(Object.keys(process.env).map((key) => [key, undefined]));
  return { ...cleared, CHARTIO_API_SECRET: CANARY.secret, CHARTIO_API_KEY: CANARY.user };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('accessctl validate -f with a link to /proc/self/environ', () => {
  it.each([
    { name: 'a file argument', args: ['validate', '-f', 'access.yaml'], link: 'access.yaml', expected: /^access\.yaml:1:1 error: is under \/proc; / },
    { name: 'a file in a directory argument', args: ['validate', '-f', 'repo'], link: 'repo/access.yaml', expected: /^repo\/access\.yaml:1:1 error: is under \/proc; / },
  ])('$name: exit 1, one line naming the file, no byte of the environment', async ({ args, link, expected }) => {
    const temp = await tempFiles({});
    cleanups.push(temp.remove);
    await mkdir(path.join(temp.dir, path.dirname(link)), { recursive: true });
    await symlink('/proc/self/environ', path.join(temp.dir, link));

    const run = await runCli(args, { cwd: temp.dir, env: canaryOnlyEnv() });

    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(expected)]);
    expect(run.stderr).not.toContain('CHARTIO_API');
    expect(canaryFindings({ stdout: run.stdout, stderr: run.stderr }, [CANARY])).toEqual([]);
  });
});
