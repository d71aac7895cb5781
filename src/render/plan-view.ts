import type { Change } from '../core/change.js';
import type { IgnoredChange } from '../core/leave-ignored.js';
import type { PlanIssue } from '../core/plan-issue.js';
import type { PlanSummary } from '../core/plan-summary.js';
import type { SafetyViolation } from '../core/safety-guards.js';
import type { Targeting } from '../core/saved-plan.js';

/** What the plan renderers need; a SavedPlan is one. */
export interface PlanView {
  target: { description: string };
  changes: Pick<Change, 'id' | 'address' | 'action' | 'summary' | 'blocked'>[];
  /** Errors (what keeps the file from being applied) and warnings (look-alike names), located in the files. */
  issues: PlanIssue[];
  violations: SafetyViolation[];
  summary: PlanSummary;
  /** Changes `ignore:` leaves alone: counted always, listed with `--show-ignored`. */
  ignored?: Pick<IgnoredChange, 'address' | 'reason' | 'because'>[];
  /** With `--target`. */
  targeting?: Targeting;
}

/** How a plan is shown: `--show-ignored` lists the changes `ignore:` leaves alone. */
export interface PlanViewOptions {
  showIgnored?: boolean;
}

/** Terraform's symbols, with `~>` for a rename. Blocked changes show `!`. */
export const ACTION_SYMBOL: Record<Change['action'], string> = { create: '+', update: '~', rename: '~>', delete: '-' };

export function changeSymbol(change: Pick<Change, 'action' | 'blocked'>): string {
  return change.blocked ? '!' : ACTION_SYMBOL[change.action];
}

export const NO_CHANGES = 'No changes. Live state matches the desired state.';

/**
 * What a plan without changes says. Live matches the file only when nothing was left out: with
 * changes outside `--target` or left alone by `ignore:`, there is just nothing to apply (the
 * lines after it say why).
 */
export function noChangesLine(plan: Pick<PlanView, 'ignored' | 'targeting'>): string {
  const leftOut = (plan.ignored?.length ?? 0) > 0 || (plan.targeting?.total ?? 0) > 0;
  return leftOut ? 'No changes to apply.' : NO_CHANGES;
}

export function summaryLine(summary: PlanSummary): string {
  const blocked = summary.blocked ? `, ${summary.blocked} blocked` : '';
  return `Plan: ${summary.add} to add, ${summary.change} to change, ${summary.remove} to destroy${blocked}.`;
}

/** Terraform's "Resource targeting is in effect" warning, with the counts: `Targeting is in effect: 3 of 12 changes shown.` */
export function targetingLine(targeting: Targeting): string {
  return `Targeting is in effect: ${targeting.shown} of ${targeting.total} change${targeting.total === 1 ? '' : 's'} shown.`;
}

/** `2 changes left alone because of ignore:`, the head of the ignored list. */
export function ignoredHeading(count: number): string {
  return `${count} change${count === 1 ? '' : 's'} left alone because of ignore:`;
}
