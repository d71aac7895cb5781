import type { Change } from '../core/change.js';
import type { PlanIssue } from '../core/plan-issue.js';
import type { PlanSummary } from '../core/plan-summary.js';
import type { SafetyViolation } from '../core/safety-guards.js';

/** What the plan renderers need; a SavedPlan is one. */
export interface PlanView {
  target: { description: string };
  changes: Pick<Change, 'id' | 'address' | 'action' | 'summary' | 'blocked'>[];
  /** Errors (what keeps the file from being applied) and warnings (look-alike names), located in the files. */
  issues: PlanIssue[];
  violations: SafetyViolation[];
  summary: PlanSummary;
}

/** Terraform's symbols, with `~>` for a rename. Blocked changes show `!`. */
export const ACTION_SYMBOL: Record<Change['action'], string> = { create: '+', update: '~', rename: '~>', delete: '-' };

export function changeSymbol(change: Pick<Change, 'action' | 'blocked'>): string {
  return change.blocked ? '!' : ACTION_SYMBOL[change.action];
}

export const NO_CHANGES = 'No changes. Live state matches the desired state.';

export function summaryLine(summary: PlanSummary): string {
  const blocked = summary.blocked ? `, ${summary.blocked} blocked` : '';
  return `Plan: ${summary.add} to add, ${summary.change} to change, ${summary.remove} to destroy${blocked}.`;
}
