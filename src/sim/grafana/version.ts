/**
 * The Grafana release line the simulator imitates (`accessctl sim grafana --grafana-version`).
 * Only behaviour that differs between 10.4, 11 and 12 looks at it; everything else is the same
 * in all three (../shared/grafana-behaviour.md marks the version-dependent rows).
 */
export type GrafanaVersion = '10.4' | '11' | '12';

export const GRAFANA_VERSIONS: readonly GrafanaVersion[] = ['10.4', '11', '12'];
export const DEFAULT_GRAFANA_VERSION: GrafanaVersion = '12';

/** The full version string each line reports (`/api/health`, `buildInfo.version`): a recent patch release of it. */
const BUILD_VERSION: Record<GrafanaVersion, string> = { '10.4': '10.4.19', '11': '11.6.3', '12': '12.2.1' };

export function buildVersion(version: GrafanaVersion): string {
  return BUILD_VERSION[version];
}

export function isGrafanaVersion(value: unknown): value is GrafanaVersion {
  return typeof value === 'string' && (GRAFANA_VERSIONS as readonly string[]).includes(value);
}

/** True when `version` is `since` or later. */
export function atLeast(version: GrafanaVersion, since: GrafanaVersion): boolean {
  return GRAFANA_VERSIONS.indexOf(version) >= GRAFANA_VERSIONS.indexOf(since);
}
