import type { Change } from './change.js';

export interface PlanSummary {
  add: number;
  change: number;
  remove: number;
  blocked: number;
}

/** Terraform's closing line: creates add, updates and renames change, deletions remove. */
export function summarizeChanges(changes: readonly Pick<Change, 'action' | 'blocked'>[]): PlanSummary {
  const summary: PlanSummary = { add: 0, change: 0, remove: 0, blocked: 0 };
  for (const change of changes) {
    if (change.blocked) summary.blocked++;
    if (change.action === 'create') summary.add++;
    else if (change.action === 'delete') summary.remove++;
    else summary.change++;
  }
  return summary;
}
