import type { Change } from '../core/change.js';
import { issueLine } from '../core/plan-issue.js';
import { escapeControl } from './escape-text.js';
import { escapeMarkdown } from './escape-markdown.js';
import { ignoredHeading, noChangesLine, summaryLine, targetingLine, type PlanView, type PlanViewOptions } from './plan-view.js';

/**
 * GitHub colours a `diff` block's lines by their first character: `+` green, `-` red, `!`
 * orange, `#` grey as a comment; `~` not at all. So updates and renames are written `!` (as
 * tfcmt and Atlantis do), and a blocked change, which will not run, as a `#` comment.
 */
const DIFF_SYMBOL: Record<Change['action'], string> = { create: '+', update: '!', rename: '!', delete: '-' };

/** Under the block, since its symbols are not the terminal's. */
export const DIFF_LEGEND = '`+` adds, `!` changes or renames, `-` destroys, `#` is blocked (not applied)';

/**
 * The plan for a pull-request comment or a job summary: a summary line, then the changes in a
 * `diff` block with a legend. Names come from files and servers, so they are escaped, and the
 * block fence is chosen longer than any backtick run inside.
 */
export function renderPlanMarkdown(plan: PlanView, options: PlanViewOptions = {}): string {
  const out: string[] = [`### accessctl plan: ${inline(plan.target.description)}`, ''];
  if (plan.changes.length === 0) {
    out.push(noChangesLine(plan));
  } else {
    out.push(`**${summaryLine(plan.summary)}**`, '');
    const body = plan.changes.map((change) =>
      change.blocked
        ? `# ${escapeControl(change.summary)}\n#     blocked: ${escapeControl(change.blocked)}`
        : `${DIFF_SYMBOL[change.action]} ${escapeControl(change.summary)}`,
    );
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(body.join('\n')) + 1));
    out.push(`${fence}diff`, ...body, fence, '', DIFF_LEGEND);
  }
  const ignored = plan.ignored ?? [];
  if (ignored.length > 0) {
    out.push('', options.showIgnored ? ignoredHeading(ignored.length) : `${ignoredHeading(ignored.length)} (--show-ignored lists them)`);
    if (options.showIgnored) {
      out.push('');
      for (const entry of ignored) out.push(`- ${inline(entry.address)}${entry.because ? ` \(${inline(entry.because)}\)` : ''}: ${inline(entry.reason)}`);
    }
  }
  const errors = plan.issues.filter((issue) => issue.severity === 'error');
  const warnings = plan.issues.filter((issue) => issue.severity === 'warning');
  if (errors.length > 0 || plan.violations.length > 0) {
    out.push('', '**Cannot be applied:**', '');
    for (const issue of errors) out.push(`- ${inline(issueLine(issue))}`);
    for (const violation of plan.violations) out.push(`- safety.${violation.rule}: ${inline(violation.message)}`);
  }
  if (warnings.length > 0 || plan.targeting) {
    out.push('', '**Warnings:**', '');
    if (plan.targeting) out.push(`- ${targetingLine(plan.targeting)}`);
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
