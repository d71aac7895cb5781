import { issueLine } from '../core/plan-issue.js';
import { escapeControl } from '../render/escape-text.js';

/** One problem found in a desired-state file, pinned to where a person can fix it. */
export interface ConfigIssue {
  severity: 'error' | 'warning';
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** Where in the document, as a person would write it: `teams.Marketing.members[1]`; empty for the whole file. */
  path: string;
  /** A plain sentence. */
  message: string;
}

/**
 * `FILE:LINE:COL error: PATH: MESSAGE`, the form editors and CI annotations understand. One
 * line, always: a file named `x\n::error::forged.yaml` or a name with an ESC in a message
 * shows its control characters as `\uXXXX` (messages quote names escaped already; this is the last stop).
 */
export function formatIssue(issue: ConfigIssue): string {
  return escapeControl(issueLine(issue));
}

export function hasErrors(issues: readonly ConfigIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** Stable order for output: by file, then position. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message),
  );
}
