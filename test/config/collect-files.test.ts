import { execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/config/config-issue.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createSchemaValidator } from '../../src/config/schema-validator.js';
import { documentRulesByProvider } from '../../src/providers/registry.js';
import { tempFiles } from '../helpers/temp-files.js';
import { CHARTIO_HEAD } from './load-helpers.js';

const validator = createSchemaValidator();
const rules = documentRulesByProvider();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const bare = 'version: 1\nprovider: chartio\n';
const OUT = '<outside>';

/**
 * A working directory with files, then real symlinks (name -> target; `<outside>` stands for
 * a second temp dir holding `secret.yaml` and `dir/x.yaml`) and FIFOs; loads `args` from it.
 */
async function load(spec: { files: Record<string, string>; links?: Record<string, string>; fifos?: string[] }, args: string[]) {
  const outside = await tempFiles({ 'secret.yaml': `${CHARTIO_HEAD}teams: { Secret: {} }\n`, 'dir/x.yaml': `${bare}teams: { X: {} }\n` });
  const temp = await tempFiles(spec.files);
  cleanups.push(temp.remove, outside.remove);
  for (const [name, target] of Object.entries(spec.links ?? {})) await symlink(target.replace(OUT, outside.dir), path.join(temp.dir, name));
  for (const name of spec.fifos ?? []) execFileSync('mkfifo', [path.join(temp.dir, name)]);
  const result = await loadConfig(args, { cwd: temp.dir, validator, rules });
  return { lines: result.issues.map(formatIssue), files: result.config?.files, teams: Object.keys(result.config?.document.teams ?? {}) };
}

describe('-f FILE: regular files only, and links only when they stay in the working directory', () => {
  it.each([
    { link: '/proc/self/environ', expected: 'x.yaml:1:1 error: is under /proc; nothing under /proc, /sys, /dev is read' },
    { link: '/dev/zero', expected: 'x.yaml:1:1 error: is under /dev; nothing under /proc, /sys, /dev is read' },
    { link: `${OUT}/secret.yaml`, expected: 'x.yaml:1:1 error: is a symbolic link that leads outside the working directory; links are followed only inside it' },
    { link: OUT, expected: 'x.yaml:1:1 error: is a symbolic link that leads outside the working directory; links are followed only inside it' },
  ])('a link to $link is refused without reading it', async ({ link, expected }) => {
    expect((await load({ files: {}, links: { 'x.yaml': link } }, ['x.yaml'])).lines).toEqual([expected]);
  });

  it('a FIFO is refused without opening it (opening one for reading blocks until a writer comes)', async () => {
    expect((await load({ files: {}, fifos: ['x.yaml'] }, ['x.yaml'])).lines).toEqual(['x.yaml:1:1 error: is a named pipe (FIFO), not a regular file']);
  });

});

describe('-f DIRECTORY: every entry is held to the same rules', () => {
  it('follows links inside the tree once each, never out of it, and refuses what is not a regular file', async () => {
    const result = await load(
      {
        files: { 'repo/main.yaml': `${CHARTIO_HEAD}teams: { A: {} }\n`, 'repo/teams/b.yaml': `${bare}teams: { B: {} }\n` },
        links: {
          'repo/again.yaml': 'main.yaml', // the same file twice: read once, by its own path
          'repo/teams-link': 'teams', // the same folder twice: walked once
          'repo/teams/loop': '..', // a loop back to the root
          'repo/environ.yaml': '/proc/self/environ',
          'repo/secret.yaml': `${OUT}/secret.yaml`,
          'repo/out-dir': `${OUT}/dir`,
          'repo/root': '/',
        },
        fifos: ['repo/pipe.yaml'],
      },
      ['repo'],
    );
    expect(result.lines).toEqual([
      'repo/environ.yaml:1:1 error: is under /proc; nothing under /proc, /sys, /dev is read',
      'repo/out-dir:1:1 warning: is a symbolic link that leads outside the directory repo; links are followed only inside it; not read',
      'repo/pipe.yaml:1:1 error: is a named pipe (FIFO), not a regular file',
      'repo/root:1:1 warning: is a symbolic link that leads outside the directory repo; links are followed only inside it; not read',
      'repo/secret.yaml:1:1 error: is a symbolic link that leads outside the directory repo; links are followed only inside it',
    ]);
  });

  it('follows links that stay inside: each real file and folder once, by its own path when it has one', async () => {
    const result = await load(
      {
        files: {
          'repo/main.yaml': `${CHARTIO_HEAD}teams: { A: {} }\n`,
          'repo/teams/b.yaml': `${bare}teams: { B: {} }\n`,
          'repo/.shared/c.yaml': `${bare}teams: { C: {} }\n`, // hidden: reached only through the link
        },
        links: { 'repo/again.yaml': 'main.yaml', 'repo/a-teams': 'teams', 'repo/teams/loop': '..', 'repo/c.yaml': '.shared/c.yaml' },
      },
      ['repo'],
    );
    expect(result).toEqual({ lines: [], files: ['repo/c.yaml', 'repo/main.yaml', 'repo/teams/b.yaml'], teams: ['C', 'A', 'B'] });
  });

  it('a directory argument that is a link out of the working directory is refused', async () => {
    expect((await load({ files: {}, links: { repo: `${OUT}/dir` } }, ['repo'])).lines).toEqual([
      'repo:1:1 error: is a symbolic link that leads outside the working directory; links are followed only inside it',
    ]);
  });

  it('refuses /proc itself as a directory argument', async () => {
    expect((await load({ files: {} }, ['/proc/self'])).lines).toEqual(['/proc/self:1:1 error: is under /proc; nothing under /proc, /sys, /dev is read']);
  });
});
