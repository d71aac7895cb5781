import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigIssue } from './config-issue.js';
import { CONFIG_LIMITS } from './limits.js';

export interface CollectedFiles {
  files: string[];
  issues: ConfigIssue[];
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Expands one `-f` argument: a file stands for itself; a directory for every `*.yaml` and
 * `*.yml` below it, sorted, so that the merge (and any error) is the same on every machine.
 * Hidden folders and node_modules are skipped. Paths are shown as the user wrote them.
 */
export async function collectFiles(argument: string, cwd: string): Promise<CollectedFiles> {
  const absolute = path.resolve(cwd, argument);
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    return { files: [], issues: [fileIssue(argument, `cannot read: ${describeFsError(error)}`)] };
  }
  if (!info.isDirectory()) return { files: [argument], issues: [] };

  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && YAML_FILE.test(entry.name))
    .map((entry) => path.relative(absolute, path.join(entry.parentPath, entry.name)))
    .filter((relative) => !relative.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort()
    .map((relative) => path.join(argument, relative));
  if (files.length === 0) {
    return { files: [], issues: [fileIssue(argument, 'directory holds no .yaml or .yml files')] };
  }
  if (files.length > CONFIG_LIMITS.maxFiles) {
    return { files: [], issues: [fileIssue(argument, `directory holds ${files.length} YAML files; the limit is ${CONFIG_LIMITS.maxFiles}`)] };
  }
  return { files, issues: [] };
}

export function fileIssue(file: string, message: string): ConfigIssue {
  return { severity: 'error', file, line: 1, col: 1, path: '', message };
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}
