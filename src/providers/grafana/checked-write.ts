import { apiPath } from '../../http/api-path.js';
import { HttpError } from '../../http/errors.js';
import { isRetryable } from '../../http/retry-policy.js';
import { inOrg, type GrafanaClient } from './grafana-client.js';
import type { OrgPaths } from './org-paths.js';

/** The teams and users a write names, and the org it acts in. */
export interface WriteTargets {
  orgId: number;
  teams: number[];
  users: number[];
}

/**
 * A write that Grafana answers 500, not 404, when it names a user or team that does not exist:
 * `POST /api/teams/:id/members` ("Failed to add Member to Team": pkg/api/team_members.go
 * addTeamMember, `validateUser` → an unmapped error) and the folder and dashboard permission
 * POSTs ("Failed to create permission", "Failed to update permissions": resourcepermissions
 * `SetPermissions` → `ErrAssignmentEntityNotFound`, answered 500 by folder_permission.go and
 * dashboard_permission.go). Repeating such a request gets the same 500 every time, so:
 * - the first attempt is sent without the retries a 5xx or a lost answer would get
 *   (`send(false)`; a 429 or a request never sent is still retried by the client);
 * - after a 500, the write's targets are looked up; a gone one is reported at once, in one
 *   error that keeps Grafana's status and message;
 * - when all targets exist, or the first answer was lost, the failure says nothing about the
 *   targets, and the write is sent again with the client's usual retries (`send(true)`): these
 *   writes are idempotent (a member add answers 400 "already added", a permission POST
 *   replaces the whole list);
 * - when a target cannot be looked up (a service-account token may not read `/api/users/:id`,
 *   or the look-up itself failed), the write is sent once more, without retries, and a second
 *   500 is reported with that uncertainty.
 */
export async function sendCheckingTargets(
  client: GrafanaClient,
  paths: OrgPaths,
  send: (retried: boolean) => Promise<void>,
  targets: WriteTargets,
): Promise<void> {
  try {
    await send(false);
    return;
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 500)) {
      // Retried already if the client retries it for every method (429, never sent); else once more with retries.
      if (!isRetryable('POST', true, { error }) || isRetryable('POST', false, { error })) throw error;
      await send(true);
      return;
    }
    const check = await checkTargets(client, paths, targets).catch(() => ({ gone: undefined, unchecked: ['the teams and users it names'] }));
    if (check.gone !== undefined) throw annotated(error, `${check.gone} since the plan was made: plan again`);
    if (check.unchecked.length === 0) {
      await send(true);
      return;
    }
    try {
      await send(false);
    } catch (second) {
      if (second instanceof HttpError && second.status === 500) {
        throw annotated(second, `${check.unchecked.join(', ')} could not be looked up, and may have been deleted since the plan was made: plan again`);
      }
      throw second;
    }
  }
}

/** Grafana's answer, with accessctl's finding after it (marked as accessctl's, not the server's). */
function annotated(error: HttpError, finding: string): HttpError {
  return new HttpError({
    method: error.method,
    origin: error.origin,
    path: error.path,
    status: error.status,
    serverMessage: `${error.serverMessage ?? 'Internal Server Error'} [accessctl: ${finding}]`,
    attempts: error.attempts,
    cause: error,
  });
}

async function checkTargets(client: GrafanaClient, paths: OrgPaths, targets: WriteTargets): Promise<{ gone: string | undefined; unchecked: string[] }> {
  for (const teamId of targets.teams) {
    if (await isMissing(client, apiPath`/api/teams/${teamId}`, targets.orgId)) return { gone: `team ${teamId} no longer exists in its org`, unchecked: [] };
  }
  const unchecked: string[] = [];
  for (const userId of targets.users) {
    const path = paths.user(userId);
    if (path === undefined) unchecked.push(`user ${userId}`);
    else if (await isMissing(client, path)) return { gone: `user ${userId} no longer exists in Grafana`, unchecked: [] };
  }
  return { gone: undefined, unchecked };
}

async function isMissing(client: GrafanaClient, path: string, orgId?: number): Promise<boolean> {
  try {
    await client.request({ method: 'GET', path, ...(orgId !== undefined ? { headers: inOrg(orgId) } : {}) });
    return false;
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return true;
    throw error;
  }
}
