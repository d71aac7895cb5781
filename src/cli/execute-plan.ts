import type { Change } from '../core/change.js';
import { executeGraph } from '../core/execute-graph.js';
import { HttpError } from '../http/errors.js';
import type { Reconciler, Target } from '../providers/types.js';
import { escapeControl } from '../render/escape-text.js';
import { changeSymbol } from '../render/plan-view.js';
import type { CliIO } from './io.js';

export interface ExecutionOutcome {
  done: number;
  failed: number;
  skipped: number;
  /** Every failure was a conflict with another writer (409, 404): worth reading live state again. */
  onlyConflicts: boolean;
}

/**
 * Runs changes as a dependency graph, printing each one done, failed (with the error: method,
 * path, status, the server's message) or skipped (with the failed change it waited for).
 */
export async function executeChanges(
  io: CliIO,
  changes: readonly Change[],
  reconciler: Reconciler<unknown, unknown, unknown>,
  target: Target,
  parallelism: number,
): Promise<ExecutionOutcome> {
  const apply = reconciler.createApplySession(target);
  const byId = new Map<string, Change>(changes.map((change) => [change.id, change]));
  const line = (change: Change) => `${changeSymbol(change)} ${escapeControl(change.summary)}`;
  const outcome = await executeGraph([...changes], (change) => apply(change), {
    concurrency: parallelism,
    onSettled: (id, result) => {
      if (result === 'done') io.stdout(`done: ${line(byId.get(id)!)}\n`);
    },
  });
  for (const failure of outcome.failed) {
    io.stderr(`failed: ${line(byId.get(failure.id)!)}\n  ${escapeControl((failure.error as Error).message ?? String(failure.error))}\n`);
  }
  for (const skip of outcome.skipped) {
    io.stderr(`skipped: ${line(byId.get(skip.id)!)} (depends on a failed change: ${escapeControl(byId.get(skip.because)?.summary ?? skip.because)})\n`);
  }
  return {
    done: outcome.done.length,
    failed: outcome.failed.length,
    skipped: outcome.skipped.length,
    onlyConflicts: outcome.failed.length > 0 && outcome.failed.every((failure) => isConflict(failure.error)),
  };
}

/** Another writer got there first: it created what we create (409) or removed what we change (404). */
function isConflict(error: unknown): boolean {
  return error instanceof HttpError && (error.status === 409 || error.status === 404);
}
