/**
 * Chartio's schema sync (DESIGN §5 `accessctl schema-sync DATASOURCE [--wait]`):
 *
 *   GET  /{org}/datasources                                  find the datasource by slug or id
 *   POST /{org}/datasources/{id}/schema-sync                 202 `{task_id}` and a Location
 *   GET  /{org}/datasources/{id}/schema-sync/tasks/{taskId}  200 `{task_id}` while it runs,
 *                                                            202 `{success, message, added_objects}` once done
 *
 * Seed quirks handled here: the task URL is built from `task_id` rather than taken from the
 * Location header, whose example (`/example-org/datasource/1/...`) misspells the collection;
 * a finished task answers 202 and a running one 200, so completion is read from `success`
 * being present, not from the status. The start is a POST and is never retried after it may
 * have reached the server (the client's policy), so one command starts at most one sync.
 */
import { closestNames } from '../../core/closest-names.js';
import { apiPath } from '../../http/api-path.js';
import { checkedId } from '../checked-ids.js';
import type { SchemaSyncOptions, SchemaSyncResult } from '../types.js';
import { collectAll, halPages, type HalClient } from './hal-pages.js';
import { SCHEMA_SYNC_DEADLINE_MS, schemaSyncPollDelay } from './schema-sync-poll.js';

interface RawDatasource {
  id: number;
  slug?: string;
  alias?: string;
}

interface TaskBody {
  task_id?: string;
  success?: boolean;
  message?: string;
  added_objects?: Record<string, string>;
}

export async function runChartioSchemaSync(client: HalClient, org: string, datasource: string, options: SchemaSyncOptions): Promise<SchemaSyncResult> {
  const base = apiPath`/${org}/datasources`;
  const found = findDatasource(await collectAll(halPages<RawDatasource>(client, base, 'datasources')), datasource);
  const id = checkedId(found.id, { method: 'GET', path: base }, 'datasources[].id');
  const name = found.slug ?? String(id);
  const startPath = apiPath`/${org}/datasources/${id}/schema-sync`;
  const started = await client.request<TaskBody>({ method: 'POST', path: startPath });
  const taskId = started.body?.task_id;
  if (typeof taskId !== 'string' || taskId === '') throw new Error(`POST ${startPath} -> ${started.status}: the answer has no task_id`);
  const result: SchemaSyncResult = { datasource: { id, name }, taskId };
  if (!options.wait) return result;

  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + SCHEMA_SYNC_DEADLINE_MS;
  // The task id is the server's: one segment, never `..` (apiPath refuses it).
  const taskPath = apiPath`/${org}/datasources/${id}/schema-sync/tasks/${taskId}`;
  for (let poll = 1; ; poll++) {
    if (now() >= deadline) throw new Error(`schema sync of datasource "${name}" (task ${taskId}) did not finish within 15 minutes`);
    await sleep(schemaSyncPollDelay(poll));
    const { body } = await client.request<TaskBody>({ method: 'GET', path: taskPath });
    if (typeof body?.success !== 'boolean') {
      options.onPoll?.(poll);
      continue;
    }
    return { ...result, outcome: { success: body.success, message: String(body.message ?? ''), addedObjects: { ...(body.added_objects ?? {}) } } };
  }
}

/** By slug (as the file keys datasources), alias or numeric id; a miss names the closest slugs. */
function findDatasource(all: RawDatasource[], wanted: string): RawDatasource {
  const match =
    all.find((d) => d.slug === wanted) ?? all.find((d) => d.alias === wanted) ?? (/^\d+$/.test(wanted) ? all.find((d) => d.id === Number(wanted)) : undefined);
  if (match) return match;
  const slugs = all.map((d) => d.slug).filter((s): s is string => typeof s === 'string');
  const near = closestNames(wanted, slugs);
  throw new Error(`no datasource "${wanted}" in the org${near.length ? `; did you mean ${near.map((s) => `"${s}"`).join(' or ')}?` : ''}`);
}
