import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import type { Change } from '../core/change.js';
import { executeGraph } from '../core/execute-graph.js';
import { comparePlans, isExactMatch, type PlanMismatch } from '../core/plan-commitment.js';
import { parseSavedPlan, PlanFileError, type SavedPlan } from '../core/saved-plan.js';
import { printable } from '../http/errors.js';
import type { Reconciler, Target } from '../providers/types.js';
import { escapeControl } from '../render/escape-text.js';
import { renderPlanText, wantsColor } from '../render/plan-text.js';
import { changeSymbol } from '../render/plan-view.js';
import type { CliIO } from './io.js';
import { deadlineOption, fileOption, filesOrDefault, maxReadOption, parallelismOption, rateLimitOption, simulateOption, targetOption, timeoutOption, urlOption } from './options.js';
import { hashFiles } from './files-hash.js';
import { applyBlockers, prepareSession, ReportedError, type Session } from './reconcile-session.js';
import { toolVersion } from './tool-version.js';

interface ApplyFlags {
  file?: string[];
  autoApprove?: boolean;
  target?: string[];
  parallelism: number;
  rateLimit?: string;
  timeout?: number;
  maxReadMib?: number;
  deadline?: number;
  simulate?: string;
  url?: string;
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
    .addOption(urlOption())
    .addOption(maxReadOption())
    .addOption(deadlineOption())
    .addOption(simulateOption())
    .action(async (planFile: string | undefined, flags: ApplyFlags) => {
      try {
        const { plan, reconciler, target, close } = planFile
          ? await loadCommittedPlan(io, planFile, flags)
          : await prepareSession(io, {
              files: filesOrDefault(flags.file),
              parallelism: flags.parallelism,
              rateLimit: flags.rateLimit,
              timeout: flags.timeout,
              maxReadMib: flags.maxReadMib,
              deadline: flags.deadline,
              targets: flags.target ?? [],
              simulate: flags.simulate,
              url: flags.url,
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

/** Largest plan file read: a plan of every change the largest org allows is a few MiB. */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/**
 * A saved plan is a commitment, not a program (DESIGN §1 principle 5): its operations are never
 * executed. The files it names (inside the working directory, unchanged since: same hash) are
 * loaded again, the target is named by the environment and flags, live state is read afresh,
 * and the fresh plan is applied only when it is exactly the saved one — same changes, same
 * target (checked before any request), no touched object changed since. Safety rules and problems are those of the fresh plan.
 */
async function loadCommittedPlan(io: CliIO, file: string, flags: ApplyFlags): Promise<Session> {
  if (flags.file?.length || flags.target?.length || flags.simulate) {
    io.stderr('error: a saved plan is applied as it was saved; -f, --target and --simulate belong to `accessctl plan`\n');
    throw new ReportedError('flags with a plan file');
  }
  const saved = await readSavedPlan(io, file);
  const refuse = (reason: string, tag: string): never => {
    io.stderr(`error: refusing to apply ${file}: ${reason}\n`);
    throw new ReportedError(tag);
  };
  if (saved.accessctl_version !== toolVersion()) {
    refuse(`it was made by accessctl ${printable(saved.accessctl_version, 40)}, this is ${toolVersion()}; run accessctl plan again`, 'other version');
  }
  // The hash is checked before any file is parsed: a file named by the plan is read as bytes
  // (a regular file within the size limit) and parsed only if it is the file the plan was made from.
  let hash: string;
  try {
    hash = await hashFiles(io.cwd, saved.files);
  } catch (error) {
    return refuse(`cannot read the desired-state files it names: ${printable((error as Error).message, 200)}`, 'files unreadable');
  }
  if (hash !== saved.files_hash) refuse(`the desired-state files changed since it was made (${saved.files.map((f) => printable(f, 80)).join(', ')}); run accessctl plan again`, 'files changed');

  const session = await prepareSession(io, {
    files: saved.files,
    parallelism: flags.parallelism,
    rateLimit: flags.rateLimit,
    timeout: flags.timeout,
    maxReadMib: flags.maxReadMib,
    deadline: flags.deadline,
    targets: saved.targets,
    url: flags.url,
    committedTo: saved,
  });
  const mismatch = comparePlans(saved, session.plan, session.reconciler.fingerprints(session.live));
  if (!isExactMatch(mismatch)) {
    await session.close();
    const [first, ...rest] = mismatchLines(mismatch);
    io.stderr(`error: refusing to apply ${file}: ${first}\n${rest.map((line) => `  ${line}\n`).join('')}`);
    throw new ReportedError('plan differs');
  }
  return session;
}

async function readSavedPlan(io: CliIO, file: string): Promise<SavedPlan> {
  try {
    const absolute = path.resolve(io.cwd, file);
    const info = await stat(absolute);
    if (!info.isFile()) throw new PlanFileError(file, 'not a regular file');
    if (info.size > MAX_PLAN_BYTES) throw new PlanFileError(file, `larger than ${MAX_PLAN_BYTES} bytes`);
    return parseSavedPlan(await readFile(absolute, 'utf8'), file);
  } catch (error) {
    const message = error instanceof PlanFileError ? error.message : `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
    io.stderr(`error: ${printable(message, 300)}\n`);
    throw new ReportedError('bad plan file');
  }
}

/**
 * What differs, as lines for stderr (the first one completes "refusing to apply FILE: "):
 * another target first, then staleness, then the changes; at most a few of each, escaped.
 */
function mismatchLines(mismatch: PlanMismatch): string[] {
  const some = (items: string[], label: string) =>
    items.length === 0 ? [] : [`${label} (${items.length}): ${items.slice(0, 5).map((item) => printable(item, 120)).join(', ')}${items.length > 5 ? ', …' : ''}`];
  const stale = mismatch.stale.length;
  const lines = [
    ...mismatch.target.map((line) => `it was made for another target: ${printable(line, 300)}`),
    ...(stale > 0
      ? [`it is stale: ${stale} live object${stale === 1 ? ' has' : 's have'} changed since it was planned (${mismatch.stale.slice(0, 5).map((key) => printable(key, 80)).join(', ')}${stale > 5 ? ', …' : ''})`]
      : []),
    ...some(mismatch.onlySaved, 'in the saved plan but not in a plan made now'),
    ...some(mismatch.onlyFresh, 'in a plan made now but not in the saved plan'),
    ...some(
      mismatch.differ.map((d) => `${d.address} (${d.fields.join(', ')})`),
      'different in the saved plan',
    ),
  ];
  if (stale === 0 && mismatch.target.length === 0) lines.unshift('it is not what a plan made now from the same files would do');
  return [...lines, 'Run accessctl plan again (the plan was edited, or live state changed since it was made).'];
}
