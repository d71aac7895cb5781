import { issueLine } from '../core/plan-issue.js';
import { escapeControl } from './escape-text.js';
import { escapeMarkdown } from './escape-markdown.js';
import { changeSymbol, NO_CHANGES, summaryLine, type PlanView } from './plan-view.js';

/**
 * The plan for a pull-request comment or a job summary: a summary line, then the changes
 * in a `diff` block (GitHub colours + and - lines). Names come from files and servers, so
 * they are escaped, and the block fence is chosen longer than any backtick run inside.
 */
export function renderPlanMarkdown(plan: PlanView): string {
  const out: string[] = [`### accessctl plan: ${inline(plan.target.description)}`, ''];
  if (plan.changes.length === 0) {
    out.push(NO_CHANGES);
  } else {
    out.push(`**${summaryLine(plan.summary)}**`, '');
    const body = plan.changes.map((change) => {
      const symbol = changeSymbol(change);
      const line = `${symbol} ${escapeControl(change.summary)}`;
      return change.blocked ? `${line}\n!     blocked: ${escapeControl(change.blocked)}` : line;
    });
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(body.join('\n')) + 1));
    out.push(`${fence}diff`, ...body, fence);
  }
  const errors = plan.issues.filter((issue) => issue.severity === 'error');
  const warnings = plan.issues.filter((issue) => issue.severity === 'warning');
  if (errors.length > 0 || plan.violations.length > 0) {
    out.push('', '**Cannot be applied:**', '');
    for (const issue of errors) out.push(`- ${inline(issueLine(issue))}`);
    for (const violation of plan.violations) out.push(`- safety.${violation.rule}: ${inline(violation.message)}`);
  }
  if (warnings.length > 0) {
    out.push('', '**Warnings:**', '');
    for (const issue of warnings) out.push(`- ${inline(issueLine(issue))}`);
  }
  return `${out.join('\n')}\n`;
}

/** Escapes text for inline Markdown: no HTML, no links, no emphasis, no mentions from names. */
const inline = escapeMarkdown;

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}
