/** Grafana renders times as RFC 3339 in UTC (`2024-01-15T12:00:00Z`). */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
