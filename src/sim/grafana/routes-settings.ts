import type { Router } from '../shared/router.js';
import { requireOrgRole } from './auth.js';
import { dataSourcesOfOrg } from './datasources.js';
import { ok, type GrafanaContext } from './request-context.js';
import type { GrafanaState } from './state.js';
import { buildVersion, type GrafanaVersion } from './version.js';

/**
 * `GET /api/frontend/settings` (pkg/api/frontendsettings.go `getFrontendSettings`), reduced to
 * the fields the simulator can fill the way Grafana would; the real answer has dozens more
 * (panels, apps, auth flags, ...). Any signed-in member of the org may read it.
 */
export function addSettingsRoutes(router: Router<GrafanaContext>): void {
  router.add('GET', '/api/frontend/settings', (ctx) => {
    requireOrgRole(ctx.identity, 'None');
    return ok(frontendSettings(ctx.store.state, ctx.identity.orgId, ctx.version));
  });
}

/**
 * The feature toggles a client may look at, as `hs.Features.GetEnabled` lists them: only
 * enabled toggles appear. `nestedFolders` was off by default in 10.x, on by default in 11, and
 * removed in 12.2 (grafana#109212: subfolders are always on), so it is absent again there.
 */
function enabledToggles(version: GrafanaVersion): Record<string, true> {
  return version === '11' ? { nestedFolders: true } : {};
}

export function frontendSettings(state: GrafanaState, orgId: number, version: GrafanaVersion) {
  const orgDataSources = dataSourcesOfOrg(state, orgId);
  // Grafana: `defaultDS := "-- Grafana --"` unless a data source of the org is the default.
  const defaultDatasource = orgDataSources.find((ds) => ds.isDefault)?.name ?? '-- Grafana --';
  return {
    // Grafana: hideVersion only for anonymous viewers with `hide_version`; the simulator has
    // none. The commit is the same `simulator` that /api/health reports. Edition: OSS.
    buildInfo: { hideVersion: false, version: buildVersion(version), commit: 'simulator', edition: 'Open Source', env: 'production' },
    featureToggles: enabledToggles(version),
    // grafana.ini `[auth.anonymous] enabled` and `[users] viewers_can_edit`, from --data `settings`.
    anonymousEnabled: state.settings.anonymousEnabled,
    viewersCanEdit: state.settings.viewersCanEdit,
    defaultDatasource,
    // Grafana: getFSDataSources, keyed by name; a proxied data source's url is Grafana's proxy path.
    datasources: Object.fromEntries(
      orgDataSources.map((ds) => [
        ds.name,
        {
          id: ds.id,
          uid: ds.uid,
          type: ds.type,
          name: ds.name,
          url: ds.access === 'proxy' ? `/api/datasources/proxy/uid/${ds.uid}` : ds.url,
          isDefault: ds.isDefault,
          access: ds.access,
          readOnly: ds.readOnly,
        },
      ]),
    ),
  };
}
