import type { GrafanaDocument, OrgRole } from '../../../src/providers/grafana/desired-state.js';
import type { GrafanaLive, GrafanaUser, LivePermissionItem } from '../../../src/providers/grafana/live-state.js';

/**
 * A live Grafana instance written the way people think of it. Users are logins (email
 * `login@example.com`, ids in order); `admin` (id 1) is the acting server admin.
 */
export function liveInstance(spec: {
  users: string[];
  orgs: Record<
    string,
    {
      users?: Record<string, OrgRole>;
      teams?: Record<string, string[]>;
      folders?: Record<string, LivePermissionItem[]>;
      dashboards?: Record<string, LivePermissionItem[]>;
    }
  >;
}): GrafanaLive {
  const users: GrafanaUser[] = ['admin', ...spec.users.filter((u) => u !== 'admin')].map((login, i) => ({
    id: i + 1,
    login,
    email: login === 'admin' ? 'admin@localhost' : `${login}@example.com`,
  }));
  const user = (login: string) => {
    const found = users.find((u) => u.login === login);
    if (!found) throw new Error(`fixture: no user ${login}`);
    return found;
  };
  let teamId = 100;
  return {
    users,
    actingUser: users[0]!,
    orgs: Object.entries(spec.orgs).map(([name, org], i) => ({
      id: i + 1,
      name,
      users: Object.entries(org.users ?? ({ admin: 'Admin' } as Record<string, OrgRole>)).map(([login, role]) => ({ ...user(login), role })),
      teams: Object.entries(org.teams ?? {}).map(([team, members]) => ({
        id: teamId++,
        name: team,
        email: '',
        members: members.map(user),
      })),
      folders: Object.entries(org.folders ?? {}).map(([uid, items]) => ({ uid, title: uid, items })),
      dashboards: Object.entries(org.dashboards ?? {}).map(([uid, items]) => ({ uid, title: uid, items })),
    })),
  };
}

export function desired(doc: Omit<GrafanaDocument, 'version' | 'provider'>): GrafanaDocument {
  return { version: 1, provider: 'grafana', ...doc };
}
