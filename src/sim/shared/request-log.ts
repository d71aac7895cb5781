/**
 * `GET /__sim/requests`: what the simulator answered. Method, path (with query), status and
 * time only - never headers, so never credentials. Bounded so a benchmark cannot grow it forever.
 */
export interface LoggedRequest {
  method: string;
  path: string;
  /** The status sent, or null when a fault sent none (`reset`, `stall`). */
  status: number | null;
  fault?: string;
  /** The `Retry-After` sent with a 429, as sent (seconds or an HTTP date). */
  retryAfter?: string;
  time: string;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly limit = 10_000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
