import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigIssue } from './config-issue.js';
import { CONFIG_LIMITS } from './limits.js';
import { describeFsError, InputFileError, inspectInputPath } from './read-input-file.js';

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

/**
 * YAML file paths below `argument`, relative to it, sorted. A real file reached by two paths
 * (a link beside its target) is read once, by the path without a link when there is one.
 */
async function walk(argument: string, cwd: string, realRoot: string, issues: ConfigIssue[]): Promise<string[]> {
  const absoluteRoot = path.resolve(cwd, argument);
  const visitedFolders = new Set([realRoot]);
  const found: { relative: string; real: string; viaLink: boolean }[] = [];
  // Depth first, in name order; folders reached through a link only after every folder reached
  // without one, so a folder with a link to it is walked by its own path, the same everywhere.
  const pending: { folder: string; viaLink: boolean }[] = [{ folder: '', viaLink: false }];
  const linked: { folder: string; real: string }[] = [];
  for (;;) {
    let next = pending.pop();
    while (next === undefined && linked.length > 0) {
      const link = linked.shift()!;
      if (visitedFolders.has(link.real)) continue;
      visitedFolders.add(link.real);
      next = { folder: link.folder, viaLink: true };
    }
    if (next === undefined) break;
    const { folder, viaLink } = next;
    const listed = await readdir(path.join(absoluteRoot, folder), { withFileTypes: true }).catch((error: unknown) => {
      issues.push(fileIssue(path.join(argument, folder), `cannot read: ${describeFsError(error)}`));
      return [];
    });
    const entries = listed
      .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .sort((a, b) => byName(a.name, b.name));
    const subfolders: typeof pending = [];
    for (const entry of entries) {
      const relative = path.join(folder, entry.name);
      const absolute = path.join(absoluteRoot, relative);
      const isLink = entry.isSymbolicLink();
      if (entry.isDirectory() || (isLink && (await isFolder(absolute)))) {
        const real = await followFolder(path.join(argument, relative), cwd, argument, isLink, issues);
        if (real === undefined) continue;
        if (isLink) {
          linked.push({ folder: relative, real });
        } else if (!visitedFolders.has(real)) {
          visitedFolders.add(real);
          subfolders.push({ folder: relative, viaLink });
        }
      } else if (YAML_FILE.test(entry.name)) {
        // A link that leads nowhere or out of the tree keeps its own path: reading it says why it is refused.
        const real = await realpath(absolute).catch(() => absolute);
        found.push({ relative, real, viaLink: viaLink || isLink });
      }
    }
    pending.push(...subfolders.reverse());
  }
  const kept = new Map<string, string>();
  for (const entry of [...found].sort((a, b) => Number(a.viaLink) - Number(b.viaLink) || byName(a.relative, b.relative))) {
    if (!kept.has(entry.real)) kept.set(entry.real, entry.relative);
  }
  return [...kept.values()].sort(byName);
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
