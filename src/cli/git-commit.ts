import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isInside, SYSTEM_TREES } from '../config/read-input-file.js';
import type { GitCommit } from '../core/report-evidence.js';

/**
 * The commit checked out where accessctl runs, read from the files under `.git` and never by
 * running `git`: the working directory may be a pull request's checkout, and a hostile
 * repository's `.git/config` can make git run code (`core.fsmonitor`, hooks, aliases). So:
 * walk up from `cwd` to the first `.git`; a `.git` *file* (a worktree, a submodule) names its
 * git directory with `gitdir: …`, and that directory's `commondir` names where branch refs live;
 * `HEAD` holds a sha (detached) or `ref: refs/…`, which is read as a loose ref file, else from
 * `packed-refs`. Every file is small, regular and not a link; a ref name must be one git itself
 * would accept and stay inside the git directory. Anything odd is "no commit", never an error.
 */
export async function readGitCommit(cwd: string): Promise<GitCommit | undefined> {
  try {
    const dirs = await findGitDirs(path.resolve(cwd));
    if (!dirs) return undefined;
    const head = (await readSmallFile(path.join(dirs.gitDir, 'HEAD'), SMALL_FILE_BYTES))?.trim();
    if (head === undefined) return undefined;
    if (SHA.test(head)) return { sha: head };
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (ref === undefined || !isSafeRefName(ref)) return undefined;
    const sha = await resolveRef(ref, PER_WORKTREE.test(ref) ? dirs.gitDir : dirs.commonDir);
    return sha ? { sha, ref } : undefined;
  } catch {
    return undefined;
  }
}

/** sha1 repositories have 40 hex digits, sha256 ones (`extensions.objectFormat`) 64. */
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** HEAD, a loose ref, a `.git` file and `commondir` are one short line each. */
const SMALL_FILE_BYTES = 4096;
/** `packed-refs` grows with the repository's tags and branches; past this, no commit rather than a long read. */
const PACKED_REFS_BYTES = 32 * 1024 * 1024;
/** Refs git keeps per worktree, in the worktree's own git directory rather than the common one. */
const PER_WORKTREE = /^refs\/(?:worktree|bisect|rewritten)\//;

interface GitDirs {
  /** Where HEAD is: `.git`, or the directory a `.git` file names. */
  gitDir: string;
  /** Where shared refs and packed-refs are: `gitDir`, or where its `commondir` points. */
  commonDir: string;
}

async function findGitDirs(start: string): Promise<GitDirs | undefined> {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    const info = await lstat(dotGit).catch(() => undefined);
    if (info?.isDirectory()) return checkedDirs(dotGit, dotGit);
    if (info?.isFile()) {
      const gitDir = /^gitdir: (.+)$/.exec((await readSmallFile(dotGit, SMALL_FILE_BYTES))?.trim() ?? '')?.[1];
      if (gitDir === undefined) return undefined;
      const resolved = path.resolve(dir, gitDir);
      const common = (await readSmallFile(path.join(resolved, 'commondir'), SMALL_FILE_BYTES))?.trim();
      return checkedDirs(resolved, common ? path.resolve(resolved, common) : resolved);
    }
    // A symlink, a FIFO or anything else named .git is not a repository we read.
    if (info) return undefined;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Both directories, with links resolved, as real directories outside the kernel's trees. */
async function checkedDirs(gitDir: string, commonDir: string): Promise<GitDirs | undefined> {
  const real = await Promise.all([gitDir, commonDir].map((dir) => realpath(dir)));
  for (const dir of real) {
    if (SYSTEM_TREES.some((tree) => isInside(dir, tree))) return undefined;
    if (!(await lstat(dir)).isDirectory()) return undefined;
  }
  return { gitDir: real[0]!, commonDir: real[1]! };
}

/**
 * The rules of `git check-ref-format` that matter for a path: under `refs/`, no empty, `.` or
 * `..` component, none starting with `.` or ending with `.lock`, no controls, space or
 * `~^:?*[\`, no `@{`, no trailing `.` or `/`. `ref: ../../etc/passwd` fails before any read.
 */
export function isSafeRefName(ref: string): boolean {
  if (!ref.startsWith('refs/') || ref.length > 1024) return false;
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(ref) || ref.includes('@{') || ref.endsWith('.') || ref.endsWith('/')) return false;
  return ref.split('/').every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}

async function resolveRef(ref: string, refDir: string): Promise<string | undefined> {
  const loose = path.join(refDir, ...ref.split('/'));
  // A directory inside refs/ may be a link; the file it leads to must still be inside the git directory.
  const looseReal = await realpath(loose).catch(() => undefined);
  if (looseReal !== undefined) {
    if (!isInside(looseReal, refDir)) return undefined;
    const value = (await readSmallFile(loose, SMALL_FILE_BYTES))?.trim();
    return value !== undefined && SHA.test(value) ? value : undefined;
  }
  const packed = await readSmallFile(path.join(refDir, 'packed-refs'), PACKED_REFS_BYTES);
  for (const line of packed?.split('\n') ?? []) {
    const [sha, name] = line.trim().split(' ');
    if (name === ref && sha !== undefined && SHA.test(sha)) return sha;
  }
  return undefined;
}

/**
 * A regular file's text, at most `maxBytes`, or undefined: opened without following a link and
 * without blocking (a FIFO named HEAD), checked as a regular file on the open descriptor, and
 * refused when larger, whatever `stat` claimed.
 */
async function readSmallFile(file: string, maxBytes: number): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > maxBytes) return undefined;
    // One byte more than is accepted: filling it means the file holds more than stat said, or than allowed.
    const buffer = Buffer.alloc(Math.min(maxBytes, Math.max(info.size, 4096)) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total === buffer.length) return undefined;
    }
    return buffer.subarray(0, total).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
