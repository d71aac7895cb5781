import { ApiError } from './errors.js';
import { randomUuid, type Random } from '../shared/prng.js';
import type { Datasource, OrgState, SyncTask } from './state.js';

/** Seed: "the task status will expire an hour after a job completes." */
export const TASK_TTL_MS = 60 * 60 * 1000;

/** `POST .../schema-sync`: the seed answers 202 with a task id to poll; the sync itself is instant here, its end is `delay` later. */
export function startTask(state: OrgState, datasource: Datasource, now: number, delayMs: number, random: Random): SyncTask {
  const task: SyncTask = {
    id: randomUuid(random),
    datasourceId: datasource.id,
    created_at: now,
    completes_at: now + delayMs,
    success: !datasource.unreachable,
    added_objects: {
      // The seed types these counts as strings.
      num_columns: String(random.int(0, 40)),
      num_tables: String(random.int(0, 8)),
      num_schemas: String(random.int(0, 2)),
      num_foreign_keys: String(random.int(0, 6)),
    },
  };
  state.tasks.set(task.id, task);
  return task;
}

export function isComplete(task: SyncTask, now: number): boolean {
  return now >= task.completes_at;
}

/** Marks the datasource reflected when its sync finishes, and drops tasks an hour after they finished. */
export function settleTasks(state: OrgState, now: number): void {
  for (const [id, task] of state.tasks) {
    if (!isComplete(task, now)) continue;
    const datasource = state.datasources.get(task.datasourceId);
    if (datasource && task.success && (datasource.last_reflected === null || datasource.last_reflected < task.completes_at)) {
      datasource.last_reflected = task.completes_at;
    }
    if (now >= task.completes_at + TASK_TTL_MS) state.tasks.delete(id);
  }
}

/** A task is found only under the datasource it was started for, and only until it expires. */
export function findTask(state: OrgState, datasource: Datasource, taskId: string): SyncTask {
  const task = state.tasks.get(taskId);
  if (!task || task.datasourceId !== datasource.id) throw new ApiError(404, 'Task was not found.');
  return task;
}
