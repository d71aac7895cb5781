import { ApiError } from '../shared/api-error.js';

export { ApiError };

/**
 * Grafana's error wording (`response.Error(status, message, err)` in pkg/api): a JSON body
 * `{"message": ...}`. Malformed or mistyped JSON is `400 bad request data` (web.Bind).
 */
export const badRequestData = (): ApiError => new ApiError(400, 'bad request data');
export const badRequest = (message: string): ApiError => new ApiError(400, message);
export const notFound = (message: string): ApiError => new ApiError(404, message);
export const conflict = (message: string): ApiError => new ApiError(409, message);

/**
 * A signed-in caller without the right role. Without `action` this is Grafana's legacy answer
 * (`accessForbidden` in pkg/middleware/auth.go: `{"message":"Permission denied"}`); the routes
 * the RBAC middleware guards turn it into the `deny` body for their action (rbac-denial.ts),
 * and a caller that knows the action may pass it directly.
 */
export const permissionDenied = (action?: string): ApiError => (action === undefined ? new ApiError(403, PERMISSION_DENIED) : accessDenied(action));
export const PERMISSION_DENIED = 'Permission denied';

/**
 * The RBAC middleware's refusal (pkg/services/accesscontrol/middleware.go `deny`): 403 with
 * `title`, a message naming the evaluator (`permissionEvaluator.String()` is the action;
 * `EvalAny` says `any of a, b`) and `accessErrorId`, "ACE" and ten digits. Grafana draws the
 * digits at random per refusal; here they come from the action, so runs stay reproducible.
 */
export function accessDenied(action: string): ApiError {
  const message = `You'll need additional permissions to perform this action. Permissions needed: ${action}`;
  return new ApiError(403, message, {}, { title: 'Access denied', accessErrorId: `ACE${tenDigits(action)}` });
}

function tenDigits(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return (h % 10_000_000_000n).toString().padStart(10, '0');
}

/**
 * An `errutil` error as the context handler writes it (`writeErrOrFallback` in
 * pkg/services/contexthandler/model/model.go): the public message beside `messageId`,
 * `statusCode`, `traceID` (empty without tracing) and `extra` (the public payload, null when
 * there is none). The authn clients fail this way (401s of bad credentials and tokens).
 */
export function errutilError(status: number, messageId: string, message: string): ApiError {
  return new ApiError(status, message, {}, { extra: null, messageId, statusCode: status, traceID: '' });
}

export const USER_NOT_FOUND = 'User not found';
export const ORG_NOT_FOUND = 'Organization not found';
export const TEAM_NOT_FOUND = 'Team not found';
export const DASHBOARD_NOT_FOUND = 'Dashboard not found';

export const userNotFound = (): ApiError => notFound(USER_NOT_FOUND);
export const orgNotFound = (): ApiError => notFound(ORG_NOT_FOUND);
export const teamNotFound = (): ApiError => notFound(TEAM_NOT_FOUND);
