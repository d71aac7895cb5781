import { execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSafeRefName, readGitCommit } from '../../src/cli/git-commit.js';
import { tempFiles } from '../helpers/temp-files.js';

const SHA = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);
const SHA256 = 'c'.repeat(64);

let removers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(removers.map((remove) => remove()));
  removers = [];
});

/** A repository made by writing the files git would have written (no git binary needed). */
async function repo(files: Record<string, string | Buffer>): Promise<string> {
  const temp = await tempFiles(files);
  removers.push(temp.remove);
  return temp.dir;
}

describe('readGitCommit reads the checked-out commit from .git', () => {
  it.each([
    ['a branch as a loose ref', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${SHA}\n` }, '.', { sha: SHA, ref: 'refs/heads/main' }],
    [
      'a branch in packed-refs (peeled lines skipped)',
      { '.git/HEAD': 'ref: refs/heads/release/1.x\n', '.git/packed-refs': `# pack-refs with: peeled fully-peeled sorted\n${OTHER} refs/heads/main\n${SHA} refs/heads/release/1.x\n^${OTHER}\n` },
      '.',
      { sha: SHA, ref: 'refs/heads/release/1.x' },
    ],
    ['a loose ref before packed-refs', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${SHA}\n`, '.git/packed-refs': `${OTHER} refs/heads/main\n` }, '.', { sha: SHA, ref: 'refs/heads/main' }],
    ['a detached HEAD', { '.git/HEAD': `${SHA}\n` }, '.', { sha: SHA }],
    ['a sha256 repository', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${SHA256}\n` }, '.', { sha: SHA256, ref: 'refs/heads/main' }],
    ['from a subdirectory, walking up', { '.git/HEAD': `${SHA}\n`, 'deploy/prod/access.yaml': '' }, 'deploy/prod', { sha: SHA }],
    [
      'a worktree: a .git file, its gitdir and commondir',
      {
        'main/.git/HEAD': 'ref: refs/heads/main\n',
        'main/.git/refs/heads/main': `${OTHER}\n`,
        'main/.git/refs/heads/feature': `${SHA}\n`,
        'main/.git/worktrees/wt/HEAD': 'ref: refs/heads/feature\n',
        'main/.git/worktrees/wt/commondir': '../..\n',
        'wt/.git': 'gitdir: ../main/.git/worktrees/wt\n',
      },
      'wt',
      { sha: SHA, ref: 'refs/heads/feature' },
    ],
    ['a submodule: a .git file without commondir', { 'top/.git/modules/sub/HEAD': `${SHA}\n`, 'top/sub/.git': 'gitdir: ../.git/modules/sub\n' }, 'top/sub', { sha: SHA }],
  ])('%s', async (_name, files, cwd, expected) => {
    const dir = await repo(files);
    expect(await readGitCommit(path.join(dir, cwd))).toEqual(expected);
  });

  it('reads what real git wrote, when git is on the machine (fixtures only; the product never runs it)', async () => {
    let gitAvailable = true;
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' });
    } catch {
      gitAvailable = false;
    }
    if (!gitAvailable) return;
    const dir = await repo({ 'access.yaml': 'version: 1\n' });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'trunk');
    git('add', 'access.yaml');
    git('commit', '-q', '-m', 'x');
    const sha = git('rev-parse', 'HEAD');
    expect(await readGitCommit(dir)).toEqual({ sha, ref: 'refs/heads/trunk' });
    git('pack-refs', '--all');
    expect(await readGitCommit(dir)).toEqual({ sha, ref: 'refs/heads/trunk' });
    git('checkout', '-q', '--detach');
    expect(await readGitCommit(dir)).toEqual({ sha });
    git('worktree', 'add', '-q', '-b', 'side', path.join(dir, 'side'));
    expect(await readGitCommit(path.join(dir, 'side'))).toEqual({ sha, ref: 'refs/heads/side' });
  });
});

describe('readGitCommit gives no commit, never an error, for anything odd', () => {
  // Each hostile case has a valid sha where the hostile path leads, so reading it would show.
  it.each([
    ['no .git anywhere up to the root', { 'access.yaml': '' }],
    ['HEAD naming a path outside refs/', { '.git/HEAD': 'ref: ../outside/sha\n', 'outside/sha': `${SHA}\n` }],
    ['HEAD naming refs/ then climbing out', { '.git/HEAD': 'ref: refs/../../outside/sha\n', 'outside/sha': `${SHA}\n` }],
    ['HEAD naming an absolute path', { '.git/HEAD': 'ref: /etc/passwd\n' }],
    ['a 10 MB HEAD', { '.git/HEAD': Buffer.alloc(10 * 1024 * 1024, `${SHA}\n`) }],
    ['HEAD with two shas', { '.git/HEAD': `${SHA}\n${SHA}\n` }],
    ['HEAD with an upper-case sha', { '.git/HEAD': `${SHA.toUpperCase()}\n` }],
    ['HEAD with a short sha', { '.git/HEAD': `${SHA.slice(0, 39)}\n` }],
    ['an unborn branch', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/packed-refs': `${SHA} refs/heads/other\n` }],
    ['a loose ref that is not a sha', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': 'ref: refs/heads/other\n' }],
    ['a .git file that is not gitdir:', { '.git': `${SHA}\n` }],
    ['a .git file pointing under /proc', { '.git': 'gitdir: /proc/self\n' }],
    ['a .git file pointing nowhere', { '.git': 'gitdir: ./missing\n' }],
    ['a .git file that is too large', { '.git': `gitdir: ./g${' '.repeat(8000)}\n`, 'g/HEAD': `${SHA}\n` }],
  ])('%s', async (_name, files) => {
    const dir = await repo(files as Record<string, string | Buffer>);
    expect(await readGitCommit(dir)).toBeUndefined();
  });

  // Files for every case: a valid sha outside .git where each link leads, so following one would show.
  const outside = { 'outside/sha': `${SHA}\n`, 'outside/main': `${SHA}\n`, 'elsewhere/HEAD': `${SHA}\n` };
  const branch = { ...outside, '.git/HEAD': 'ref: refs/heads/main\n' };
  it.each([
    ['HEAD is a symlink', { ...outside, '.git/refs/.keep': '' }, (dir: string) => symlink(path.join(dir, 'outside/sha'), path.join(dir, '.git/HEAD'))],
    ['the ref file is a symlink out of .git', { ...branch, '.git/refs/heads/.keep': '' }, (dir: string) => symlink(path.join(dir, 'outside/sha'), path.join(dir, '.git/refs/heads/main'))],
    ['refs/heads is a symlinked directory out of .git', { ...branch, '.git/refs/.keep': '' }, (dir: string) => symlink(path.join(dir, 'outside'), path.join(dir, '.git/refs/heads'))],
    ['.git itself is a symlink', outside, (dir: string) => symlink(path.join(dir, 'elsewhere'), path.join(dir, '.git'))],
    ['HEAD is a FIFO (must not block)', { ...outside, '.git/refs/.keep': '' }, async (dir: string) => void execFileSync('mkfifo', [path.join(dir, '.git/HEAD')])],
  ])('%s', async (_name, files, make) => {
    const dir = await repo(files);
    await make(dir);
    expect(await readGitCommit(dir)).toBeUndefined();
  });
});

describe('isSafeRefName', () => {
  it.each([
    ['refs/heads/main', true],
    ['refs/heads/feature/ünïcode-1.2', true],
    ['refs/heads/../../x', false],
    ['refs/heads/.hidden', false],
    ['refs/heads/x.lock', false],
    ['refs/heads//x', false],
    ['refs/heads/x/', false],
    ['refs/heads/a b', false],
    ['refs/heads/a\\b', false],
    ['refs/heads/a@{1}', false],
    ['heads/main', false],
    ['../../etc/passwd', false],
  ])('%s -> %s', (ref, safe) => {
    expect(isSafeRefName(ref)).toBe(safe);
  });
});
