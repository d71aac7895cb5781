import type { ChartioDocument } from '../../../src/providers/chartio/desired-state.js';
import type { ChartioLive, LinkSharing, LivePermission } from '../../../src/providers/chartio/live-state.js';

/**
 * A small live org written the way people think of it: team name -> member emails,
 * dashboard slug -> permissions. Ids are assigned in order of appearance.
 */
export function liveOrg(spec: {
  teams: Record<string, string[]>;
  dashboards?: Record<string, Record<string, string>>; // "team:Name" | "user:email" -> level
  /** Dashboard slug -> its `link_sharing_access`; left out, the dashboard has none read. */
  linkSharing?: Record<string, LinkSharing>;
  datasources?: Record<string, { alias?: string; permissions?: Record<string, string> }>;
  extraUsers?: string[];
}): ChartioLive {
  const users = new Map<string, { id: number; email: string; teamIds: number[] }>();
  const user = (email: string) => {
    let found = users.get(email.toLowerCase());
    if (!found) {
      found = { id: users.size + 1, email, teamIds: [] };
      users.set(email.toLowerCase(), found);
    }
    return found;
  };
  const teams = Object.entries(spec.teams).map(([name, members], i) => {
    const id = 100 + i;
    return {
      id,
      name,
      isOwner: name === 'Owners',
      members: members.map((email) => {
        const u = user(email);
        u.teamIds.push(id);
        return { id: u.id, email: u.email };
      }),
    };
  });
  for (const email of spec.extraUsers ?? []) user(email);
  let permissionId = 1000;
  const permissions = (entries: Record<string, string> = {}): LivePermission[] =>
    Object.entries(entries).map(([principal, level]) => {
      const [type, name] = principal.split(/:(.*)/s) as ['team' | 'user', string];
      if (type === 'team') {
        const team = teams.find((t) => t.name === name);
        if (!team) throw new Error(`fixture: no team ${name}`);
        return { id: permissionId++, principal: { type, id: team.id, name }, level };
      }
      const u = user(name);
      return { id: permissionId++, principal: { type, id: u.id, email: u.email }, level };
    });
  return {
    org: 'example-org',
    teams,
    users: [...users.values()],
    dashboards: Object.entries(spec.dashboards ?? {}).map(([slug, perms], i) => ({
      id: 10 + i,
      slug,
      title: slug,
      ...(spec.linkSharing?.[slug] ? { linkSharing: spec.linkSharing[slug] } : {}),
      permissions: permissions(perms),
    })),
    datasources: Object.entries(spec.datasources ?? {}).map(([slug, ds], i) => ({
      id: 50 + i,
      slug,
      alias: ds.alias ?? slug,
      permissions: permissions(ds.permissions),
    })),
  };
}

export function desired(doc: Omit<ChartioDocument, 'version' | 'provider' | 'chartio'>): ChartioDocument {
  return { version: 1, provider: 'chartio', chartio: { org: 'example-org' }, ...doc };
}
