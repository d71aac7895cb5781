import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_LIMITS } from '../config/limits.js';

/**
 * sha256 over each desired-state file's path and bytes, in order: which version of the files a
 * saved plan was made from. Each file must be a regular file within the loader's size limit, so
 * hashing a name taken from a saved plan can neither block (a FIFO) nor read without end (`/dev/zero`).
 */
export async function hashFiles(cwd: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    const absolute = path.resolve(cwd, file);
    const info = await stat(absolute);
    if (!info.isFile()) throw new Error(`${file} is not a regular file`);
    if (info.size > CONFIG_LIMITS.maxFileBytes) throw new Error(`${file} is over ${CONFIG_LIMITS.maxFileBytes} bytes`);
    hash.update(`${file}\u0000`);
    hash.update(await readFile(absolute));
    hash.update('\u0000');
  }
  return hash.digest('hex');
}
