/**
 * An error the simulator answers with: an HTTP status and the JSON body `{"message": ...}`.
 * The seed documents error *statuses* with one sentence each; the messages reuse those
 * sentences so a client's error output reads like the real API's.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.headers = headers;
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, `${what} was not found.`);
export const badRequest = (message: string): ApiError => new ApiError(400, message);
