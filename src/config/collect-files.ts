import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigIssue } from './config-issue.js';
import { CONFIG_LIMITS } from './limits.js';
import { InputFileError, inspectInputPath } from './read-input-file.js';

export { describeFsError } from './read-input-file.js';

/** One file to read, and the directory argument it was found in (its links must stay inside it). */
export interface CollectedFile {
  file: string;
  root?: string;
}

export interface CollectedFiles {
  files: CollectedFile[];
  issues: ConfigIssue[];
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Expands one `-f` argument: a file stands for itself; a directory for every `*.yaml` and
 * `*.yml` below it, sorted, so that the merge (and any error) is the same on every machine.
 * Hidden folders and node_modules are skipped. Paths are shown as the user wrote them.
 * A symlinked folder is walked only when it leads to a folder inside the argument, and each
 * real folder once, so a link to `/` or to its own parent neither escapes nor loops. What a
 * file entry is (regular, FIFO, device, link leading out) is decided when it is read.
 */
export async function collectFiles(argument: string, cwd: string): Promise<CollectedFiles> {
  let place;
  try {
    place = await inspectInputPath(argument, { cwd });
  } catch (error) {
    if (error instanceof InputFileError) return { files: [], issues: [fileIssue(argument, error.reason)] };
    throw error;
  }
  if (place.kind === 'file') return { files: [{ file: argument }], issues: [] };

  const issues: ConfigIssue[] = [];
  const found = await walk(argument, cwd, place.real, issues);
  const files = found.map((relative) => ({ file: path.join(argument, relative), root: argument }));
  if (files.length === 0) {
    return { files: [], issues: [...issues, fileIssue(argument, 'directory holds no .yaml or .yml files')] };
  }
  if (files.length > CONFIG_LIMITS.maxFiles) {
    return { files: [], issues: [fileIssue(argument, `directory holds ${files.length} YAML files; the limit is ${CONFIG_LIMITS.maxFiles}`)] };
  }
  return { files, issues };
}

/** YAML file paths below `argument`, relative to it, sorted; each real file and folder once. */
async function walk(argument: string, cwd: string, realRoot: string, issues: ConfigIssue[]): Promise<string[]> {
  const absoluteRoot = path.resolve(cwd, argument);
  const visitedFolders = new Set([realRoot]);
  const seenFiles = new Set<string>();
  const found: string[] = [];
  // Depth first, in name order, so which of two paths to one real file is kept is the same everywhere.
  const pending = [''];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    const entries = (await readdir(path.join(absoluteRoot, folder), { withFileTypes: true }))
      .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const entry of entries) {
      const relative = path.join(folder, entry.name);
      const absolute = path.join(absoluteRoot, relative);
      if (entry.isDirectory() || (entry.isSymbolicLink() && (await isFolder(absolute)))) {
        const real = await followFolder(path.join(argument, relative), cwd, argument, entry.isSymbolicLink(), issues);
        if (real !== undefined && !visitedFolders.has(real)) {
          visitedFolders.add(real);
          subfolders.push(relative);
        }
        continue;
      }
      if (!YAML_FILE.test(entry.name)) continue;
      const real = await realpath(absolute).catch(() => absolute);
      if (seenFiles.has(real)) continue;
      seenFiles.add(real);
      found.push(relative);
    }
    pending.push(...subfolders.reverse());
  }
  return found.sort();
}

/** The real path of a folder to walk, or undefined (with a warning for a link leading out of the tree). */
async function followFolder(
  shown: string,
  cwd: string,
  root: string,
  isLink: boolean,
  issues: ConfigIssue[],
): Promise<string | undefined> {
  try {
    const place = await inspectInputPath(shown, { cwd, root });
    return place.kind === 'directory' ? place.real : undefined;
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    issues.push({ ...fileIssue(shown, `${error.reason}; not read`), severity: isLink ? 'warning' : 'error' });
    return undefined;
  }
}

async function isFolder(absolute: string): Promise<boolean> {
  // stat, not open: it follows the link without blocking on a FIFO at its end.
  return stat(absolute).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

export function fileIssue(file: string, message: string): ConfigIssue {
  return { severity: 'error', file, line: 1, col: 1, path: '', message };
}
