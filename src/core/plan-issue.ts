/**
 * A problem or warning as a plan reports it: why the file cannot be applied as written (an
 * object that does not exist, a blocked change's reason), or what a reviewer should see (a
 * look-alike name). Where it concerns something the desired-state files say, it carries that
 * file, line and column, as `validate`'s issues do; a problem about live state as a whole (an
 * org limit) has none.
 */
export interface PlanIssue {
  severity: 'error' | 'warning';
  message: string;
  /** As the files were named on the command line; with `line` and `col` (1-based). */
  file?: string;
  line?: number;
  col?: number;
  /** Where in the document, as `validate` writes it: `dashboards.sales.permissions.teams.Analyst`. */
  path?: string;
  /** For a blocked change's reason: the change's address. */
  address?: string;
}

/**
 * The one form of every problem accessctl reports about its input, for people, editors and CI
 * problem matchers: `FILE:LINE:COL severity: PATH: message`, or `severity: message` when it
 * concerns no place in the files. Not escaped: the renderers and `formatIssue` escape it for
 * their medium.
 */
export function issueLine(issue: Pick<PlanIssue, 'severity' | 'message' | 'file' | 'line' | 'col' | 'path'>): string {
  const where = issue.path ? `${issue.path}: ` : '';
  if (issue.file === undefined) return `${issue.severity}: ${where}${issue.message}`;
  return `${issue.file}:${issue.line ?? 1}:${issue.col ?? 1} ${issue.severity}: ${where}${issue.message}`;
}
