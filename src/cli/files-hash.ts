import { createHash } from 'node:crypto';
import { CONFIG_LIMITS } from '../config/limits.js';
import path from 'node:path';
import { readInputFile } from '../config/read-input-file.js';
import type { FileDigest } from '../core/report-evidence.js';

/**
 * sha256 over each desired-state file's path and bytes, in order: which version of the files a
 * saved plan was made from. Files are read by the loader's rules (read-input-file.ts: regular
 * files within the size limit, links that stay inside, nothing under /proc, /sys or /dev), so
 * hashing a name taken from a saved plan can neither block (a FIFO) nor read without end (`/dev/zero`).
 */
export async function hashFiles(cwd: string, files: readonly string[]): Promise<string> {
  return (await digestFiles(cwd, files)).combined;
}

export interface FilesDigest {
  /** What `hashFiles` returns: the saved plan's `files_hash`. */
  combined: string;
  /** Each file's own sha256 over its bytes (what `sha256sum FILE` prints), for report evidence. */
  each: FileDigest[];
}

/** Both hashes from one read of each file: a report's per-file digests describe the same bytes as the plan's hash. */
export async function digestFiles(cwd: string, files: readonly string[]): Promise<FilesDigest> {
  const hash = createHash('sha256');
  const each: FileDigest[] = [];
  for (const file of files) {
    const bytes = await readInputFile(file, { cwd, maxBytes: CONFIG_LIMITS.maxFileBytes });
    hash.update(`${file}\u0000`);
    hash.update(bytes);
    hash.update('\u0000');
    each.push({ path: file, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return { combined: hash.digest('hex'), each };
}

/**
 * Why the files a saved plan names may not be read, or undefined: a plan file is written by
 * whoever could edit it, so it may name only files inside the working directory (apply runs
 * where the plan was made), never `/etc/…` or `../…`: reading them would tell the plan's author
 * which paths exist on the runner, and hash bytes nobody reviewed.
 */
export function planFilesProblem(cwd: string, files: readonly string[]): string | undefined {
  for (const file of files) {
    const relative = path.relative(cwd, path.resolve(cwd, file));
    if (file.includes('\u0000') || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      return `it names a desired-state file outside the working directory (${JSON.stringify(file.replace(/\u0000/g, '').slice(0, 80))}); run apply in the directory the plan was made in`;
    }
  }
  return undefined;
}
