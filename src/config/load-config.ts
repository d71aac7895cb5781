import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigIssue } from './config-issue.js';
import { hasErrors, sortIssues } from './config-issue.js';
import type { ConfigProblem } from './config-problem.js';
import { collectFiles, describeFsError, fileIssue } from './collect-files.js';
import { formatPath } from './document-path.js';
import type { DocumentRules } from './document-rules.js';
import { CONFIG_LIMITS } from './limits.js';
import { locateInYaml } from './locate-in-yaml.js';
import { mergeDocuments, type Locator } from './merge-documents.js';
import { parseYamlFile, type ParsedFile } from './parse-yaml.js';
import type { SchemaValidator } from './schema-validator.js';

export interface LoadOptions {
  cwd: string;
  validator: SchemaValidator;
  /** Per provider name, what the loader needs to merge and check its documents. */
  rules: Readonly<Record<string, DocumentRules>>;
}

/** A valid desired state for one target, merged from one or more files. */
export interface LoadedConfig {
  provider: string;
  document: Record<string, unknown>;
  files: string[];
  locate: Locator;
}

export interface LoadResult {
  /** Present when there is no error (warnings may still be there). */
  config?: LoadedConfig;
  issues: ConfigIssue[];
}

/**
 * Reads, validates and merges the desired state for one target from files and directories.
 * Every problem is collected (not just the first) and pinned to file, line and column.
 */
export async function loadConfig(paths: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const issues: ConfigIssue[] = [];
  const files: string[] = [];
  for (const argument of paths) {
    const collected = await collectFiles(argument, options.cwd);
    issues.push(...collected.issues);
    for (const file of collected.files) if (!files.includes(file)) files.push(file);
  }

  const parsedFiles: ParsedFile[] = [];
  for (const file of files) {
    const parsed = await readAndParse(file, options.cwd, issues);
    if (!parsed) continue;
    for (const problem of options.validator(parsed.data)) {
      const { line, col } = locateInYaml(parsed, problem.path, problem.at);
      issues.push({ severity: 'error', file, line, col, path: formatPath(problem.path), message: problem.message });
    }
    parsedFiles.push(parsed);
  }
  if (hasErrors(issues) || parsedFiles.length === 0) return { issues: sortIssues(issues) };

  const provider = agreeOnProvider(parsedFiles, issues);
  const rules = provider === undefined ? undefined : options.rules[provider];
  if (!provider || !rules) return { issues: sortIssues(issues) };

  const merged = mergeDocuments(parsedFiles, rules);
  issues.push(...merged.issues);
  if (!hasErrors(issues)) {
    const describe = (p: readonly (string | number)[], at?: 'key' | 'value') => {
      const where = merged.locate(p, at);
      return `${where.file}:${where.line}:${where.col}`;
    };
    for (const problem of rules.check(merged.document, { describe })) {
      issues.push(pin(problem, merged.locate));
    }
  }
  if (hasErrors(issues)) return { issues: sortIssues(issues) };
  return {
    config: { provider, document: merged.document, files, locate: merged.locate },
    issues: sortIssues(issues),
  };
}

async function readAndParse(file: string, cwd: string, issues: ConfigIssue[]): Promise<ParsedFile | undefined> {
  const absolute = path.resolve(cwd, file);
  try {
    // The size is checked before reading, so a huge file costs one stat, not its bytes.
    const { size } = await stat(absolute);
    if (size > CONFIG_LIMITS.maxFileBytes) {
      issues.push(fileIssue(file, `file is ${size} bytes; the limit is ${CONFIG_LIMITS.maxFileBytes} bytes (5 MiB)`));
      return undefined;
    }
    const result = parseYamlFile(file, await readFile(absolute));
    issues.push(...result.issues);
    return result.parsed;
  } catch (error) {
    issues.push(fileIssue(file, `cannot read: ${describeFsError(error)}`));
    return undefined;
  }
}

/** All files of one target must name the same provider; say where they differ. */
function agreeOnProvider(files: readonly ParsedFile[], issues: ConfigIssue[]): string | undefined {
  const first = files[0]!;
  const name = (file: ParsedFile) => String((file.data as Record<string, unknown>).provider);
  for (const file of files.slice(1)) {
    if (name(file) !== name(first)) {
      const here = locateInYaml(file, ['provider']);
      const there = locateInYaml(first, ['provider']);
      issues.push({
        severity: 'error',
        file: file.file,
        line: here.line,
        col: here.col,
        path: 'provider',
        message: `"${name(file)}" differs from "${name(first)}" in ${first.file}:${there.line}:${there.col}; files merged together must describe one target`,
      });
    }
  }
  return hasErrors(issues) ? undefined : name(first);
}

function pin(problem: ConfigProblem, locate: Locator): ConfigIssue {
  const where = locate(problem.path, problem.at);
  return { severity: problem.severity, ...where, path: formatPath(problem.path), message: problem.message };
}
