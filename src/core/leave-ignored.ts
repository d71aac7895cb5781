import type { IgnoreRule } from '../config/safety-spec.js';
import { matchesGlob } from './address-glob.js';
import type { Change } from './change.js';

/** A planned change that `ignore:` leaves alone: never applied, listed with the rule's reason. */
export interface IgnoredChange {
  address: string;
  action: Change['action'];
  kind: string;
  summary: string;
  /** The reason of the rule that applies. */
  reason: string;
  /** Index of that rule in `ignore:`. */
  rule: number;
  /**
   * When the change's own address is not what the rule matched: the ignored address it would
   * also change (`also changes X`), or the left-alone change it needs (`needs X`).
   */
  because?: string;
}

/**
 * Whether `ignore:` leaves alone a change at `address` that also changes `alsoChanges`, by its
 * own rules (not by what it depends on). For planners, which must not reason from a change that
 * will not run: a user stays on a team whose membership is ignored, so they are not teamless.
 */
export function ignoredBy(rules: readonly IgnoreRule[]): (address: string, alsoChanges?: readonly string[]) => boolean {
  if (rules.length === 0) return () => false;
  const matches = (address: string) => rules.some((rule) => matchesGlob(rule.address, address));
  return (address, alsoChanges = []) => matches(address) || alsoChanges.some(matches);
}

type Verdict = Pick<IgnoredChange, 'reason' | 'rule' | 'because'>;

type Plannable = Pick<Change, 'id' | 'address' | 'action' | 'kind' | 'summary' | 'dependsOn' | 'alsoChanges'>;

/**
 * `ignore:` in plan and apply: ignored addresses are never changed. A change is left alone when
 * a rule matches its address, or an address it also changes as a side effect (deleting a user
 * removes their memberships), or — with `cascade` — when it depends on a change left alone: what
 * waits for a change must not run without it (members wait for their team's creation; a team
 * deletion waits for its members to join other teams). What a left-alone change depends on
 * still runs: a team is created though its members are ignored.
 *
 * Drift uses it without `cascade`: what cannot be done because of an ignore is still drift.
 * Pure; `changes` in any order.
 */
export function leaveIgnoredAlone<C extends Plannable>(
  changes: readonly C[],
  rules: readonly IgnoreRule[],
  options: { cascade: boolean } = { cascade: true },
): { kept: C[]; ignored: (IgnoredChange & { change: C })[] } {
  if (rules.length === 0) return { kept: [...changes], ignored: [] };
  const byId = new Map(changes.map((change) => [change.id, change]));
  const verdicts = new Map<string, Verdict | null>();
  const matching = (address: string) => {
    const index = rules.findIndex((rule) => matchesGlob(rule.address, address));
    return index === -1 ? undefined : index;
  };
  const verdictOf = (change: C, visiting: Set<string>): Verdict | null => {
    if (verdicts.has(change.id)) return verdicts.get(change.id)!;
    let verdict: Verdict | null = null;
    const own = matching(change.address);
    if (own !== undefined) verdict = { reason: rules[own]!.reason, rule: own };
    for (const other of change.alsoChanges ?? []) {
      if (verdict) break;
      const index = matching(other);
      if (index !== undefined) verdict = { reason: rules[index]!.reason, rule: index, because: `also changes ${other}` };
    }
    if (!verdict && options.cascade) {
      visiting.add(change.id);
      for (const id of change.dependsOn) {
        const dependency = byId.get(id);
        if (!dependency || visiting.has(id)) continue;
        const upstream = verdictOf(dependency, visiting);
        if (upstream) {
          verdict = { reason: upstream.reason, rule: upstream.rule, because: `needs ${dependency.address}` };
          break;
        }
      }
      visiting.delete(change.id);
    }
    verdicts.set(change.id, verdict);
    return verdict;
  };
  const kept: C[] = [];
  const ignored: (IgnoredChange & { change: C })[] = [];
  for (const change of changes) {
    const verdict = verdictOf(change, new Set());
    if (!verdict) {
      kept.push(change);
      continue;
    }
    ignored.push({
      address: change.address,
      action: change.action,
      kind: change.kind,
      summary: change.summary,
      reason: verdict.reason,
      rule: verdict.rule,
      ...(verdict.because ? { because: verdict.because } : {}),
      change,
    });
  }
  return { kept, ignored };
}
