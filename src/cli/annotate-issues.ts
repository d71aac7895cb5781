import path from 'node:path';
import type { PlanIssue } from '../core/plan-issue.js';
import { workflowCommand, type Annotation } from '../render/workflow-command.js';
import type { CliIO } from './io.js';

/**
 * In a GitHub Actions run (`GITHUB_ACTIONS=true`, set by the runner), every problem is also
 * printed as a workflow command, so GitHub shows it on the file's line in the pull request
 * and the run's summary. Written to stderr (the runner reads commands on both streams; stdout
 * may be a JSON plan), or to the Action's sink, which prints them outside its
 * `::stop-commands::` block.
 */
export function annotateIssues(io: CliIO, issues: readonly PlanIssue[]): void {
  if (io.env.GITHUB_ACTIONS !== 'true' || issues.length === 0) return;
  const write = io.workflowCommand ?? io.stderr;
  const workspace = io.env.GITHUB_WORKSPACE || io.cwd;
  for (const issue of issues) write(`${workflowCommand(annotationOf(issue, workspace, io.cwd))}\n`);
}

/** GitHub places an annotation by a path relative to the workspace; a file outside it keeps its place in the message. */
export function annotationOf(issue: PlanIssue, workspace: string, cwd: string): Annotation {
  const about = issue.path ? `${issue.path}: ${issue.message}` : issue.message;
  if (issue.file === undefined) return { severity: issue.severity, message: about };
  const relative = path.relative(path.resolve(workspace), path.resolve(cwd, issue.file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { severity: issue.severity, message: `${issue.file}:${issue.line ?? 1}:${issue.col ?? 1}: ${about}` };
  }
  return { severity: issue.severity, message: about, file: relative.split(path.sep).join('/'), line: issue.line ?? 1, col: issue.col ?? 1 };
}
