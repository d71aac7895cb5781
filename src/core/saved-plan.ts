import type { Change } from './change.js';
import type { IgnoredChange } from './leave-ignored.js';
import { issueLine, type PlanIssue } from './plan-issue.js';
import { summarizeChanges, type PlanSummary } from './plan-summary.js';
import type { SafetyViolation } from './safety-guards.js';

/** 2: apply re-plans from the files and compares (issue 12); `targets` records `--target`. */
export const PLAN_FORMAT_VERSION = 2;

/**
 * A plan as `plan --out` writes it and `apply PLAN.json` reads it: the changes in order, the
 * target and files they are for, and fingerprints of every live object the changes touch.
 *
 * A saved plan is a commitment, not a program (DESIGN §1 principle 5): whoever wrote the file
 * may have edited it, so apply never executes its operations. It re-plans from the same files
 * (same hash) against fresh live state and applies only when that plan is exactly this one
 * (see plan-commitment.ts); the fingerprints make a plan stale when a touched object changed.
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
  /** The `--target` addresses the plan was made with; apply re-plans with the same ones. */
  targets: string[];
  /** What to read live again at apply time (provider-specific). */
  scope: unknown;
  changes: Change[];
  fingerprints: Record<string, string>;
  /**
   * Every problem and warning, located in the files where it concerns them: what keeps the file
   * from being applied (objects that do not exist, the reasons of blocked changes that concern
   * a line of the file) and what a reviewer should see (look-alike names). Recomputed at apply,
   * never read from the file.
   */
  issues: PlanIssue[];
  /** The errors of `issues` other than blocked changes' reasons, each as the one line it prints as (`issueLine`). */
  problems: string[];
  /** The warnings of `issues`, each as its line. */
  warnings: string[];
  violations: SafetyViolation[];
  summary: PlanSummary;
  /**
   * Changes `ignore:` leaves alone (at or below the targets, with `--target`): never applied,
   * not part of the commitment; shown, and recomputed at apply like the warnings.
   */
  ignored: IgnoredChange[];
  /** With `--target`: which, and how many of the plan's changes are shown (Terraform warns the same). */
  targeting?: Targeting;
}

/** `targeting` of a plan: `shown` of `total` changes (after `ignore:`) are in it, by `targets`. */
export interface Targeting {
  targets: string[];
  shown: number;
  total: number;
}

export interface PlanParts {
  toolVersion: string;
  provider: string;
  target: { description: string; identity: Record<string, string> };
  files: string[];
  filesHash: string;
  targets: string[];
  scope: unknown;
  changes: Change[];
  allFingerprints: Record<string, string>;
  issues?: PlanIssue[];
  violations: SafetyViolation[];
  ignored?: IgnoredChange[];
  /** How many changes there were before `--target` selected `changes` (after `ignore:`). */
  untargetedCount?: number;
  now: Date;
}

export function buildSavedPlan(parts: PlanParts): SavedPlan {
  const touched = new Set(parts.changes.flatMap((change) => change.touches));
  const fingerprints: Record<string, string> = Object.fromEntries(
    Object.entries(parts.allFingerprints).filter(([key]) => touched.has(key)).sort(([a], [b]) => a.localeCompare(b)),
  );
  // A touched key with no fingerprint was absent when planned; record that, so its appearance
  // makes the plan stale. `hasOwn`: keys come from names, and `constructor` is one.
  for (const key of touched) if (!Object.hasOwn(fingerprints, key)) fingerprints[key] = 'absent';
  const issues = parts.issues ?? [];
  return {
    format_version: PLAN_FORMAT_VERSION,
    accessctl_version: parts.toolVersion,
    provider: parts.provider,
    target: parts.target,
    created_at: parts.now.toISOString(),
    files: parts.files,
    files_hash: parts.filesHash,
    targets: parts.targets,
    scope: parts.scope,
    changes: parts.changes,
    fingerprints,
    issues,
    problems: issues.filter((issue) => issue.severity === 'error' && issue.address === undefined).map(issueLine),
    warnings: issues.filter((issue) => issue.severity === 'warning').map(issueLine),
    violations: parts.violations,
    summary: summarizeChanges(parts.changes),
    ignored: parts.ignored ?? [],
    ...(parts.targets.length > 0
      ? { targeting: { targets: parts.targets, shown: parts.changes.length, total: parts.untargetedCount ?? parts.changes.length } }
      : {}),
  };
}

export class PlanFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: not a usable accessctl plan: ${reason}`);
    this.name = 'PlanFileError';
  }
}

/**
 * Reads a saved plan and checks the shape of everything apply reads from it, so that a
 * hand-edited or truncated plan is refused with a reason, never a TypeError later. Fields
 * apply does not read (issues, problems, violations, summary, scope) are recomputed, never trusted.
 */
export function parseSavedPlan(text: string, file: string): SavedPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error: the file may not be a plan at all
    // (a link to a secret), so nothing of it is shown.
    throw new PlanFileError(file, 'not valid JSON');
  }
  if (!isRecord(value)) throw new PlanFileError(file, 'expected a JSON object');
  const plan = value;
  if (plan.format_version !== PLAN_FORMAT_VERSION) {
    throw new PlanFileError(file, `format_version ${shown(plan.format_version)} is not ${PLAN_FORMAT_VERSION}; make the plan again with this version of accessctl`);
  }
  const problem =
    (typeof plan.accessctl_version !== 'string' && 'accessctl_version must be a string') ||
    (typeof plan.provider !== 'string' && 'provider must be a string') ||
    (!isRecord(plan.target) && 'target must be an object') ||
    (isRecord(plan.target) && typeof plan.target.description !== 'string' && 'target.description must be a string') ||
    (isRecord(plan.target) && !isStringRecord(plan.target.identity) && 'target.identity must map names to strings') ||
    (!isStringList(plan.files) && 'files must be a list of paths') ||
    (Array.isArray(plan.files) && plan.files.length === 0 && 'files must name at least one file') ||
    (!(typeof plan.files_hash === 'string' && /^[0-9a-f]{64}$/.test(plan.files_hash)) && 'files_hash must be a sha256 in hex') ||
    (!isStringList(plan.targets) && 'targets must be a list of addresses') ||
    (!Array.isArray(plan.changes) && 'changes must be a list') ||
    (Array.isArray(plan.changes) && plan.changes.some((change) => !isChangeShape(change)) && 'every change needs a string id and address and lists dependsOn and touches') ||
    (!isStringRecord(plan.fingerprints) && 'fingerprints must map keys to strings');
  if (problem) throw new PlanFileError(file, problem);
  return plan as unknown as SavedPlan;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isChangeShape(value: unknown): boolean {
  return isRecord(value) && typeof value.id === 'string' && typeof value.address === 'string' && isStringList(value.dependsOn) && isStringList(value.touches);
}

function shown(value: unknown): string {
  return (JSON.stringify(value) ?? String(value)).slice(0, 40);
}

/** Keys whose live fingerprint differs from the one the plan was made against. */
export function staleKeys(plan: Pick<SavedPlan, 'fingerprints'>, current: Record<string, string>): string[] {
  return Object.entries(plan.fingerprints)
    .filter(([key, recorded]) => (Object.hasOwn(current, key) ? current[key] : 'absent') !== recorded)
    .map(([key]) => key);
}
