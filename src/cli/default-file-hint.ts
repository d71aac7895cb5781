import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_FILE } from './options.js';

/**
 * Run in the wrong folder, or not knowing the default: say what to do, not "cannot read
 * access.yaml". The hint when `files` is the default alone and it does not exist; else none.
 */
export async function defaultFileHint(cwd: string, files: readonly string[]): Promise<string | undefined> {
  if (files.length !== 1 || files[0] !== DEFAULT_FILE) return undefined;
  try {
    await lstat(path.resolve(cwd, DEFAULT_FILE));
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? `error: no ${DEFAULT_FILE} here; pass the file with -f PATH` : undefined;
  }
}
