import type { Change } from './change.js';

export interface PlanSummary {
  add: number;
  change: number;
  remove: number;
  blocked: number;
}

/**
 * Terraform's closing line: creates add, updates and renames change, deletions remove. A
 * blocked change will not run, so it is counted once, as blocked, and the four numbers add
 * up to the number of changes listed.
 */
export function summarizeChanges(changes: readonly Pick<Change, 'action' | 'blocked'>[]): PlanSummary {
  const summary: PlanSummary = { add: 0, change: 0, remove: 0, blocked: 0 };
  for (const change of changes) {
    if (change.blocked) summary.blocked++;
    else if (change.action === 'create') summary.add++;
    else if (change.action === 'delete') summary.remove++;
    else summary.change++;
  }
  return summary;
}
