import { accessDelta, directionFromDelta, type AccessDelta } from './access-delta.js';
import { effectiveAccess, type AccessGrant } from './access-grant.js';
import type { Change } from './change.js';
import type { DriftDirection } from './drift-direction.js';

/** Whose access, on what, one change can move. Left out: everyone, or every resource. */
export interface AccessReach {
  users?: ReadonlySet<string>;
  resources?: ReadonlySet<string>;
}

/**
 * What a provider lends the core to say which way each change moves access, all pure and
 * none mutating its input: applying one change to live state, the effective-access model as
 * grants, and a reach with a restricted live state in which the model, on the reach's users
 * and resources, says what it says on the whole state (so each change costs what it can touch,
 * not the size of the org).
 */
export interface AccessModel<Live, Operation = unknown, Reach extends AccessReach = AccessReach> {
  apply(live: Live, change: Change<Operation>): Live;
  grants(live: Live): AccessGrant[];
  /**
   * Who and what each change can move access for, in any of `states` (live, and live with every
   * change applied), one per change in order; all at once, so indexes over the states are built once.
   */
  reaches(changes: readonly Change<Operation>[], states: readonly Live[]): Reach[];
  /** `live` reduced to what the model needs for each reach (may keep more), one per reach; all at once, for the same reason. */
  restrict(live: Live, reaches: readonly Reach[]): Live[];
  rank(level: string): number;
}

/**
 * Which way each change of a plan moves access (by change id), from the effective-access
 * model. A change is applied in two states, and what it does in either counts:
 *
 * - live as it is, so someone made an admin by hand loses it when the change is applied;
 * - the state Git describes (every change applied), against the same with only this change left
 *   out, so a change whose effect live hides behind another drift shows it: a member added back
 *   to a team that was deleted by hand (live has neither), the team's creation itself, or one of
 *   two grants given by hand to the same person (revoking either alone in live leaves the other).
 *
 * Some access lost and none gained is `widened` (live has more than Git); gained only,
 * `narrowed`; both or neither, `changed`. Pure.
 */
export function changeDirections<Live, Operation, Reach extends AccessReach>(
  live: Live,
  changes: readonly Change<Operation>[],
  model: AccessModel<Live, Operation, Reach>,
): Record<string, DriftDirection> {
  // Levels are a handful of words, ranked millions of times on a large org: each once.
  const ranks = new Map<string, number>();
  const rank = (level: string) => ranks.get(level) ?? ranks.set(level, model.rank(level)).get(level)!;
  const git = changes.reduce((state, change) => model.apply(state, change), live);
  const reaches = model.reaches(changes, [live, git]);
  const restricted = model.restrict(live, reaches);
  const directions: Record<string, DriftDirection> = {};
  changes.forEach((change, i) => {
    const reach = reaches[i]!;
    const small = restricted[i] as Live;
    const delta = (before: Live, after: Live): AccessDelta => accessDelta(access(model, before, reach, rank), access(model, after, reach, rank), rank);
    // Only the other changes that can touch what this one reaches shape what it does there;
    // applying just those keeps a large plan from costing changes × changes. In plan order, so
    // a team's creation comes before the members and grants that need it.
    const relevant = changes.filter((other, j) => j === i || overlaps(reaches[j]!, reach));
    const applied = (list: readonly Change<Operation>[]) => list.reduce((state, other) => model.apply(state, other), small);
    const inLive = delta(small, model.apply(small, change));
    const inGit = delta(applied(relevant.filter((other) => other !== change)), applied(relevant));
    directions[change.id] = directionFromDelta({ gained: [...inLive.gained, ...inGit.gained], lost: [...inLive.lost, ...inGit.lost] });
  });
  return directions;
}

/** Whether two reaches share a user and a resource (a side left open shares everything). */
function overlaps(a: AccessReach, b: AccessReach): boolean {
  const meet = (x?: ReadonlySet<string>, y?: ReadonlySet<string>) => !x || !y || [...(x.size <= y.size ? x : y)].some((item) => (x.size <= y.size ? y : x).has(item));
  return meet(a.users, b.users) && meet(a.resources, b.resources);
}

function access<Live, Operation, Reach extends AccessReach>(model: AccessModel<Live, Operation, Reach>, live: Live, reach: AccessReach, rank: (level: string) => number) {
  const grants = model.grants(live).filter((grant) => (reach.users?.has(grant.user) ?? true) && (reach.resources?.has(grant.resource) ?? true));
  return effectiveAccess(grants, rank);
}
