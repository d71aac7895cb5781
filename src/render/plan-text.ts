import { escapeControl } from './escape-text.js';
import { ACTION_SYMBOL, summaryLine, type PlanView } from './plan-view.js';

/** The plan for a terminal: one line per change in execution order, then what stands in the way. */
export function renderPlanText(plan: PlanView): string {
  const lines: string[] = [];
  const target = escapeControl(plan.target.description);
  if (plan.changes.length === 0) {
    lines.push(`No changes. ${target} matches the desired state.`);
  } else {
    lines.push(`accessctl will make these changes to ${target}, in this order:`, '');
    for (const change of plan.changes) {
      const symbol = change.blocked ? '!' : ACTION_SYMBOL[change.action];
      lines.push(`  ${symbol} ${escapeControl(change.summary)}`);
      if (change.blocked) lines.push(`      blocked: ${escapeControl(change.blocked)}`);
    }
    lines.push('', summaryLine(plan.summary));
  }
  for (const problem of plan.problems) lines.push(`error: ${escapeControl(problem)}`);
  for (const violation of plan.violations) lines.push(`refused (safety.${violation.rule}): ${escapeControl(violation.message)}`);
  return `${lines.join('\n')}\n`;
}
