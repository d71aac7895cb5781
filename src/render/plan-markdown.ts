import { escapeControl } from './escape-text.js';
import { escapeMarkdown } from './escape-markdown.js';
import { changeSymbol, ignoredHeading, NO_CHANGES, summaryLine, targetingLine, type PlanView, type PlanViewOptions } from './plan-view.js';

/**
 * The plan for a pull-request comment or a job summary: a summary line, then the changes
 * in a `diff` block (GitHub colours + and - lines). Names come from files and servers, so
 * they are escaped, and the block fence is chosen longer than any backtick run inside.
 */
export function renderPlanMarkdown(plan: PlanView, options: PlanViewOptions = {}): string {
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
  const ignored = plan.ignored ?? [];
  if (ignored.length > 0) {
    out.push('', options.showIgnored ? ignoredHeading(ignored.length) : `${ignoredHeading(ignored.length)} (--show-ignored lists them)`);
    if (options.showIgnored) {
      out.push('');
      for (const entry of ignored) out.push(`- ${inline(entry.address)}${entry.because ? ` \(${inline(entry.because)}\)` : ''}: ${inline(entry.reason)}`);
    }
  }
  if (plan.problems.length > 0 || plan.violations.length > 0) {
    out.push('', '**Cannot be applied:**', '');
    for (const problem of plan.problems) out.push(`- ${inline(problem)}`);
    for (const violation of plan.violations) out.push(`- safety.${violation.rule}: ${inline(violation.message)}`);
  }
  if (plan.warnings?.length || plan.targeting) {
    out.push('', '**Warnings:**', '');
    if (plan.targeting) out.push(`- ${targetingLine(plan.targeting)}`);
    for (const warning of plan.warnings ?? []) out.push(`- ${inline(warning)}`);
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
