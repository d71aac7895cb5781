import { isDeepStrictEqual } from 'node:util';
import type { ConfigIssue } from './config-issue.js';
import type { DocumentPath } from './document-path.js';
import { formatPath } from './document-path.js';
import { locateInYaml } from './locate-in-yaml.js';
import type { ParsedFile } from './parse-yaml.js';
import { matchesAny, type PathPattern } from './path-pattern.js';
import { quoteValue } from './quote-token.js';

/** Where a path of the merged document was written. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

export type Locator = (path: DocumentPath, at?: 'key' | 'value') => SourceLocation;

export interface MergeRules {
  mergeable: readonly PathPattern[];
  mustAgree: readonly PathPattern[];
}

export interface MergeResult {
  document: Record<string, unknown>;
  locate: Locator;
  issues: ConfigIssue[];
}

/** Keys every file states and all must agree on, whatever the provider. */
const ALWAYS_AGREE: readonly PathPattern[] = [['version'], ['provider']];

/**
 * Merges the files of one target into one document. Entries of mergeable mappings
 * (`teams`, `dashboards`, `orgs.*.teams` …) may come from different files; anything else
 * defined in two files is an error naming both places. Every key remembers its file, so
 * later checks on the merged document still point at the right file, line and column.
 */
export function mergeDocuments(files: readonly ParsedFile[], rules: MergeRules): MergeResult {
  const origins = new Map<string, ParsedFile>();
  const issues: ConfigIssue[] = [];
  // Null-prototype like each file's data (parse-yaml.ts), so a team named `toString` is data here too.
  const document = Object.create(null) as Record<string, unknown>;
  const mustAgree = [...ALWAYS_AGREE, ...rules.mustAgree];

  const locate: Locator = (path, at = 'value') => {
    for (let length = path.length; length >= 0; length--) {
      const origin = origins.get(originKey(path.slice(0, length)));
      if (origin) return { file: origin.file, ...locateInYaml(origin, path, at) };
    }
    const first = files[0];
    return first ? { file: first.file, ...locateInYaml(first, path, at) } : { file: '', line: 1, col: 1 };
  };

  const mergeInto = (target: Record<string, unknown>, source: Record<string, unknown>, path: DocumentPath, file: ParsedFile) => {
    for (const [key, value] of Object.entries(source)) {
      const childPath = [...path, key];
      const container = matchesAny(childPath, rules.mergeable) && isRecord(value);
      if (!Object.hasOwn(target, key)) {
        origins.set(originKey(childPath), file);
        if (container) {
          target[key] = Object.create(null);
          mergeInto(target[key] as Record<string, unknown>, value, childPath, file);
        } else {
          target[key] = value;
        }
        continue;
      }
      const existing = target[key];
      if (container && isRecord(existing)) {
        mergeInto(existing, value, childPath, file);
      } else if (matchesAny(childPath, mustAgree) && isDeepStrictEqual(existing, value)) {
        // The same value stated in two files: they agree on the target.
      } else {
        const first = locate(childPath, 'key');
        const here = locateInYaml(file, childPath, 'key');
        issues.push({
          severity: 'error',
          file: file.file,
          line: here.line,
          col: here.col,
          path: formatPath(childPath),
          message: matchesAny(childPath, mustAgree)
            ? `${quoteValue(value)} disagrees with ${quoteValue(existing)} in ${first.file}:${first.line}:${first.col}; all files of one target must agree`
            : `is also defined in ${first.file}:${first.line}:${first.col}; define it in one file only`,
        });
      }
    }
  };

  for (const file of files) {
    if (isRecord(file.data)) mergeInto(document, file.data, [], file);
  }
  return { document, locate, issues };
}

function originKey(path: DocumentPath): string {
  return JSON.stringify(path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
