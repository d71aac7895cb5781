import type { IgnoreRule } from '../config/safety-spec.js';
import type { Change } from './change.js';
import { byDirectionOrder, countByDirection, DRIFT_DIRECTIONS, type DriftDirection } from './drift-direction.js';
import { leaveIgnoredAlone } from './leave-ignored.js';
import type { ReportEvidence } from './report-evidence.js';
import type { UnmanagedAccess } from './unmanaged-access.js';

/** One difference between Git and live, as a person reviewing drift reads it. */
export interface DriftItem {
  address: string;
  kind: string;
  summary: string;
  /** What the file says; `absent` when the file does not have it. */
  git: unknown;
  /** What live state says; `absent` when live does not have it. */
  live: unknown;
  /** Which way live moved from Git: `widened` (live gives more access), `narrowed` or `changed`. */
  direction: DriftDirection;
}

export interface DriftReport {
  target: string;
  /** Widened first, then narrowed, then changed; in plan order within each. */
  items: DriftItem[];
  /** Expected drift, by the file's `ignore:` rules: counted, never hidden. */
  ignored: (DriftItem & { reason: string })[];
  /** Objects the file names that live does not have (a missing dashboard, user or folder). */
  problems: string[];
  /** Drift count per kind (items only). */
  byKind: Record<string, number>;
  /** Drift count per direction (items only), every direction present. */
  byDirection: Record<DriftDirection, number>;
  /** A unified diff of the file against live, as YAML, over what the file manages (when the provider can export). */
  diff?: string;
  /** With `--unmanaged`: live access the file does not manage. Listed only: never a change, never drift. */
  unmanaged?: UnmanagedAccess;
  /** What the report was made from: when, by which version, from which files and commit. */
  evidence?: ReportEvidence;
}

/**
 * Drift is what a plan would change, read the other way round: for every change, what Git
 * says (its `after`), what live says (its `before`), and which way live moved access, as the
 * provider's effective-access model says (`directions`, by change id; a change it says nothing
 * of is `changed`). Pure.
 */
export function buildDriftReport(
  plan: { target: { description: string }; changes: readonly Change[]; problems: readonly string[] },
  ignore: readonly IgnoreRule[] = [],
  directions: Readonly<Record<string, DriftDirection>> = {},
): DriftReport {
  const items: DriftItem[] = [];
  const ignored: DriftReport['ignored'] = [];
  // The rules match as plan and apply match them (an address, or one a change also alters), but
  // nothing is left out for depending on ignored drift: what cannot be done because of it is drift.
  const { ignored: expected } = leaveIgnoredAlone(plan.changes, ignore, { cascade: false });
  const reasons = new Map(expected.map((entry) => [entry.change.id, entry.reason]));
  for (const change of plan.changes) {
    const item: DriftItem = {
      address: change.address,
      kind: change.kind,
      summary: change.summary,
      git: change.action === 'delete' ? 'absent' : (change.after ?? 'present'),
      live: change.action === 'create' ? 'absent' : (change.before ?? 'present'),
      direction: Object.hasOwn(directions, change.id) ? directions[change.id]! : 'changed',
    };
    const reason = reasons.get(change.id);
    if (reason !== undefined) ignored.push({ ...item, reason });
    else items.push(item);
  }
  return {
    target: plan.target.description,
    items: byDirectionOrder(items),
    ignored: byDirectionOrder(ignored),
    problems: [...plan.problems],
    byKind: countByKind(items),
    byDirection: countByDirection(items),
  };
}

/**
 * Items per kind, the kinds in the order the reports group them (by direction, widened first,
 * then by kind name), so the summary lists them in the order of the groups below it.
 */
function countByKind(items: readonly DriftItem[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  const byKind: Record<string, number> = {};
  for (const direction of DRIFT_DIRECTIONS) {
    const kinds = [...new Set(items.filter((item) => item.direction === direction).map((item) => item.kind))].sort((a, b) => a.localeCompare(b));
    for (const kind of kinds) if (!Object.hasOwn(byKind, kind)) byKind[kind] = counts.get(kind)!;
  }
  return byKind;
}

export function hasDrift(report: DriftReport): boolean {
  return report.items.length > 0 || report.problems.length > 0;
}
