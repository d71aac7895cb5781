import { secureJsonFields } from './datasources.js';
import { iso } from './time.js';
import type { AclItem, GrafanaState } from './state.js';

/** `GET /__sim/state`: everything as plain JSON, ids spelled out for assertions (passwords and data source secrets left out). */
export function stateToJson(state: GrafanaState) {
  const acl = (items: AclItem[]) => items.map((a) => ({ ...a, created: iso(a.created), updated: iso(a.updated) }));
  return {
    users: [...state.users.values()].map(({ password, ...u }) => ({ ...u, hasPassword: password !== undefined, created: iso(u.created), updated: iso(u.updated) })),
    orgs: [...state.orgs.values()].map((o) => ({
      id: o.id,
      name: o.name,
      members: [...o.members].map(([userId, role]) => ({ userId, role })),
    })),
    teams: [...state.teams.values()].map((t) => ({
      id: t.id,
      uid: t.uid,
      orgId: t.orgId,
      name: t.name,
      email: t.email,
      members: [...t.members].map(([userId, permission]) => ({ userId, permission })),
    })),
    folders: [...state.folders.values()].map((f) => ({ id: f.id, uid: f.uid, orgId: f.orgId, parentUid: f.parentUid, title: f.title, version: f.version, acl: acl(f.acl) })),
    dashboards: [...state.dashboards.values()].map((d) => ({
      id: d.id,
      uid: d.uid,
      orgId: d.orgId,
      folderUid: d.folderUid,
      title: d.title,
      version: d.version,
      acl: acl(d.acl),
    })),
    tokens: [...state.tokens.values()].map((t) => ({ name: t.name, orgId: t.orgId, role: t.role })),
    // Secrets stay out: only which keys hold a value, as Grafana's secureJsonFields.
    datasources: [...state.datasources.values()].map((ds) => {
      const { secureJsonData: _secrets, created: _created, updated: _updated, ...shown } = ds;
      return { ...shown, secureJsonFields: secureJsonFields(ds) };
    }),
    serviceAccounts: [...state.serviceAccounts.values()].map((a) => ({ id: a.id, orgId: a.orgId, name: a.name, login: a.login, role: a.role, isDisabled: a.isDisabled })),
  };
}
