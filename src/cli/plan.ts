import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import type { SavedPlan } from '../core/saved-plan.js';
import { escapeControl } from '../render/escape-text.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { wantsColor } from '../render/color.js';
import { renderPlanText } from '../render/plan-text.js';
import { annotateIssues } from './annotate-issues.js';
import type { CliIO } from './io.js';
import { deadlineOption, fileOption, filesOrDefault, maxReadOption, maxRequestsOption, parallelismOption, rateLimitOption, showIgnoredOption, simulateOption, targetOption, timeoutOption, urlOption, type ColorFlag, type ConnectionFlags } from './options.js';
import { applyBlockers, prepareSession, ReportedError } from './reconcile-session.js';
import { writeOutputOrReport } from './write-output.js';
import { renderJson } from '../render/render-json.js';

interface PlanFlags extends ConnectionFlags, ColorFlag {
  file?: string[];
  out?: string;
  format: 'text' | 'json' | 'markdown';
  detailedExitcode?: boolean;
  target?: string[];
  simulate?: string;
  showIgnored?: boolean;
}

/**
 * Why `--out` wrote nothing, in one line. A file already at that path is left alone (it may be
 * the reviewed plan of an earlier run), and the line says it is not this plan.
 */
async function notSaved(io: CliIO, out: string, plan: SavedPlan): Promise<string> {
  const blocked = plan.changes.filter((change) => change.blocked).length;
  const reasons = [
    ...(plan.problems.length ? [`${plan.problems.length} problem${plan.problems.length === 1 ? '' : 's'} in the plan`] : []),
    ...(blocked ? [`${blocked} change${blocked === 1 ? ' is' : 's are'} blocked`] : []),
    ...plan.violations.map((violation) => `safety.${violation.rule}: ${violation.message}`),
  ];
  const existing = (await pathExists(path.resolve(io.cwd, out))) ? `; the ${out} already there was left as it was and is not this plan` : '';
  return escapeControl(`error: did not save the plan to ${out}: apply would refuse it (${reasons.join('; ')})${existing}`);
}

async function pathExists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * `accessctl plan`: reads live state and prints the ordered changes; never writes to the
 * target. Exit codes as Terraform's: 0 no changes (or changes without
 * --detailed-exitcode), 2 changes with --detailed-exitcode, 1 error — including a plan that
 * could not be applied (a blocked change, a safety rule, a missing object).
 */
export function planCommand(io: CliIO): Command {
  return new Command('plan')
    .description('show what apply would change (reads live state; never writes)')
    .addOption(fileOption())
    .option('--out <plan.json>', 'also save the plan for `accessctl apply PLAN.json`')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when there are none')
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
    .action(async (flags: PlanFlags) => {
      try {
        const session = await prepareSession(io, {
          files: filesOrDefault(flags.file),
          parallelism: flags.parallelism,
          rateLimit: flags.rateLimit,
          timeout: flags.timeout,
          maxReadMib: flags.maxReadMib,
          maxRequests: flags.maxRequests,
          deadline: flags.deadline,
          targets: flags.target ?? [],
          simulate: flags.simulate,
          url: flags.url,
        });
        const { plan } = session;
        await session.close();
        annotateIssues(io, plan.issues);
        const refused = applyBlockers(plan).length > 0;
        // A plan apply would refuse is not saved: a file that says "apply me" must be one apply takes.
        if (flags.out && !refused) await writeOutputOrReport(io, flags.out, renderJson(plan));
        if (flags.format === 'json') io.stdout(renderJson(plan));
        else if (flags.format === 'markdown') io.stdout(renderPlanMarkdown(plan, { showIgnored: flags.showIgnored }));
        else io.stdout(renderPlanText(plan, { color: wantsColor(io.stdoutIsTTY, io.env, flags.color), showIgnored: flags.showIgnored }));
        if (flags.out && refused) io.stderr(`${await notSaved(io, flags.out, plan)}\n`);
        else if (flags.out) io.stderr(`Saved the plan to ${flags.out}; apply it with: accessctl apply ${flags.out}\n`);
        if (refused) io.setExitCode(1);
        else io.setExitCode(flags.detailedExitcode && plan.changes.length > 0 ? 2 : 0);
      } catch (error) {
        if (!(error instanceof ReportedError)) throw error;
        io.setExitCode(1);
      }
    });
}
