import type { Change } from './change.js';

/**
 * After an apply met conflicts (another run changed the org meanwhile: a 409 for what it just
 * created, a 404 for what it just removed), the rest of the approved plan is finished from a plan
 * made against fresh live state. Only what the operator approved may run: a fresh change runs
 * when a change with the same address and action was in the approved plan, and every change it
 * depends on runs too. Anything else the fresh plan wants is left for the next `plan`. Pure.
 */
export interface ApprovedRemainder<Operation> {
  /** Fresh changes to run, in the fresh plan's order, their dependencies among them. */
  run: Change<Operation>[];
  /** Fresh changes that were not approved (or depend on one that was not), by address. */
  unapproved: string[];
}

export function approvedRemainder<Operation>(approved: readonly Change[], fresh: readonly Change<Operation>[]): ApprovedRemainder<Operation> {
  const allowed = new Set(approved.map(approvalKey));
  const byId = new Map(fresh.map((change) => [change.id, change]));
  const verdict = new Map<string, boolean>();
  // A change runs when it was approved and all it depends on runs; dependsOn forms a DAG.
  const runs = (change: Change<Operation>, path: Set<string>): boolean => {
    const known = verdict.get(change.id);
    if (known !== undefined) return known;
    if (path.has(change.id)) return false;
    path.add(change.id);
    const ok =
      allowed.has(approvalKey(change)) &&
      change.dependsOn.every((id) => {
        const dependency = byId.get(id);
        return dependency !== undefined && runs(dependency, path);
      });
    path.delete(change.id);
    verdict.set(change.id, ok);
    return ok;
  };
  return {
    run: fresh.filter((change) => runs(change, new Set())),
    unapproved: fresh.filter((change) => !runs(change, new Set())).map((change) => change.address),
  };
}

function approvalKey(change: Pick<Change, 'address' | 'action'>): string {
  return `${change.action}\u0000${change.address}`;
}
