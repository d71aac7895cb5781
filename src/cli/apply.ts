import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import type { Change } from '../core/change.js';
import { executeGraph } from '../core/execute-graph.js';
import { parseSavedPlan, staleKeys, type SavedPlan } from '../core/saved-plan.js';
import { providers } from '../providers/registry.js';
import type { Reconciler, Target } from '../providers/types.js';
import { escapeControl } from '../render/escape-text.js';
import { renderPlanText, wantsColor } from '../render/plan-text.js';
import { changeSymbol } from '../render/plan-view.js';
import type { CliIO } from './io.js';
import { fileOption, filesOrDefault, parallelismOption, rateLimitOption, timeoutOption, simulateOption, targetOption } from './options.js';
import {
  applyBlockers,
  connectOrReport,
  prepareSession,
  readLiveOrReport,
  ReportedError,
  settingsOf,
} from './reconcile-session.js';

interface ApplyFlags {
  file?: string[];
  autoApprove?: boolean;
  target?: string[];
  parallelism: number;
  rateLimit?: string;
  timeout?: number;
  simulate?: string;
}

/**
 * `accessctl apply [-f PATH | PLAN.json]`: plans afresh (or loads a saved plan and checks it
 * is not stale), shows the plan, asks for `yes` unless --auto-approve (and refuses without a
 * terminal), then applies it as a dependency graph. Failures are collected, not fatal:
 * independent changes still finish; dependents of a failed change are skipped.
 */
export function applyCommand(io: CliIO): Command {
  return new Command('apply')
    .description('make live state match the desired state (asks first unless --auto-approve)')
    .argument('[plan]', 'a plan saved by `accessctl plan --out`')
    .addOption(fileOption())
    .option('--auto-approve', 'apply without asking')
    .addOption(targetOption())
    .addOption(parallelismOption())
    .addOption(rateLimitOption())
    .addOption(timeoutOption())
    .addOption(simulateOption())
    .action(async (planFile: string | undefined, flags: ApplyFlags) => {
      try {
        const { plan, reconciler, target, close } = planFile
          ? await loadFreshSavedPlan(io, planFile, flags)
          : await prepareSession(io, {
              files: filesOrDefault(flags.file),
              parallelism: flags.parallelism,
              rateLimit: flags.rateLimit,
              timeout: flags.timeout,
              targets: flags.target ?? [],
              simulate: flags.simulate,
            });
        try {
          io.setExitCode(await confirmAndApply(io, plan, reconciler, target, flags));
        } finally {
          await close();
        }
      } catch (error) {
        if (!(error instanceof ReportedError)) throw error;
        io.setExitCode(1);
      }
    });
}

async function confirmAndApply(
  io: CliIO,
  plan: SavedPlan,
  reconciler: Reconciler<unknown, unknown, unknown>,
  target: Target,
  flags: ApplyFlags,
): Promise<number> {
  io.stdout(renderPlanText(plan, { color: wantsColor(io.stdoutIsTTY, io.env) }));
  const blockers = applyBlockers(plan);
  if (blockers.length > 0) {
    io.stderr(`error: refusing to apply:\n${blockers.map((b) => `  - ${escapeControl(b)}\n`).join('')}`);
    return 1;
  }
  if (plan.changes.length === 0) return 0;
  if (!flags.autoApprove) {
    if (!io.stdinIsTTY) {
      io.stderr('error: refusing to apply without confirmation: no terminal to ask on. Pass --auto-approve to apply unattended.\n');
      return 1;
    }
    const answer = await io.readLine(`\nApply these ${plan.changes.length} changes to ${plan.target.description}? Only 'yes' will be accepted: `);
    if (answer.trim() !== 'yes') {
      io.stderr('Apply cancelled.\n');
      return 1;
    }
  }
  return executePlan(io, plan, reconciler, target, flags.parallelism);
}

async function executePlan(
  io: CliIO,
  plan: SavedPlan,
  reconciler: Reconciler<unknown, unknown, unknown>,
  target: Target,
  parallelism: number,
): Promise<number> {
  const apply = reconciler.createApplySession(target);
  const byId = new Map<string, Change>(plan.changes.map((change) => [change.id, change]));
  const line = (change: Change) => `${changeSymbol(change)} ${escapeControl(change.summary)}`;
  const outcome = await executeGraph(plan.changes, (change) => apply(change), {
    concurrency: parallelism,
    onSettled: (id, result) => {
      const change = byId.get(id)!;
      if (result === 'done') io.stdout(`done: ${line(change)}\n`);
    },
  });
  for (const failure of outcome.failed) {
    io.stderr(`failed: ${line(byId.get(failure.id)!)}\n  ${escapeControl((failure.error as Error).message ?? String(failure.error))}\n`);
  }
  for (const skip of outcome.skipped) {
    io.stderr(`skipped: ${line(byId.get(skip.id)!)} (depends on a failed change: ${escapeControl(byId.get(skip.because)?.summary ?? skip.because)})\n`);
  }
  io.stdout(
    `\nApply ${outcome.failed.length ? 'incomplete' : 'complete'}: ${outcome.done.length} done, ${outcome.failed.length} failed, ${outcome.skipped.length} skipped.\n`,
  );
  if (outcome.failed.length) io.stdout('Run `accessctl plan` to see what is left; apply again to finish it.\n');
  return outcome.failed.length || outcome.skipped.length ? 1 : 0;
}

/**
 * A saved plan is applied only to the target it was made for and only while every live
 * object it touches is as it was when planned (DESIGN §1: stale plans are refused).
 */
async function loadFreshSavedPlan(
  io: CliIO,
  file: string,
  flags: ApplyFlags,
): Promise<{ plan: SavedPlan; reconciler: Reconciler<unknown, unknown, unknown>; target: Target; close: () => Promise<void> }> {
  let plan: SavedPlan;
  try {
    plan = parseSavedPlan(await readFile(path.resolve(io.cwd, file), 'utf8'), file);
  } catch (error) {
    io.stderr(`error: ${escapeControl((error as Error).message)}\n`);
    throw new ReportedError('bad plan file');
  }
  if (flags.file?.length || flags.target?.length || flags.simulate) {
    io.stderr('error: a saved plan is applied as it was saved; -f, --target and --simulate belong to `accessctl plan`\n');
    throw new ReportedError('flags with a plan file');
  }
  const reconciler = providers[plan.provider]?.reconciler as Reconciler<unknown, unknown, unknown> | undefined;
  if (!reconciler) {
    io.stderr(`error: ${file}: provider "${escapeControl(plan.provider)}" cannot be applied by this version of accessctl\n`);
    throw new ReportedError('no reconciler');
  }
  const elsewhere = Object.entries(reconciler.identityFromEnv?.(io.env) ?? {}).filter(([key, value]) => plan.target.identity[key] !== value);
  if (elsewhere.length > 0) {
    const [key, value] = elsewhere[0]!;
    io.stderr(
      `error: ${file} was made for ${escapeControl(plan.target.description)}, but the environment points at ${key} ${value}; refusing to apply it to another target\n`,
    );
    throw new ReportedError('other target');
  }
  const target = connectOrReport(io, () => reconciler.connect(plan.target.identity, settingsOf(io, flags)));
  const live = await readLiveOrReport(io, reconciler, target, plan.scope);
  const stale = staleKeys(plan, reconciler.fingerprints(live));
  if (stale.length > 0) {
    await target.client.close();
    io.stderr(
      `error: ${file} is stale: ${stale.length} live object${stale.length === 1 ? ' has' : 's have'} changed since it was planned (${escapeControl(stale.slice(0, 5).join(', '))}${stale.length > 5 ? ', …' : ''}). Run accessctl plan again.\n`,
    );
    throw new ReportedError('stale plan');
  }
  return { plan, reconciler, target, close: () => target.client.close() };
}
