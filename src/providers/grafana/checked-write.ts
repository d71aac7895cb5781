import { HttpError } from '../../http/errors.js';
import { isRetryable } from '../../http/retry-policy.js';

/**
 * A write that Grafana answers 500, not 404, when it names a user or team that does not exist:
 * `POST /api/teams/:id/members` ("Failed to add Member to Team": pkg/api/team_members.go
 * addTeamMember, `validateUser` → an unmapped error) and the folder and dashboard permission
 * POSTs ("Failed to create permission", "Failed to update permissions": resourcepermissions
 * `SetPermissions` → `ErrAssignmentEntityNotFound`, answered 500 by folder_permission.go and
 * dashboard_permission.go). Repeating such a request gets the same 500 every time, so:
 * - the first attempt is sent without retries of a 5xx or of a lost answer (`send(false)`);
 * - after a 500, `findGone` looks the write's targets up; a gone one is reported at once, in
 *   one error that keeps Grafana's status and message;
 * - otherwise (all targets exist, or the first answer was lost) the failure says nothing about
 *   the targets, and the write is sent again with the client's usual retries (`send(true)`):
 *   these writes are idempotent (a member add answers 400 "already added", a permission POST
 *   replaces the whole list).
 */
export async function sendCheckingTargets(send: (retried: boolean) => Promise<void>, findGone: () => Promise<string | undefined>): Promise<void> {
  try {
    await send(false);
  } catch (error) {
    if (error instanceof HttpError && error.status === 500) {
      const gone = await findGone();
      if (gone !== undefined) {
        throw new HttpError({
          method: error.method,
          path: error.path,
          status: error.status,
          serverMessage: `${error.serverMessage ?? 'Internal Server Error'} (${gone} since the plan was made: plan again)`,
          attempts: error.attempts,
        });
      }
    } else if (!isRetryable('POST', true, { error })) {
      throw error;
    }
    await send(true);
  }
}
