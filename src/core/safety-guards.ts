import { parseDeletionLimit, type SafetySpec } from '../config/safety-spec.js';
import type { Change } from './change.js';
import { userKey } from './principal-name.js';

export interface SafetyViolation {
  rule: 'max_deletions' | 'protected';
  message: string;
  /** The changes that break the rule. */
  changeIds: string[];
}

/**
 * Checks a plan against the file's `safety:` section before anything is applied:
 * no more deletions of one kind than `max_deletions` allows (of the objects of that kind
 * that exist live), and no deletion or lowering of a protected principal's access.
 * Rules that need knowledge of the target (the last Owner, the last Admin) are the
 * provider's, which marks such changes `blocked`.
 */
export function checkSafety(
  changes: readonly Change[],
  safety: SafetySpec | undefined,
  liveCounts: Readonly<Record<string, number>>,
): SafetyViolation[] {
  const violations: SafetyViolation[] = [];
  const limit = parseDeletionLimit(safety?.max_deletions ?? '25%');

  const deletesByKind = new Map<string, Change[]>();
  for (const change of changes) {
    if (change.action !== 'delete') continue;
    deletesByKind.set(change.kind, [...(deletesByKind.get(change.kind) ?? []), change]);
  }
  for (const [kind, deletes] of [...deletesByKind].sort(([a], [b]) => a.localeCompare(b))) {
    const existing = liveCounts[kind] ?? 0;
    // A share always allows one deletion (unless it is 0%), so a small org is not frozen by a 25% rule.
    const allowed =
      limit.kind === 'count' ? limit.count : limit.share === 0 ? 0 : Math.max(1, Math.floor(existing * limit.share));
    if (deletes.length > allowed) {
      const rule = limit.kind === 'count' ? `${limit.count}` : `${Math.round(limit.share * 1000) / 10}% of ${existing}`;
      violations.push({
        rule: 'max_deletions',
        message: `${deletes.length} ${kind} ${deletes.length === 1 ? 'deletion exceeds' : 'deletions exceed'} safety.max_deletions (${rule} = ${allowed} allowed)`,
        changeIds: deletes.map((change) => change.id),
      });
    }
  }

  const protectedKeys = new Set((safety?.protected ?? []).map(userKey));
  const hits = changes.filter(
    (change) => change.reducesAccess && change.principal !== undefined && protectedKeys.has(userKey(change.principal)),
  );
  for (const change of hits) {
    violations.push({
      rule: 'protected',
      message: `${change.summary}: "${change.principal}" is protected (safety.protected)`,
      changeIds: [change.id],
    });
  }
  return violations;
}
