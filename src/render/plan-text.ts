import { issueLine } from '../core/plan-issue.js';
import { paintSeverities } from './color.js';
import { escapeControl } from './escape-text.js';
import { changeSymbol, ignoredHeading, noChangesLine, summaryLine, targetingLine, type PlanView, type PlanViewOptions } from './plan-view.js';

export interface TextOptions extends PlanViewOptions {
  /** ANSI colours for the symbols and the `error:`/`warning:` lines; the CLI decides with `wantsColor` (color.ts). */
  color?: boolean;
}

const COLORS: Record<string, string> = { '+': '32', '~': '33', '~>': '33', '-': '31', '!': '35' };

/**
 * The plan for a terminal: one line per change in the order they will run, then what stands in
 * the way, each problem in the one form `validate` prints (`FILE:LINE:COL error: PATH: message`).
 */
export function renderPlanText(plan: PlanView, options: TextOptions = {}): string {
  const paint = (symbol: string) => (options.color ? `\u001b[${COLORS[symbol] ?? '0'}m${symbol}\u001b[0m` : symbol);
  const lines = [`accessctl plan for ${escapeControl(plan.target.description)}:`, ''];
  if (plan.changes.length === 0) {
    lines.push(noChangesLine(plan));
  } else {
    for (const change of plan.changes) {
      lines.push(`  ${paint(changeSymbol(change))} ${escapeControl(change.summary)}`);
      if (change.blocked) lines.push(`      blocked: ${escapeControl(change.blocked)}`);
    }
    lines.push('', summaryLine(plan.summary));
  }
  const ignored = plan.ignored ?? [];
  if (ignored.length > 0 && options.showIgnored) {
    lines.push('', ignoredHeading(ignored.length));
    for (const entry of ignored) {
      const because = entry.because ? ` (${escapeControl(entry.because)})` : '';
      lines.push(`  ${escapeControl(entry.address)}${because}: ${escapeControl(entry.reason)}`);
    }
  } else if (ignored.length > 0) {
    lines.push(`${ignoredHeading(ignored.length)} (--show-ignored lists them)`);
  }
  const severity = (line: string) => (options.color ? paintSeverities(line) : line);
  if (plan.targeting) lines.push(severity(`warning: ${targetingLine(plan.targeting)}`));
  for (const issue of plan.issues) lines.push(severity(escapeControl(issueLine(issue))));
  for (const violation of plan.violations) lines.push(`refused (safety.${violation.rule}): ${escapeControl(violation.message)}`);
  return `${lines.join('\n')}\n`;
}
