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
/** Grafana's legacy access-control answer for a signed-in user without the right role. */
export const permissionDenied = (): ApiError => new ApiError(403, 'Permission denied');

export const USER_NOT_FOUND = 'User not found';
export const ORG_NOT_FOUND = 'Organization not found';
export const TEAM_NOT_FOUND = 'Team not found';
export const DASHBOARD_NOT_FOUND = 'Dashboard not found';

export const userNotFound = (): ApiError => notFound(USER_NOT_FOUND);
export const orgNotFound = (): ApiError => notFound(ORG_NOT_FOUND);
export const teamNotFound = (): ApiError => notFound(TEAM_NOT_FOUND);
