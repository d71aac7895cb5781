import type { GrafanaClient } from './grafana-client.js';
import type { InstanceSettings } from './live-state.js';

/**
 * The instance settings that widen who reaches what, from `GET /api/frontend/settings`
 * (pkg/api/frontendsettings.go: `viewersCanEdit` from `[users] viewers_can_edit`,
 * `anonymousEnabled` from `[auth.anonymous] enabled`). Any signed-in caller may read it. A
 * field that is missing or not a boolean reads as off: the server did not say it is on.
 */
export async function readInstanceSettings(api: GrafanaClient): Promise<InstanceSettings> {
  const { body } = await api.request<{ viewersCanEdit?: unknown; anonymousEnabled?: unknown }>({ method: 'GET', path: '/api/frontend/settings' });
  return { viewersCanEdit: body?.viewersCanEdit === true, anonymousEnabled: body?.anonymousEnabled === true };
}
