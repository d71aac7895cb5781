import { createHash } from 'node:crypto';
import { CONFIG_LIMITS } from '../config/limits.js';
import { readInputFile } from '../config/read-input-file.js';

/**
 * sha256 over each desired-state file's path and bytes, in order: which version of the files a
 * saved plan was made from. Files are read by the loader's rules (read-input-file.ts: regular
 * files within the size limit, links that stay inside, nothing under /proc, /sys or /dev), so
 * hashing a name taken from a saved plan can neither block (a FIFO) nor read without end (`/dev/zero`).
 */
export async function hashFiles(cwd: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = await readInputFile(file, { cwd, maxBytes: CONFIG_LIMITS.maxFileBytes });
    hash.update(`${file}\u0000`);
    hash.update(bytes);
    hash.update('\u0000');
  }
  return hash.digest('hex');
}
