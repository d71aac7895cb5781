/**
 * An error a simulator answers with: an HTTP status, extra headers, and the JSON body
 * `{"message": ...}` - the shape both Chartio and Grafana use for errors. Each simulator keeps
 * its own helpers for its API's wording.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Further body fields beside `message` (Grafana's 412 answers carry `status: "version-mismatch"`). */
  readonly details: Record<string, unknown>;

  constructor(status: number, message: string, headers: Record<string, string> = {}, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.headers = headers;
    this.details = details;
  }
}
