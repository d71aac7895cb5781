import type { Change } from './change.js';
import { summarizeChanges, type PlanSummary } from './plan-summary.js';
import type { SafetyViolation } from './safety-guards.js';

export const PLAN_FORMAT_VERSION = 1;

/**
 * A plan as `plan --out` writes it and `apply PLAN.json` reads it: the changes in order,
 * the target they are for, what to re-read, and fingerprints of every live object the
 * changes touch, so apply can refuse the plan when any of them changed since.
 */
export interface SavedPlan {
  format_version: typeof PLAN_FORMAT_VERSION;
  accessctl_version: string;
  provider: string;
  target: { description: string; identity: Record<string, string> };
  created_at: string;
  files: string[];
  /** sha256 over the desired-state files' paths and contents, to tell which version of the files a plan came from. */
  files_hash: string;
  /** What to read live again at apply time (provider-specific). */
  scope: unknown;
  changes: Change[];
  fingerprints: Record<string, string>;
  problems: string[];
  violations: SafetyViolation[];
  summary: PlanSummary;
}

export interface PlanParts {
  toolVersion: string;
  provider: string;
  target: { description: string; identity: Record<string, string> };
  files: string[];
  filesHash: string;
  scope: unknown;
  changes: Change[];
  allFingerprints: Record<string, string>;
  problems: string[];
  violations: SafetyViolation[];
  now: Date;
}

export function buildSavedPlan(parts: PlanParts): SavedPlan {
  const touched = new Set(parts.changes.flatMap((change) => change.touches));
  const fingerprints = Object.fromEntries(
    Object.entries(parts.allFingerprints).filter(([key]) => touched.has(key)).sort(([a], [b]) => a.localeCompare(b)),
  );
  // A touched key with no fingerprint was absent when planned; record that, so its appearance makes the plan stale.
  for (const key of touched) fingerprints[key] ??= 'absent';
  return {
    format_version: PLAN_FORMAT_VERSION,
    accessctl_version: parts.toolVersion,
    provider: parts.provider,
    target: parts.target,
    created_at: parts.now.toISOString(),
    files: parts.files,
    files_hash: parts.filesHash,
    scope: parts.scope,
    changes: parts.changes,
    fingerprints,
    problems: parts.problems,
    violations: parts.violations,
    summary: summarizeChanges(parts.changes),
  };
}

export class PlanFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: not a usable accessctl plan: ${reason}`);
    this.name = 'PlanFileError';
  }
}

/** Reads a saved plan, checking the shape enough that apply cannot misread it. */
export function parseSavedPlan(text: string, file: string): SavedPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PlanFileError(file, `invalid JSON (${(error as Error).message})`);
  }
  const plan = value as Partial<SavedPlan> | null;
  if (!plan || typeof plan !== 'object') throw new PlanFileError(file, 'expected a JSON object');
  if (plan.format_version !== PLAN_FORMAT_VERSION) {
    throw new PlanFileError(file, `format_version ${JSON.stringify(plan.format_version)} is not ${PLAN_FORMAT_VERSION}`);
  }
  if (typeof plan.provider !== 'string') throw new PlanFileError(file, 'missing provider');
  if (!plan.target || typeof plan.target.identity !== 'object') throw new PlanFileError(file, 'missing target');
  if (!Array.isArray(plan.changes)) throw new PlanFileError(file, 'missing changes');
  for (const change of plan.changes) {
    if (!change || typeof change.id !== 'string' || !Array.isArray(change.dependsOn) || !Array.isArray(change.touches)) {
      throw new PlanFileError(file, 'a change lacks id, dependsOn or touches');
    }
  }
  if (!plan.fingerprints || typeof plan.fingerprints !== 'object') throw new PlanFileError(file, 'missing fingerprints');
  return plan as SavedPlan;
}

/** Keys whose live fingerprint differs from the one the plan was made against. */
export function staleKeys(plan: Pick<SavedPlan, 'fingerprints'>, current: Record<string, string>): string[] {
  return Object.entries(plan.fingerprints)
    .filter(([key, recorded]) => (current[key] ?? 'absent') !== recorded)
    .map(([key]) => key);
}
