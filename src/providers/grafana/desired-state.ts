/** The Grafana desired-state document, as the schema (schemas/accessctl.schema.json) allows it. */
import type { IgnoreRule, SafetySpec } from '../../config/safety-spec.js';

export type OrgRole = 'None' | 'Viewer' | 'Editor' | 'Admin';
export type FolderPermission = 'View' | 'Edit' | 'Admin';

export interface GrafanaManage {
  orgs?: 'listed' | 'all';
  org_users?: 'authoritative' | 'additive';
  teams?: 'listed' | 'all';
  members?: 'authoritative' | 'additive';
}

export interface GrafanaTeamSpec {
  previously?: string[];
  email?: string;
  /** Absent: membership of this team is not managed. */
  members?: string[];
}

/** Folder and dashboard permission lists; Grafana replaces the whole list on every update. */
export interface GrafanaPermissionSpec {
  teams?: Record<string, FolderPermission>;
  users?: Record<string, FolderPermission>;
  roles?: Partial<Record<'Viewer' | 'Editor', FolderPermission>>;
}

export interface GrafanaOrgSpec {
  previously?: string[];
  /** Login or email -> role. Absent: org membership is not managed. */
  users?: Record<string, OrgRole>;
  teams?: Record<string, GrafanaTeamSpec>;
  folders?: Record<string, { permissions?: GrafanaPermissionSpec }>;
  dashboards?: Record<string, { permissions?: GrafanaPermissionSpec }>;
}

export interface GrafanaDocument {
  version: 1;
  provider: 'grafana';
  grafana?: { url?: string; rate_limit?: string | number };
  manage?: GrafanaManage;
  safety?: SafetySpec;
  ignore?: IgnoreRule[];
  orgs?: Record<string, GrafanaOrgSpec>;
}
