/**
 * The part of `HttpClient` the Grafana reader and applier need, so a test can hand in a
 * wrapper (count requests, fail one page) around the real client.
 */
import type { HttpRequest, HttpResponse } from '../../http/client.js';

export interface GrafanaClient {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}

/**
 * Grafana acts in the caller's current org unless `X-Grafana-Org-Id` names another one; the
 * team, folder and dashboard endpoints are org-scoped (another org's team id is 404), so every
 * request about an org's objects names the org. The `/api/orgs/:id/...` admin endpoints carry the
 * org in the path and send no header: `DELETE /api/orgs/:id` of the org the caller acts in is a 400.
 */
export function inOrg(orgId: number): Record<string, string> {
  return { 'X-Grafana-Org-Id': String(orgId) };
}
