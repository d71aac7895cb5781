import { canonicalJson } from './fingerprint.js';
import type { Change } from './change.js';
import { staleKeys, type SavedPlan } from './saved-plan.js';

/**
 * How a saved plan differs from a plan made now from the same files against fresh live state.
 * `apply PLAN.json` applies the fresh plan only when this is empty, so what runs is what was
 * reviewed, whatever the plan file says (issue 12: a summary "grant viewer to alice" over an
 * operation that put alice into Owners; a hidden "change nothing" that deleted a user;
 * `touches: []` that skipped the stale check). Pure.
 */
export interface PlanMismatch {
  /** Target and provider: where the fresh plan goes is the environment's choice, the saved one must agree. */
  target: string[];
  /** Changes in the saved plan that a fresh plan does not have, by address. */
  onlySaved: string[];
  /** Changes a fresh plan has that the saved plan does not. */
  onlyFresh: string[];
  /** Changes in both whose contents differ (operation, summary, dependencies, touches …), with the fields. */
  differ: { address: string; fields: string[] }[];
  /** Live objects the fresh plan touches whose fingerprint is not the one the saved plan recorded. */
  stale: string[];
}

/**
 * `current` holds the fingerprints of every live object read now (the provider's
 * `fingerprints(live)`), so that objects the saved plan touched count too, not only those the
 * fresh plan touches.
 */
export function comparePlans(saved: SavedPlan, fresh: SavedPlan, current: Record<string, string>): PlanMismatch {
  const target = targetMismatch(saved, fresh);
  const savedById = byId(saved.changes);
  const freshById = byId(fresh.changes);
  const onlySaved = saved.changes.filter((change) => !freshById.has(change.id)).map((change) => change.address);
  const onlyFresh = fresh.changes.filter((change) => !savedById.has(change.id)).map((change) => change.address);
  const differ: PlanMismatch['differ'] = [];
  for (const change of fresh.changes) {
    const other = savedById.get(change.id);
    if (!other) continue;
    const fields = differingFields(other, change);
    if (fields.length > 0) differ.push({ address: change.address, fields });
  }
  // A change listed twice under one id in the saved plan is a mismatch too (a Map keeps one).
  if (savedById.size !== saved.changes.length) onlySaved.push('(a change id listed twice)');
  // Stale: an object either plan touches whose live fingerprint now is not what the saved plan
  // recorded. Judged on the fresh plan's touches too, so a saved plan cannot opt out of it by
  // listing fewer; a key the saved plan never recorded cannot be vouched for, so it is stale.
  const unrecorded = Object.keys(fresh.fingerprints).filter((key) => !Object.hasOwn(saved.fingerprints, key));
  const stale = [...new Set([...staleKeys(saved, current), ...unrecorded])].sort();
  return { target, onlySaved, onlyFresh, differ, stale };
}

/**
 * Where the saved plan and this run disagree on provider or target. The run's provider comes
 * from the files and its target from the environment and flags, never from the plan, so a
 * plan switched to `provider: grafana` or to another URL cannot redirect the credentials.
 */
export function targetMismatch(saved: Pick<SavedPlan, 'provider' | 'target'>, run: Pick<SavedPlan, 'provider' | 'target'>): string[] {
  const problems: string[] = [];
  if (saved.provider !== run.provider) problems.push(`provider: the plan says ${saved.provider}, the files say ${run.provider}`);
  if (canonicalJson(saved.target.identity) !== canonicalJson(run.target.identity)) {
    // Same description, other identity (a key added or changed by hand): name the keys.
    const keys = [...new Set([...Object.keys(saved.target.identity), ...Object.keys(run.target.identity)])]
      .filter((key) => saved.target.identity[key] !== run.target.identity[key])
      .sort();
    const detail = saved.target.description === run.target.description ? ` (its target differs in ${keys.join(', ')})` : '';
    problems.push(`target: the plan was made for ${saved.target.description}, this run goes to ${run.target.description}${detail}`);
  }
  return problems;
}

export function isExactMatch(mismatch: PlanMismatch): boolean {
  return (
    mismatch.target.length === 0 &&
    mismatch.onlySaved.length === 0 &&
    mismatch.onlyFresh.length === 0 &&
    mismatch.differ.length === 0 &&
    mismatch.stale.length === 0
  );
}

function byId(changes: readonly Change[]): Map<string, Change> {
  return new Map(changes.map((change) => [change.id, change]));
}

/** Every field of either change whose canonical JSON differs, sorted. */
function differingFields(a: Change, b: Change): string[] {
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].filter((key) => canonicalJson(left[key]) !== canonicalJson(right[key])).sort();
}
