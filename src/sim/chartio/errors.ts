import { ApiError } from '../shared/api-error.js';

export { ApiError };

/**
 * Chartio's error wording. The seed documents error *statuses* with one sentence each; the
 * messages reuse those sentences so a client's error output reads like the real API's.
 */
export const notFound = (what: string): ApiError => new ApiError(404, `${what} was not found.`);
export const badRequest = (message: string): ApiError => new ApiError(400, message);
