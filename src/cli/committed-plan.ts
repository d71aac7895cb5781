import { InputFileError, readInputFile } from '../config/read-input-file.js';
import { comparePlans, isExactMatch, type PlanMismatch } from '../core/plan-commitment.js';
import { parseSavedPlan, PlanFileError, type SavedPlan } from '../core/saved-plan.js';
import { printable } from '../http/errors.js';
import type { CliIO } from './io.js';
import type { ConnectionFlags } from './options.js';
import { hashFiles, planFilesProblem } from './files-hash.js';
import { prepareSession, ReportedError, type RunOptions, type Session } from './reconcile-session.js';
import { toolVersion } from './tool-version.js';

/** What `apply PLAN.json` takes from the command line: connection settings, never files or targets. */
export type CommittedRunFlags = ConnectionFlags;

/** Largest plan file read: a plan of every change the largest org allows is a few MiB. */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/**
 * A saved plan is a commitment, not a program (DESIGN §1 principle 5): its operations are never
 * executed. The files it names (inside the working directory, unchanged since: same hash) are
 * loaded again, the target is named by the environment and flags, live state is read afresh,
 * and the fresh plan is applied only when it is exactly the saved one — same changes, same
 * target (checked before any request), no touched object changed since. Safety rules and problems are those of the fresh plan.
 */
export async function loadCommittedPlan(io: CliIO, file: string, flags: CommittedRunFlags): Promise<{ session: Session; options: RunOptions }> {
  const saved = await readSavedPlan(io, file);
  const refuse = (reason: string, tag: string): never => {
    io.stderr(`error: refusing to apply ${file}: ${reason}\n`);
    throw new ReportedError(tag);
  };
  if (saved.accessctl_version !== toolVersion()) {
    refuse(`it was made by accessctl ${printable(saved.accessctl_version, 40)}, this is ${toolVersion()}; run accessctl plan again`, 'other version');
  }
  const outside = planFilesProblem(io.cwd, saved.files);
  if (outside) refuse(outside, 'files outside');
  // The hash is checked before any file is parsed: a file named by the plan is read as bytes
  // (a regular file within the size limit) and parsed only if it is the file the plan was made from.
  let hash: string;
  try {
    hash = await hashFiles(io.cwd, saved.files);
  } catch (error) {
    return refuse(`cannot read the desired-state files it names: ${printable((error as Error).message, 200)}`, 'files unreadable');
  }
  if (hash !== saved.files_hash) refuse(`the desired-state files changed since it was made (${saved.files.map((f) => printable(f, 80)).join(', ')}); run accessctl plan again`, 'files changed');

  const options: RunOptions = { ...flags, files: saved.files, targets: saved.targets };
  const session = await prepareSession(io, { ...options, committedTo: saved });
  const mismatch = comparePlans(saved, session.plan, session.reconciler.fingerprints(session.live));
  if (!isExactMatch(mismatch)) {
    await session.close();
    const [first, ...rest] = mismatchLines(mismatch);
    io.stderr(`error: refusing to apply ${file}: ${first}\n${rest.map((line) => `  ${line}\n`).join('')}`);
    throw new ReportedError('plan differs');
  }
  return { session, options };
}

async function readSavedPlan(io: CliIO, file: string): Promise<SavedPlan> {
  try {
    // The loader's rules for files (read-input-file.ts): a plan file is written by whoever could edit it.
    const bytes = await readInputFile(file, { cwd: io.cwd, maxBytes: MAX_PLAN_BYTES });
    return parseSavedPlan(bytes.toString('utf8'), file);
  } catch (error) {
    const message = error instanceof PlanFileError || error instanceof InputFileError ? error.message : `${file}: cannot read`;
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
