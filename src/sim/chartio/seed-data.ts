import {
  ACCESS_LEVELS,
  ADDED_FROM_DASHBOARD_TEAM_NAME,
  LINK_SHARING_ACCESS,
  OWNERS_TEAM_NAME,
  addMember,
  emptyState,
  sameEmail,
  type AccessLevel,
  type LinkSharingAccess,
  type OrgState,
  type Permission,
  type PermissionKind,
  type Team,
  type User,
} from './state.js';
import { parseIsoDateTime } from './datasource-patch.js';
import { isEmail } from './store.js';
import { assignIds, list, obj, opt, optBoolean, req, SeedDataError, type Obj } from '../shared/seed-reader.js';

export { loadSeedFile, SeedDataError } from '../shared/seed-reader.js';

/** Timestamps the file leaves out; fixed so two loads of one file give identical orgs. */
export const DEFAULT_TIMESTAMP = Date.UTC(2020, 0, 1);

/**
 * `--data FILE`: an initial org in YAML or JSON (JSON is YAML). Format (README): `org`,
 * `users` (email, display_name), `teams` (name, members by email), `dashboards` and
 * `datasources` (slug, ..., permissions by team name or user email). Ids are optional and
 * otherwise assigned from 1 in order of appearance, per kind. Anything the API could never
 * be in (a user in no team, an Owners team without members, an unknown member) is an error.
 *
 * Builds the org a seed document describes; `org` (the `--org` flag) overrides the file's.
 */
export function buildState(doc: unknown, org?: string): OrgState {
  const root = obj(doc ?? {}, '(root)', ['org', 'users', 'teams', 'dashboards', 'datasources']);
  const fileOrg = opt(root, 'org', '(root)', 'string');
  const state = emptyState(org ?? fileOrg ?? 'example-org');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(state.org)) throw new SeedDataError(`org: invalid org slug "${state.org}"`);

  // Users.
  const users = list(root, 'users');
  const userIds = assignIds(users, 'users');
  const seenEmails = new Set<string>(); // emails compare case-insensitively (DESIGN §3)
  users.forEach((raw, i) => {
    const at = `users[${i}]`;
    const u = obj(raw, at, ['id', 'email', 'display_name', 'created_at', 'updated_at']);
    const email = req(u, 'email', at, 'string');
    if (!isEmail(email)) throw new SeedDataError(`${at}.email: "${email}" is not an email address`);
    if (seenEmails.has(email.toLowerCase())) throw new SeedDataError(`${at}.email: ${email} appears twice`);
    seenEmails.add(email.toLowerCase());
    const created = time(u, 'created_at', at) ?? DEFAULT_TIMESTAMP;
    const user: User = {
      id: userIds[i] as number,
      email,
      display_name: opt(u, 'display_name', at, 'string') ?? email.split('@')[0] ?? email,
      created_at: created,
      updated_at: time(u, 'updated_at', at) ?? created,
    };
    state.users.set(user.id, user);
  });
  state.lastId.user = Math.max(0, ...userIds);
  const userByRef = (ref: unknown, at: string): User => {
    const found =
      typeof ref === 'number'
        ? state.users.get(ref)
        : typeof ref === 'string'
          ? [...state.users.values()].find((u) => sameEmail(u.email, ref))
          : undefined;
    if (!found) throw new SeedDataError(`${at}: unknown user ${JSON.stringify(ref)}`);
    return found;
  };
  const emailIndex = new Map([...state.users.values()].map((u) => [u.email.toLowerCase(), u]));
  const fastUser = (ref: unknown, at: string): User =>
    (typeof ref === 'string' ? emailIndex.get(ref.toLowerCase()) : undefined) ?? userByRef(ref, at);

  // A team member who is not in `users` is created on the spot (the sample data lists
  // only the owner under `users` and names everyone else by email in teams).
  const memberUser = (ref: unknown, at: string): User => {
    if (typeof ref !== 'string' || emailIndex.has(ref.toLowerCase())) return fastUser(ref, at);
    if (!isEmail(ref)) throw new SeedDataError(`${at}: "${ref}" is not an email address`);
    state.lastId.user += 1;
    const user: User = {
      id: state.lastId.user,
      email: ref,
      display_name: ref.split('@')[0] ?? ref,
      created_at: DEFAULT_TIMESTAMP,
      updated_at: DEFAULT_TIMESTAMP,
    };
    state.users.set(user.id, user);
    emailIndex.set(ref.toLowerCase(), user);
    return user;
  };

  // Teams; the Owners team always exists (seed: "The Owners Team is included by default").
  const teams = list(root, 'teams');
  const teamIds = assignIds(teams, 'teams');
  const teamByName = new Map<string, Team>();
  teams.forEach((raw, i) => {
    const at = `teams[${i}]`;
    const t = obj(raw, at, ['id', 'name', 'members', 'created_at', 'updated_at']);
    const name = req(t, 'name', at, 'string');
    if (name.trim() === '') throw new SeedDataError(`${at}.name: must not be empty`);
    if (teamByName.has(name)) throw new SeedDataError(`${at}.name: team "${name}" appears twice`);
    const created = time(t, 'created_at', at) ?? DEFAULT_TIMESTAMP;
    const team: Team = {
      id: teamIds[i] as number,
      name,
      kind: name === OWNERS_TEAM_NAME ? 'owners' : name === ADDED_FROM_DASHBOARD_TEAM_NAME ? 'added_from_dashboard' : 'normal',
      created_at: created,
      updated_at: time(t, 'updated_at', at) ?? created,
      members: new Set(),
    };
    state.teams.set(team.id, team);
    teamByName.set(name, team);
    const members = t['members'] ?? [];
    if (!Array.isArray(members)) throw new SeedDataError(`${at}.members: expected a list of emails`);
    members.forEach((m, j) => {
      const user = memberUser(m, `${at}.members[${j}]`);
      if (team.members.has(user.id)) throw new SeedDataError(`${at}.members[${j}]: ${user.email} listed twice`);
      addMember(state, team, user.id);
    });
  });
  state.lastId.team = Math.max(0, ...teamIds);
  let owners = teamByName.get(OWNERS_TEAM_NAME);
  if (!owners) {
    const first = state.users.values().next().value;
    if (!first) throw new SeedDataError('users: the Owners team needs a member, so the org needs at least one user');
    state.lastId.team += 1;
    owners = { id: state.lastId.team, name: OWNERS_TEAM_NAME, kind: 'owners', created_at: DEFAULT_TIMESTAMP, updated_at: DEFAULT_TIMESTAMP, members: new Set() };
    state.teams.set(owners.id, owners);
    teamByName.set(OWNERS_TEAM_NAME, owners);
    addMember(state, owners, first.id);
  }
  if (owners.members.size === 0) throw new SeedDataError('teams: the Owners team must have at least one member');
  for (const user of state.users.values()) {
    if ((state.userTeams.get(user.id)?.size ?? 0) === 0) {
      throw new SeedDataError(`users: ${user.email} is in no team (every user must belong to at least one team)`);
    }
  }

  // Dashboards and datasources with their permissions.
  const seenPermissionIds = { dashboardPermission: new Set<number>(), datasourcePermission: new Set<number>() };
  const permissionsOf = (raw: unknown, at: string, kind: PermissionKind): Map<number, Permission> => {
    const perms = new Map<number, Permission>();
    const items = raw ?? [];
    if (!Array.isArray(items)) throw new SeedDataError(`${at}: expected a list`);
    const counter = kind === 'dashboards' ? 'dashboardPermission' : 'datasourcePermission';
    items.forEach((rawPerm, k) => {
      const pat = `${at}[${k}]`;
      const p = obj(rawPerm, pat, ['id', 'team', 'user', 'access_level']);
      const level = req(p, 'access_level', pat, 'string');
      if (!(ACCESS_LEVELS[kind] as readonly string[]).includes(level)) {
        throw new SeedDataError(`${pat}.access_level: "${level}" is not one of ${ACCESS_LEVELS[kind].join(', ')}`);
      }
      if ((p['team'] === undefined) === (p['user'] === undefined)) throw new SeedDataError(`${pat}: give exactly one of team, user`);
      let principal: Permission['principal'];
      if (p['team'] !== undefined) {
        const team = typeof p['team'] === 'number' ? state.teams.get(p['team']) : teamByName.get(String(p['team']));
        if (!team) throw new SeedDataError(`${pat}.team: unknown team ${JSON.stringify(p['team'])}`);
        principal = { type: 'team', id: team.id };
      } else {
        principal = { type: 'user', id: fastUser(p['user'], `${pat}.user`).id };
      }
      for (const other of perms.values()) {
        if (other.principal.type === principal.type && other.principal.id === principal.id) {
          throw new SeedDataError(`${pat}: a second permission for the same ${principal.type}`);
        }
      }
      const explicit = p['id'];
      if (explicit !== undefined && !(Number.isSafeInteger(explicit) && (explicit as number) > 0)) {
        throw new SeedDataError(`${pat}.id: expected a positive integer`);
      }
      const id = (explicit as number | undefined) ?? state.lastId[counter] + 1;
      if (seenPermissionIds[counter].has(id)) throw new SeedDataError(`${pat}.id: permission id ${id} used twice`);
      seenPermissionIds[counter].add(id);
      state.lastId[counter] = Math.max(state.lastId[counter], id);
      perms.set(id, { id, principal, access_level: level as AccessLevel });
    });
    return perms;
  };

  const dashboards = list(root, 'dashboards');
  const dashboardIds = assignIds(dashboards, 'dashboards');
  const slugs = new Set<string>();
  dashboards.forEach((raw, i) => {
    const at = `dashboards[${i}]`;
    const d = obj(raw, at, ['id', 'slug', 'title', 'link_sharing_access', 'created_at', 'updated_at', 'permissions']);
    const slug = uniqueSlug(req(d, 'slug', at, 'string'), slugs, at);
    const sharing = opt(d, 'link_sharing_access', at, 'string') ?? 'none';
    if (!(LINK_SHARING_ACCESS as readonly string[]).includes(sharing)) {
      throw new SeedDataError(`${at}.link_sharing_access: "${sharing}" is not one of ${LINK_SHARING_ACCESS.join(', ')}`);
    }
    const created = time(d, 'created_at', at) ?? DEFAULT_TIMESTAMP;
    const id = dashboardIds[i] as number;
    state.dashboards.set(id, {
      id,
      slug,
      title: opt(d, 'title', at, 'string') ?? slug,
      link_sharing_access: sharing as LinkSharingAccess,
      created_at: created,
      updated_at: time(d, 'updated_at', at) ?? created,
      permissions: permissionsOf(d['permissions'], `${at}.permissions`, 'dashboards'),
    });
  });
  state.lastId.dashboard = Math.max(0, ...dashboardIds);

  const datasources = list(root, 'datasources');
  const datasourceIds = assignIds(datasources, 'datasources');
  slugs.clear();
  datasources.forEach((raw, i) => {
    const at = `datasources[${i}]`;
    const d = obj(raw, at, ['id', 'slug', 'alias', 'dstype', 'created_at', 'updated_at', 'last_reflected', 'last_refreshed_at', 'unreachable', 'permissions']);
    const slug = uniqueSlug(req(d, 'slug', at, 'string'), slugs, at);
    const created = time(d, 'created_at', at) ?? DEFAULT_TIMESTAMP;
    const id = datasourceIds[i] as number;
    state.datasources.set(id, {
      id,
      slug,
      alias: opt(d, 'alias', at, 'string') ?? slug,
      dstype: opt(d, 'dstype', at, 'string') ?? 'PostgreSQL',
      created_at: created,
      updated_at: time(d, 'updated_at', at) ?? created,
      last_reflected: time(d, 'last_reflected', at) ?? null,
      last_refreshed_at: time(d, 'last_refreshed_at', at) ?? null,
      unreachable: optBoolean(d, 'unreachable', at) ?? false,
      permissions: permissionsOf(d['permissions'], `${at}.permissions`, 'datasources'),
    });
  });
  state.lastId.datasource = Math.max(0, ...datasourceIds);
  return sortedById(state);
}

/** Collections list in id order (pagination relies on it); explicit ids may come in any order. */
function sortedById(state: OrgState): OrgState {
  const byId = <T>(map: Map<number, T>): Map<number, T> => new Map([...map].sort(([a], [b]) => a - b));
  state.users = byId(state.users);
  state.teams = byId(state.teams);
  state.dashboards = byId(state.dashboards);
  state.datasources = byId(state.datasources);
  for (const r of [...state.dashboards.values(), ...state.datasources.values()]) r.permissions = byId(r.permissions);
  return state;
}

function time(o: Obj, key: string, at: string): number | undefined {
  const value = o[key];
  if (value === undefined || value === null) return undefined;
  // YAML turns unquoted timestamps into Date objects.
  const ms = value instanceof Date ? value.getTime() : parseIsoDateTime(value);
  if (ms === undefined || Number.isNaN(ms)) throw new SeedDataError(`${at}.${key}: expected an ISO 8601 date-time`);
  return ms;
}

function uniqueSlug(slug: string, seen: Set<string>, at: string): string {
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(slug)) throw new SeedDataError(`${at}.slug: "${slug}" is not a valid slug`);
  if (seen.has(slug)) throw new SeedDataError(`${at}.slug: "${slug}" appears twice`);
  seen.add(slug);
  return slug;
}
