import { Command } from 'commander';
import { approvedRemainder } from '../core/approved-remainder.js';
import type { SavedPlan } from '../core/saved-plan.js';
import { escapeControl } from '../render/escape-text.js';
import { wantsColor } from '../render/color.js';
import { renderPlanText } from '../render/plan-text.js';
import { loadCommittedPlan } from './committed-plan.js';
import { executeChanges, type ExecutionOutcome } from './execute-plan.js';
import { annotateIssues } from './annotate-issues.js';
import type { CliIO } from './io.js';
import { deadlineOption, fileOption, filesOrDefault, maxReadOption, maxRequestsOption, parallelismOption, rateLimitOption, showIgnoredOption, simulateOption, targetOption, timeoutOption, urlOption, type ColorFlag, type ConnectionFlags } from './options.js';
import { applyBlockers, prepareSession, ReportedError, type RunOptions, type Session } from './reconcile-session.js';

interface ApplyFlags extends ConnectionFlags, ColorFlag {
  file?: string[];
  autoApprove?: boolean;
  target?: string[];
  simulate?: string;
  showIgnored?: boolean;
}

/**
 * `accessctl apply [-f PATH | PLAN.json]`: plans afresh (or checks a saved plan against a fresh
 * one), shows the plan, asks for `yes` unless --auto-approve (and refuses without a terminal),
 * then applies it as a dependency graph. Failures are collected, not fatal: independent changes
 * still finish; dependents of a failed change are skipped. When every failure was a conflict
 * with another writer, live state is read once more and the rest of the approved plan finished.
 */
export function applyCommand(io: CliIO): Command {
  return new Command('apply')
    .description('make live state match the desired state (asks first unless --auto-approve)')
    .argument('[plan]', 'a plan saved by `accessctl plan --out`')
    .addOption(fileOption())
    .option('--auto-approve', 'apply without asking')
    .addOption(targetOption())
    .addOption(showIgnoredOption())
    .addOption(parallelismOption())
    .addOption(rateLimitOption('file'))
    .addOption(timeoutOption())
    .addOption(urlOption())
    .addOption(maxReadOption())
    .addOption(maxRequestsOption())
    .addOption(deadlineOption())
    .addOption(simulateOption())
    .action(async (planFile: string | undefined, flags: ApplyFlags) => {
      try {
        const { parallelism, rateLimit, timeout, maxReadMib, maxRequests, deadline, url } = flags;
        const settings = { parallelism, rateLimit, timeout, maxReadMib, maxRequests, deadline, url };
        if (planFile && (flags.file?.length || flags.target?.length || flags.simulate)) {
          io.stderr('error: a saved plan is applied as it was saved; -f, --target and --simulate belong to `accessctl plan`\n');
          throw new ReportedError('flags with a plan file');
        }
        const { session, options } = planFile
          ? await loadCommittedPlan(io, planFile, settings)
          : await openSession(io, { ...settings, files: filesOrDefault(flags.file), targets: flags.target ?? [], simulate: flags.simulate });
        // An in-process simulator has no other writer; elsewhere a second read can finish after a race.
        const replan = options.simulate ? undefined : () => prepareSession(io, options);
        try {
          io.setExitCode(await confirmAndApply(io, session, flags, replan));
        } finally {
          await session.close();
        }
      } catch (error) {
        if (!(error instanceof ReportedError)) throw error;
        io.setExitCode(1);
      }
    });
}

async function openSession(io: CliIO, options: RunOptions): Promise<{ session: Session; options: RunOptions }> {
  return { session: await prepareSession(io, options), options };
}

async function confirmAndApply(io: CliIO, session: Session, flags: ApplyFlags, replan: (() => Promise<Session>) | undefined): Promise<number> {
  const { plan, reconciler, target } = session;
  io.stdout(renderPlanText(plan, { color: wantsColor(io.stdoutIsTTY, io.env, flags.color), showIgnored: flags.showIgnored }));
  annotateIssues(io, plan.issues);
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
    const count = plan.changes.length === 1 ? 'this change' : `these ${plan.changes.length} changes`;
    const answer = await io.readLine(`\nApply ${count} to ${plan.target.description}? Only 'yes' will be accepted: `);
    if (answer.trim() !== 'yes') {
      io.stderr('Apply cancelled.\n');
      return 1;
    }
  }
  const first = await executeChanges(io, plan.changes, reconciler, target, flags.parallelism);
  if (first.failed === 0 && first.skipped === 0) return finished(io, first, []);
  if (!first.onlyConflicts || !replan) return finished(io, first, []);
  return finishAfterConflicts(io, plan, replan, flags.parallelism, first);
}

/**
 * Another writer raced this apply (Neither API offers a lock): what it created answered 409, what
 * it removed 404. Live state is read once more and the approved plan's remaining changes run
 * (approved-remainder.ts: only changes the operator approved, never new ones). Bounded: once.
 */
async function finishAfterConflicts(io: CliIO, approved: SavedPlan, replan: () => Promise<Session>, parallelism: number, first: ExecutionOutcome): Promise<number> {
  io.stdout(`\n${first.failed} change${first.failed === 1 ? '' : 's'} met a conflict: another writer changed the org meanwhile. Reading live state again to finish the approved plan.\n`);
  let fresh: Session;
  try {
    fresh = await replan();
  } catch (error) {
    if (error instanceof ReportedError) return finished(io, first, []);
    throw error;
  }
  try {
    const blockers = applyBlockers(fresh.plan);
    if (blockers.length > 0) {
      io.stderr(`error: not finishing the apply: a plan made now cannot be applied:\n${blockers.map((b) => `  - ${escapeControl(b)}\n`).join('')}`);
      return finished(io, first, []);
    }
    const { run, unapproved } = approvedRemainder(approved.changes, fresh.plan.changes);
    const second = run.length > 0 ? await executeChanges(io, run, fresh.reconciler, fresh.target, parallelism) : { done: 0, failed: 0, skipped: 0, onlyConflicts: false };
    return finished(io, { done: first.done + second.done, failed: second.failed, skipped: second.skipped, onlyConflicts: second.onlyConflicts }, unapproved);
  } finally {
    await fresh.close();
  }
}

/** The closing lines and the exit code: 0 when everything approved is done. */
function finished(io: CliIO, outcome: ExecutionOutcome, unapproved: string[]): number {
  const incomplete = outcome.failed > 0 || outcome.skipped > 0 || unapproved.length > 0;
  if (unapproved.length > 0) {
    const shown = unapproved.slice(0, 5).map((address) => escapeControl(address)).join(', ');
    io.stderr(`not applied: ${unapproved.length} change${unapproved.length === 1 ? '' : 's'} that live state now needs ${unapproved.length === 1 ? 'was' : 'were'} not in the approved plan (${shown}${unapproved.length > 5 ? ', …' : ''})\n`);
  }
  io.stdout(`\nApply ${incomplete ? 'incomplete' : 'complete'}: ${outcome.done} done, ${outcome.failed} failed, ${outcome.skipped} skipped.\n`);
  if (incomplete) io.stdout('Run `accessctl plan` to see what is left; apply again to finish it.\n');
  return incomplete ? 1 : 0;
}
