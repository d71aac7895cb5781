import type { ConfigIssue } from './config-issue.js';
import { hasErrors, sortIssues } from './config-issue.js';
import type { ConfigProblem } from './config-problem.js';
import { collectFiles, fileIssue, type CollectedFile } from './collect-files.js';
import { formatPath } from './document-path.js';
import { explainForeignProviderBlock } from './foreign-provider-block.js';
import type { DocumentRules } from './document-rules.js';
import { CONFIG_LIMITS } from './limits.js';
import { locateInYaml } from './locate-in-yaml.js';
import { mergeDocuments, type Locator } from './merge-documents.js';
import { parseYamlFile, type ParsedFile } from './parse-yaml.js';
import { quoteToken } from './quote-token.js';
import { InputFileError, readInputFile } from './read-input-file.js';
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
  const collected: CollectedFile[] = [];
  for (const argument of paths) {
    const found = await collectFiles(argument, options.cwd);
    issues.push(...found.issues);
    for (const entry of found.files) if (!collected.some((seen) => seen.file === entry.file)) collected.push(entry);
  }
  const files = collected.map((entry) => entry.file);

  const parsedFiles: ParsedFile[] = [];
  for (const entry of collected) {
    const { file } = entry;
    const parsed = await readAndParse(entry, options.cwd, issues);
    if (!parsed) continue;
    const providerAt = { file, ...locateInYaml(parsed, ['provider']) };
    for (const found of options.validator(parsed.data)) {
      const problem = explainForeignProviderBlock(found, parsed.data, Object.keys(options.rules), providerAt);
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

async function readAndParse(entry: CollectedFile, cwd: string, issues: ConfigIssue[]): Promise<ParsedFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readInputFile(entry.file, { cwd, root: entry.root, maxBytes: CONFIG_LIMITS.maxFileBytes });
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    issues.push(fileIssue(entry.file, error.reason));
    return undefined;
  }
  const result = parseYamlFile(entry.file, bytes);
  issues.push(...result.issues);
  return result.parsed;
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
        message: `${quoteToken(name(file))} differs from ${quoteToken(name(first))} in ${first.file}:${there.line}:${there.col}; files merged together must describe one target`,
      });
    }
  }
  return hasErrors(issues) ? undefined : name(first);
}

function pin(problem: ConfigProblem, locate: Locator): ConfigIssue {
  const where = locate(problem.path, problem.at);
  return { severity: problem.severity, ...where, path: formatPath(problem.path), message: problem.message };
}
