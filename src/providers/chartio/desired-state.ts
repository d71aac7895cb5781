/** The Chartio desired-state document, as the schema (schemas/accessctl.schema.json) allows it. */
import type { IgnoreRule, SafetySpec } from '../../config/safety-spec.js';

export type DashboardLevel = 'viewer' | 'editor' | 'admin';
/** The Chartio API has no viewer level for datasources. */
export type DatasourceLevel = 'editor' | 'admin';

export interface ChartioManage {
  teams?: 'listed' | 'all';
  members?: 'authoritative' | 'additive';
  users?: 'keep' | 'prune';
  dashboards?: 'listed' | 'all';
  datasources?: 'listed' | 'all';
}

export interface ChartioTeamSpec {
  previously?: string[];
  /** Absent: membership of this team is not managed. */
  members?: string[];
}

export interface PermissionSpec<Level> {
  teams?: Record<string, Level>;
  users?: Record<string, Level>;
}

export interface ChartioDashboardSpec {
  id?: number;
  permissions?: PermissionSpec<DashboardLevel>;
}

export interface ChartioDatasourceSpec {
  id?: number;
  alias?: string;
  permissions?: PermissionSpec<DatasourceLevel>;
}

export interface ChartioDocument {
  version: 1;
  provider: 'chartio';
  chartio?: { org: string; url?: string; rate_limit?: string | number };
  manage?: ChartioManage;
  safety?: SafetySpec;
  ignore?: IgnoreRule[];
  teams?: Record<string, ChartioTeamSpec>;
  dashboards?: Record<string, ChartioDashboardSpec>;
  datasources?: Record<string, ChartioDatasourceSpec>;
}

/** The two teams the Chartio API treats specially (seed: "teams/owners", "Added from Dashboard"). */
export const OWNERS_TEAM = 'Owners';
export const ADDED_FROM_DASHBOARD_TEAM = 'Added from Dashboard';
