import { formatIssue } from '../config/config-issue.js';
import { annotateIssues } from './annotate-issues.js';
import { defaultFileHint } from './default-file-hint.js';
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import type { SafetySpec } from '../config/safety-spec.js';
import { createSchemaValidator } from '../config/schema-validator.js';
import { checkSafety } from '../core/safety-guards.js';
import { targetMismatch } from '../core/plan-commitment.js';
import type { Change } from '../core/change.js';
import type { PlanIssue } from '../core/plan-issue.js';
import type { PlanProblem } from '../core/plan-problem.js';
import { formatPath } from '../config/document-path.js';
import { buildSavedPlan, type SavedPlan } from '../core/saved-plan.js';
import { isAtOrBelow, selectTargets } from '../core/select-targets.js';
import { leaveIgnoredAlone } from '../core/leave-ignored.js';
import { ignoreRulesOf, reportUnmatchedTargets, warnUnmatchedIgnores } from './plan-checks.js';
import { documentRulesByProvider, providers } from '../providers/registry.js';
import type { ProviderPlan, Reconciler, Target } from '../providers/types.js';
import { printable } from '../http/errors.js';
import { escapeControl } from '../render/escape-text.js';
import type { CliIO } from './io.js';
import { openTarget } from './open-target.js';
import { progressLine } from './progress.js';
import { ReportedError } from './reported-error.js';
import type { ConnectionFlags } from './options.js';
import { toolVersion } from './tool-version.js';
import { digestFiles } from './files-hash.js';
import { failureMessage } from './failure-message.js';
import type { FileDigest } from '../core/report-evidence.js';

export interface RunOptions extends ConnectionFlags {
  files: string[];
  /** `--simulate FILE`: run against the provider's simulator seeded from FILE instead of the real API. */
  simulate?: string;
  targets: string[];
  /** `apply PLAN.json`: the saved plan whose provider and target this run must have, checked before any request. */
  committedTo?: SavedPlan;
}

/** Everything plan and apply share: the loaded file, the connected target, the fresh plan. */
export interface Session {
  config: LoadedConfig;
  reconciler: Reconciler<unknown, unknown, unknown>;
  target: Target;
  plan: SavedPlan;
  /** Every change the planner found, before `ignore:` and `--target` (drift reports them all). */
  allChanges: Change[];
  /** The live state the plan was made against. */
  live: unknown;
  /** Each desired-state file's sha256, from the same read as the plan's `files_hash`. */
  fileDigests: FileDigest[];
  /** Closes the client (and the simulator, with --simulate). */
  close: () => Promise<void>;
}

// Re-exported: the commands import it from here, with the session they report for.
export { ReportedError };

/**
 * Loads the desired state, connects, reads live state and plans (DESIGN §1: every plan
 * starts from a fresh read). Problems are printed as they are found; a failed read stops
 * here, before any planning.
 */
/**
 * Loads and checks the desired-state files, printing every issue (file:line:col) to stderr;
 * the config and its provider's reconciler (undefined when this version has none), or a
 * ReportedError when the files are invalid.
 */
export async function loadConfigOrReport(
  io: CliIO,
  files: string[],
): Promise<{ config: LoadedConfig; reconciler: Reconciler<unknown, unknown, unknown> | undefined }> {
  const hint = await defaultFileHint(io.cwd, files);
  if (hint) {
    io.stderr(`${hint}\n`);
    throw new ReportedError('no desired-state file');
  }
  const loaded = await loadConfig(files, { cwd: io.cwd, validator: createSchemaValidator(), rules: documentRulesByProvider() });
  for (const issue of loaded.issues) io.stderr(`${formatIssue(issue)}\n`);
  annotateIssues(io, loaded.issues);
  const config = loaded.config;
  if (!config) throw new ReportedError('invalid desired state');
  return { config, reconciler: providers[config.provider]?.reconciler as Reconciler<unknown, unknown, unknown> | undefined };
}

export async function prepareSession(io: CliIO, options: RunOptions, now = new Date()): Promise<Session> {
  const { config, reconciler } = await loadConfigOrReport(io, options.files);
  if (!reconciler) {
    io.stderr(`error: planning for provider "${config.provider}" is not available yet in this version of accessctl\n`);
    throw new ReportedError('no reconciler');
  }
  const scope = reconciler.refreshScope(config.document);
  const opened = await openTarget(io, reconciler, config.document, {
    flags: options,
    config,
    check: options.committedTo ? (target) => checkCommittedTarget(io, options.committedTo!, config.provider, target) : undefined,
  });
  const { target, close } = opened;
  let live: unknown;
  try {
    live = await readLiveOrReport(io, reconciler, target, scope, config);
  } catch (error) {
    await close();
    throw error;
  }
  const planned = reconciler.plan(config.document, live);
  const rules = ignoreRulesOf(config.document);
  // Only targets and ignore rules need every known address; a large org holds some 100,000.
  const known = options.targets.length > 0 || rules.length > 0 ? (reconciler.knownAddresses?.(config.document, live) ?? []) : [];
  warnUnmatchedIgnores(io, config, rules, planned.changes, known);
  if (reportUnmatchedTargets(io, options.targets, planned.changes, known)) {
    await close();
    throw new ReportedError('unmatched target');
  }
  // Ignored addresses are never changed: those changes (and what needs them) leave the plan, listed.
  const { kept, ignored } = leaveIgnoredAlone(planned.changes, rules);
  const changes = selectTargets(kept, options.targets);
  const inTargets = (address: string) => options.targets.length === 0 || options.targets.some((target) => isAtOrBelow(address, target));
  const shownIgnored = ignored.filter((entry) => inTargets(entry.address)).map(({ change: _change, ...entry }) => entry);
  const safety = (config.document as { safety?: SafetySpec }).safety;
  const digest = await digestFiles(io.cwd, config.files);
  return {
    config,
    reconciler,
    target,
    close,
    live,
    allChanges: planned.changes,
    fileDigests: digest.each,
    plan: buildSavedPlan({
      toolVersion: toolVersion(),
      provider: config.provider,
      target: { description: target.description, identity: target.identity },
      files: config.files,
      filesHash: digest.combined,
      targets: options.targets,
      scope,
      changes,
      allFingerprints: reconciler.fingerprints(live),
      issues: planIssues(config, planned, changes),
      violations: checkSafety(changes, safety, planned.liveCounts),
      ignored: shownIgnored,
      untargetedCount: kept.length,
      now,
    }),
  };
}

/**
 * The plan's problems, the reasons of the shown blocked changes that concern the file, and its
 * warnings, each at its file, line and column as `validate` names them (one form for both).
 */
function planIssues(config: LoadedConfig, planned: ProviderPlan, changes: readonly Change[]): PlanIssue[] {
  const located = (severity: PlanIssue['severity'], problem: PlanProblem, address?: string): PlanIssue => ({
    severity,
    message: problem.message,
    ...(problem.path ? { ...config.locate(problem.path, problem.at), path: formatPath(problem.path) } : {}),
    ...(address !== undefined ? { address } : {}),
  });
  return [
    ...planned.problems.map((problem) => located('error', problem)),
    ...changes.flatMap((change) => (change.blocked ? (change.blockedAt ?? []).map((reason) => located('error', reason, change.address)) : [])),
    ...(planned.warnings ?? []).map((warning) => located('warning', warning)),
  ];
}

export async function readLiveOrReport(
  io: CliIO,
  reconciler: Reconciler<unknown, unknown, unknown>,
  target: Target,
  scope: unknown,
  /** The loaded file, when there is one: a refusal's hint points at the line that chose the target. */
  config?: LoadedConfig,
): Promise<unknown> {
  const progress = progressLine(io, `reading ${target.description}`);
  try {
    return await reconciler.readLive(target, scope, progress.update);
  } catch (error) {
    progress.end();
    await target.client.close();
    // The client's errors name method, origin, path, status and the server's message, already redacted.
    io.stderr(`error: reading live state failed; nothing was planned or changed.\n  ${escapeControl(failureMessage(error, reconciler, target.identity, config?.locate))}\n`);
    throw new ReportedError('refresh failed');
  } finally {
    progress.end();
  }
}

/** A saved plan goes only to the provider and target it was made for; refused before any request. */
function checkCommittedTarget(io: CliIO, saved: SavedPlan, provider: string, target: Target): void {
  const problems = targetMismatch(saved, { provider, target: { description: target.description, identity: target.identity } });
  if (problems.length === 0) return;
  void target.client.close();
  io.stderr(`error: refusing to apply the saved plan: it was made for another target: ${problems.map((p) => printable(p, 300)).join('; ')}\n`);
  throw new ReportedError('other target');
}

/** Why a plan may not be applied, as lines for stderr; empty when it may. */
export function applyBlockers(plan: SavedPlan): string[] {
  const blocked = plan.changes.filter((change) => change.blocked).length;
  return [
    ...plan.problems,
    ...plan.violations.map((violation) => `safety.${violation.rule}: ${violation.message}`),
    ...(blocked ? [`${blocked} change${blocked === 1 ? ' is' : 's are'} blocked (see the plan)`] : []),
  ];
}
