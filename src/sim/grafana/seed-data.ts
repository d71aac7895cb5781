import { assignIds, list, obj, opt, req, SeedDataError, type Obj } from '../shared/seed-reader.js';
import { seedDataSources } from './seed-datasources.js';
import {
  emptyState,
  parseRole,
  PERMISSIONS,
  shortUid,
  type AclItem,
  type GrafanaState,
  type Org,
  type PermissionLevel,
  type Role,
} from './state.js';

export { loadSeedFile, SeedDataError } from '../shared/seed-reader.js';

/** Timestamps of seeded objects; fixed so two loads of one file give identical state. */
export const SEED_TIMESTAMP = Date.UTC(2024, 0, 1);

export const DEFAULT_ADMIN = { login: 'admin', email: 'admin@localhost', name: 'admin', password: 'admin', isGrafanaAdmin: true };
export const MAIN_ORG_NAME = 'Main Org.';

/**
 * `--data FILE` (YAML or JSON; README "accessctl sim grafana"):
 *   users:  [{ login, email?, name?, password?, isGrafanaAdmin?, id? }]
 *   orgs:   [{ name, id?, users: [{ user: LOGIN|EMAIL, role }],
 *              teams: [{ name, email?, members: [LOGIN|EMAIL], admins: [LOGIN|EMAIL] }],
 *              folders: [{ uid?, title, permissions: [PERM], dashboards: [DASH], folders: [...] }],  # subfolders nest
 *              dashboards: [DASH],              # DASH = { uid?, title, tags?, permissions: [PERM] }, in General
 *              datasources: [{ name, type, uid?, url?, access?, isDefault?, jsonData?, secureJsonData? }] }]
 *   tokens: [{ token, org: NAME|ID, role, name? }]
 *   PERM = { user|team|role, permission: View|Edit|Admin|1|2|4 }
 * Like a fresh Grafana, user `admin`/`admin` (server admin, admin@localhost) exists unless the
 * file names a user `admin`, org 1 is `Main Org.` unless the file's first org takes id 1,
 * and a default admin is an Admin of org 1. Every org must keep at least one Admin.
 */
export function buildState(doc: unknown): GrafanaState {
  const root = obj(doc ?? {}, '(root)', ['users', 'orgs', 'tokens', 'settings']);
  const state = emptyState();
  const t = SEED_TIMESTAMP;

  const fileUsers = list(root, 'users');
  const hasAdmin = fileUsers.some((u) => u !== null && typeof u === 'object' && (u as Obj)['login'] === 'admin');
  const users = hasAdmin ? fileUsers : [DEFAULT_ADMIN, ...fileUsers];
  const userIds = assignIds(users, 'users');
  const byName = new Map<string, number>();
  users.forEach((raw, i) => {
    const at = `users[${i}]`;
    const u = obj(raw, at, ['id', 'login', 'email', 'name', 'password', 'isGrafanaAdmin', 'isDisabled', 'lastSeenAt']);
    const login = req(u, 'login', at, 'string');
    const email = opt(u, 'email', at, 'string') ?? login;
    const isGrafanaAdmin = u['isGrafanaAdmin'] ?? false;
    if (typeof isGrafanaAdmin !== 'boolean') throw new SeedDataError(`${at}.isGrafanaAdmin: expected true or false`);
    for (const key of [login.toLowerCase(), email.toLowerCase()]) {
      if (byName.has(key)) throw new SeedDataError(`${at}: login or email "${key}" used twice`);
    }
    const id = userIds[i] as number;
    byName.set(login.toLowerCase(), id).set(email.toLowerCase(), id);
    const password = opt(u, 'password', at, 'string');
    const isDisabled = u['isDisabled'] ?? false;
    if (typeof isDisabled !== 'boolean') throw new SeedDataError(`${at}.isDisabled: expected true or false`);
    const lastSeenAt = opt(u, 'lastSeenAt', at, 'string');
    const lastSeen = lastSeenAt === undefined ? undefined : Date.parse(lastSeenAt);
    if (lastSeen !== undefined && Number.isNaN(lastSeen)) throw new SeedDataError(`${at}.lastSeenAt: expected a date and time, e.g. 2024-05-01T12:00:00Z`);
    state.users.set(id, {
      id, uid: shortUid('u', id), login, email, name: opt(u, 'name', at, 'string') ?? '',
      ...(password !== undefined ? { password } : {}),
      isGrafanaAdmin, ...(isDisabled ? { isDisabled } : {}), ...(lastSeen !== undefined ? { lastSeen } : {}),
      theme: '', currentOrgId: 0, created: t, updated: t,
    });
  });
  state.lastId.user = Math.max(0, ...userIds);
  const userRef = (name: unknown, at: string): number => {
    const id = typeof name === 'string' ? byName.get(name.toLowerCase()) : undefined;
    if (id === undefined) throw new SeedDataError(`${at}: unknown user "${String(name)}"`);
    return id;
  };

  const fileOrgs = list(root, 'orgs');
  const orgs = fileOrgs.length > 0 ? fileOrgs : [{ name: MAIN_ORG_NAME }];
  const orgIds = assignIds(orgs, 'orgs');
  if (!orgIds.includes(1)) throw new SeedDataError('orgs: org 1 must exist (give the first org no id, or id 1)');
  const orgDocs: Array<[Org, Obj, string]> = [];
  orgs.forEach((raw, i) => {
    const at = `orgs[${i}]`;
    const o = obj(raw, at, ['id', 'name', 'users', 'teams', 'folders', 'dashboards', 'datasources']);
    const name = req(o, 'name', at, 'string');
    if ([...state.orgs.values()].some((x) => x.name === name)) throw new SeedDataError(`${at}.name: "${name}" used twice`);
    const org: Org = { id: orgIds[i] as number, name, created: t, updated: t, members: new Map() };
    list(o, 'users').forEach((m, j) => {
      const mat = `${at}.users[${j}]`;
      const member = obj(m, mat, ['user', 'role']);
      const userId = userRef(member['user'], `${mat}.user`);
      const role = parseRole(member['role']);
      if (!role) throw new SeedDataError(`${mat}.role: expected None, Viewer, Editor or Admin`);
      if (org.members.has(userId)) throw new SeedDataError(`${mat}: user listed twice`);
      org.members.set(userId, role);
    });
    state.orgs.set(org.id, org);
    orgDocs.push([org, o, at]);
  });
  state.lastId.org = Math.max(...orgIds);
  const mainOrg = state.orgs.get(1) as Org;
  if (!hasAdmin && !mainOrg.members.has(userIds[0] as number)) mainOrg.members.set(userIds[0] as number, 'Admin');

  for (const [org, o, at] of orgDocs) {
    if (![...org.members.values()].includes('Admin')) throw new SeedDataError(`${at}: an org needs at least one Admin`);
    // Team members and ACL users need not be members of the org: Grafana stores both for any
    // existing user (`validateUser` uses GetSignedInUser with a LEFT OUTER JOIN org_user).
    const member = (name: unknown, where: string): number => userRef(name, where);
    const teamIds = new Map<string, number>();
    list(o, 'teams').forEach((raw, j) => {
      const tat = `${at}.teams[${j}]`;
      const tm = obj(raw, tat, ['name', 'email', 'members', 'admins']);
      const name = req(tm, 'name', tat, 'string');
      if (teamIds.has(name.toLowerCase())) throw new SeedDataError(`${tat}.name: "${name}" used twice in the org`);
      const id = ++state.lastId.team;
      const members = new Map<number, 0 | 4>();
      list(tm, 'members').forEach((n, k) => members.set(member(n, `${tat}.members[${k}]`), 0));
      list(tm, 'admins').forEach((n, k) => members.set(member(n, `${tat}.admins[${k}]`), 4));
      teamIds.set(name.toLowerCase(), id);
      state.teams.set(id, { id, uid: shortUid('t', id), orgId: org.id, name, email: opt(tm, 'email', tat, 'string') ?? '', created: t, updated: t, members });
    });
    const acl = (holder: Obj, where: string): AclItem[] =>
      list(holder, 'permissions').map((raw, k) => {
        const pat = `${where}.permissions[${k}]`;
        const p = obj(raw, pat, ['user', 'team', 'role', 'permission']);
        const permission = permissionLevel(p['permission'], pat);
        const set = ['user', 'team', 'role'].filter((key) => p[key] !== undefined);
        if (set.length !== 1) throw new SeedDataError(`${pat}: give exactly one of user, team, role`);
        if (p['user'] !== undefined) return { userId: member(p['user'], `${pat}.user`), permission, created: t, updated: t };
        if (p['team'] !== undefined) {
          const teamId = teamIds.get(String(p['team']).toLowerCase());
          if (teamId === undefined) throw new SeedDataError(`${pat}.team: unknown team "${String(p['team'])}" in org "${org.name}"`);
          return { teamId, permission, created: t, updated: t };
        }
        const role = parseRole(p['role']);
        if (!role) throw new SeedDataError(`${pat}.role: expected Viewer, Editor or Admin`);
        return { role: role as Role, permission, created: t, updated: t };
      });
    const uids = new Set<string>();
    const uid = (given: string | undefined, kind: string, id: number, where: string): string => {
      const value = given ?? shortUid(kind, id);
      if (uids.has(value)) throw new SeedDataError(`${where}.uid: "${value}" used twice in the org`);
      uids.add(value);
      return value;
    };
    const dashboards = (holder: Obj, where: string, folderUid: string) =>
      list(holder, 'dashboards').forEach((raw, k) => {
        const dat = `${where}.dashboards[${k}]`;
        const d = obj(raw, dat, ['uid', 'title', 'tags', 'permissions']);
        const id = ++state.lastId.dashboard;
        const title = req(d, 'title', dat, 'string');
        const tags = list(d, 'tags').map(String);
        const dUid = uid(opt(d, 'uid', dat, 'string'), 'd', id, dat);
        state.dashboards.set(id, {
          id, uid: dUid, orgId: org.id, folderUid, title, tags, version: 1, created: t, updated: t, acl: acl(d, dat),
          model: { id, uid: dUid, title, tags, version: 1, schemaVersion: 39 },
        });
      });
    // Subfolders (`folders[].folders`) are nested folders: their parent is the enclosing folder.
    const folders = (holder: Obj, where: string, parentUid: string): void => {
      const titles = new Set<string>();
      list(holder, 'folders').forEach((raw, j) => {
        const fat = `${where}.folders[${j}]`;
        const f = obj(raw, fat, ['uid', 'title', 'permissions', 'dashboards', 'folders']);
        const id = ++state.lastId.dashboard;
        const folderUid = uid(opt(f, 'uid', fat, 'string'), 'f', id, fat);
        const title = req(f, 'title', fat, 'string');
        if (titles.has(title.toLowerCase())) throw new SeedDataError(`${fat}.title: "${title}" used twice in one parent folder`);
        titles.add(title.toLowerCase());
        state.folders.set(id, { id, uid: folderUid, orgId: org.id, parentUid, title, version: 1, created: t, updated: t, acl: acl(f, fat) });
        dashboards(f, fat, folderUid);
        folders(f, fat, folderUid);
      });
    };
    folders(o, at, '');
    dashboards(o, at, '');
    seedDataSources(state, org, o, at, t);
  }

  for (const user of state.users.values()) {
    user.currentOrgId = [...state.orgs.values()].find((o) => o.members.has(user.id))?.id ?? 0;
  }

  if (root['settings'] !== undefined) {
    const settings = obj(root['settings'], 'settings', ['viewersCanEdit', 'anonymousEnabled']);
    for (const key of ['viewersCanEdit', 'anonymousEnabled'] as const) {
      const value = settings[key] ?? false;
      if (typeof value !== 'boolean') throw new SeedDataError(`settings.${key}: expected true or false`);
      state.settings[key] = value;
    }
  }
  list(root, 'tokens').forEach((raw, i) => {
    const at = `tokens[${i}]`;
    const tk = obj(raw, at, ['token', 'org', 'role', 'name']);
    const token = req(tk, 'token', at, 'string');
    const orgRef = tk['org'] ?? 1;
    const org = [...state.orgs.values()].find((o) => o.id === orgRef || o.name === orgRef);
    if (!org) throw new SeedDataError(`${at}.org: unknown org "${String(orgRef)}"`);
    const role = parseRole(tk['role'] ?? 'Admin');
    if (!role) throw new SeedDataError(`${at}.role: expected None, Viewer, Editor or Admin`);
    if (state.tokens.has(token)) throw new SeedDataError(`${at}.token: used twice`);
    state.tokens.set(token, { token, name: opt(tk, 'name', at, 'string') ?? `sa-${i + 1}`, orgId: org.id, role });
  });
  return state;
}

function permissionLevel(value: unknown, at: string): PermissionLevel {
  if (value === 1 || value === 2 || value === 4) return value;
  if (typeof value === 'string' && value in PERMISSIONS) return PERMISSIONS[value as keyof typeof PERMISSIONS];
  throw new SeedDataError(`${at}.permission: expected View, Edit, Admin (or 1, 2, 4)`);
}
