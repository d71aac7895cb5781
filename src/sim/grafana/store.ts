import { ApiError } from '../shared/api-error.js';
import { objectBody, optionalBoolean, optionalInt, optionalString } from './body.js';
import { badRequest, badRequestData, notFound, orgNotFound, userNotFound } from './errors.js';
import { removeUserEverywhereInOrg } from './org-cleanup.js';
import { nextId, parseRole, sameText, type GrafanaState, type Org, type Role, type User } from './state.js';

export interface StoreOptions {
  now?: () => number;
}

/** `auto_assign_org_id` / `auto_assign_org_role`: Grafana puts new users into org 1 as Viewer. */
const AUTO_ASSIGN_ORG_ID = 1;
const AUTO_ASSIGN_ROLE: Role = 'Viewer';

/**
 * The simulator's users, orgs and org memberships, with Grafana's rules. Teams, folders and
 * dashboards live in their own modules and work on `state`. Every write validates everything
 * before it changes anything, so a failed request leaves no trace.
 */
export class GrafanaStore {
  state: GrafanaState;
  readonly now: () => number;

  constructor(
    private readonly initial: GrafanaState,
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.state = structuredClone(initial);
  }

  /** `POST /__sim/reset`: back to the data the simulator started with. */
  reset(): void {
    this.state = structuredClone(this.initial);
  }

  // ---- users ---------------------------------------------------------------------------

  getUser(id: number): User {
    const user = this.state.users.get(id);
    if (!user) throw userNotFound();
    return user;
  }

  findUser(loginOrEmail: string): User | undefined {
    for (const user of this.state.users.values()) {
      if (sameText(user.login, loginOrEmail) || sameText(user.email, loginOrEmail)) return user;
    }
    return undefined;
  }

  /** `POST /api/admin/users`: login defaults to the email and back; 412 when either is taken. */
  createUser(rawBody: unknown): User {
    const body = objectBody(rawBody);
    const name = optionalString(body, 'name') ?? '';
    let login = optionalString(body, 'login') ?? '';
    let email = optionalString(body, 'email') ?? '';
    const password = optionalString(body, 'password') ?? '';
    const orgId = optionalInt(body, 'orgId');
    if (login === '') login = email;
    if (email === '') email = login;
    if (login === '') throw badRequest('Validation error, need to specify either username or email');
    // Grafana: `user.ErrPasswordMissing` / the minimum length check of `ValidatePassword`.
    if (password.length < 4) throw badRequest('Password is missing or too short');
    if (orgId !== undefined && !this.state.orgs.has(orgId)) throw badRequest('Organization not found');
    this.assertLoginFree(login, email, undefined);
    const now = this.now();
    const id = nextId(this.state, 'user');
    const targetOrg = orgId ?? (this.state.orgs.has(AUTO_ASSIGN_ORG_ID) ? AUTO_ASSIGN_ORG_ID : undefined);
    const user: User = {
      id,
      uid: `u${String(id).padStart(6, '0')}`,
      login,
      email,
      name,
      password,
      isGrafanaAdmin: false,
      theme: '',
      currentOrgId: targetOrg ?? 0,
      created: now,
      updated: now,
    };
    this.state.users.set(id, user);
    if (targetOrg !== undefined) this.state.orgs.get(targetOrg)?.members.set(id, AUTO_ASSIGN_ROLE);
    return user;
  }

  /** `PUT /api/users/:id` and `PUT /api/user`: email, login, name, theme. */
  updateUser(id: number, rawBody: unknown): void {
    const user = this.getUser(id);
    const body = objectBody(rawBody);
    const login = optionalString(body, 'login');
    const email = optionalString(body, 'email');
    const name = optionalString(body, 'name');
    const theme = optionalString(body, 'theme');
    const newLogin = login === undefined || login === '' ? user.login : login;
    const newEmail = email === undefined || email === '' ? user.email : email;
    this.assertLoginFree(newLogin, newEmail, id, 409);
    Object.assign(user, { login: newLogin, email: newEmail, name: name ?? user.name, theme: theme ?? user.theme, updated: this.now() });
  }

  /** `DELETE /api/admin/users/:id`: the user leaves every org and team and every ACL. */
  deleteUser(id: number): void {
    this.getUser(id);
    // Every org, not only the user's: team memberships and grants may name users outside the
    // org (see addTeamMember), and Grafana's DeleteUser removes the user's team_member and
    // permission rows wherever they are.
    for (const org of this.state.orgs.values()) {
      removeUserEverywhereInOrg(this.state, org.id, id);
      org.members.delete(id);
    }
    this.state.users.delete(id);
  }

  /** `PUT /api/admin/users/:id/permissions`: Grafana refuses to demote the last server admin. */
  setGrafanaAdmin(id: number, rawBody: unknown): void {
    const user = this.getUser(id);
    const isGrafanaAdmin = optionalBoolean(objectBody(rawBody), 'isGrafanaAdmin') ?? false;
    if (!isGrafanaAdmin && user.isGrafanaAdmin) {
      const admins = [...this.state.users.values()].filter((u) => u.isGrafanaAdmin);
      if (admins.length <= 1) throw badRequest('cannot remove last grafana admin');
    }
    user.isGrafanaAdmin = isGrafanaAdmin;
    user.updated = this.now();
  }

  /** `POST /api/user/using/:orgId`: Grafana answers 401 "Not a valid organization" for an org the user is not in. */
  switchOrg(user: User, orgId: number): void {
    if (!this.state.orgs.get(orgId)?.members.has(user.id)) throw new ApiError(401, 'Not a valid organization');
    user.currentOrgId = orgId;
  }

  private assertLoginFree(login: string, email: string, exceptId: number | undefined, status = 412): void {
    for (const other of this.state.users.values()) {
      if (other.id === exceptId) continue;
      const clash = [other.login, other.email].some((v) => sameText(v, login) || sameText(v, email));
      if (clash) throw new ApiError(status, `User with email '${email}' or username '${login}' already exists`);
    }
  }

  // ---- orgs ----------------------------------------------------------------------------

  getOrg(id: number): Org {
    const org = this.state.orgs.get(id);
    if (!org) throw orgNotFound();
    return org;
  }

  findOrgByName(name: string): Org {
    for (const org of this.state.orgs.values()) if (org.name === name) return org;
    throw orgNotFound();
  }

  /** `POST /api/orgs`: 409 for a taken name; Grafana makes the creating user the new org's Admin. */
  createOrg(rawBody: unknown, creator: User): Org {
    const name = orgName(rawBody);
    this.assertOrgNameFree(name, undefined, 409);
    const now = this.now();
    const org: Org = { id: nextId(this.state, 'org'), name, created: now, updated: now, members: new Map([[creator.id, 'Admin']]) };
    this.state.orgs.set(org.id, org);
    return org;
  }

  /** `PUT /api/org` and `PUT /api/orgs/:id`: a taken name is 400 here (409 only on create). */
  renameOrg(id: number, rawBody: unknown): void {
    const org = this.getOrg(id);
    const name = orgName(rawBody);
    this.assertOrgNameFree(name, id, 400);
    org.name = name;
    org.updated = this.now();
  }

  /**
   * `DELETE /api/orgs/:id`: Grafana refuses to delete the org the caller is acting in (400).
   * Teams, folders, dashboards, data sources and memberships go with the org; users whose current org it
   * was fall back to another org of theirs.
   */
  deleteOrg(id: number, callerOrgId: number): void {
    if (!this.state.orgs.has(id)) throw notFound('Failed to delete organization. ID not found');
    if (id === callerOrgId) throw badRequest('Can not delete org for current user');
    const org = this.getOrg(id);
    for (const userId of [...org.members.keys()]) removeUserEverywhereInOrg(this.state, id, userId);
    for (const [teamId, team] of this.state.teams) if (team.orgId === id) this.state.teams.delete(teamId);
    for (const [folderId, folder] of this.state.folders) if (folder.orgId === id) this.state.folders.delete(folderId);
    for (const [dashId, dash] of this.state.dashboards) if (dash.orgId === id) this.state.dashboards.delete(dashId);
    for (const [key, token] of this.state.tokens) if (token.orgId === id) this.state.tokens.delete(key);
    for (const [dsId, ds] of this.state.datasources) if (ds.orgId === id) this.state.datasources.delete(dsId);
    for (const [saId, account] of this.state.serviceAccounts) if (account.orgId === id) this.state.serviceAccounts.delete(saId);
    this.state.orgs.delete(id);
    for (const user of this.state.users.values()) {
      if (user.currentOrgId === id) user.currentOrgId = this.orgsOf(user.id)[0]?.id ?? 0;
    }
  }

  orgsOf(userId: number): Org[] {
    return [...this.state.orgs.values()].filter((o) => o.members.has(userId));
  }

  private assertOrgNameFree(name: string, exceptId: number | undefined, status: 400 | 409): void {
    for (const org of this.state.orgs.values()) {
      if (org.name === name && org.id !== exceptId) throw new ApiError(status, 'Organization name taken');
    }
  }

  // ---- org members ---------------------------------------------------------------------

  /** `POST /api/org/users` and `POST /api/orgs/:id/users`: the user must already exist. */
  addOrgUser(orgId: number, rawBody: unknown): User {
    const org = this.getOrg(orgId);
    const body = objectBody(rawBody);
    const role = parseRole(body['role']);
    const loginOrEmail = optionalString(body, 'loginOrEmail');
    if (!role || loginOrEmail === undefined) throw badRequestData();
    const user = this.findUser(loginOrEmail);
    if (!user) throw userNotFound();
    // Grafana's addOrgUserHelper answers 409 with the user's id beside the message.
    if (org.members.has(user.id)) throw new ApiError(409, 'User is already member of this organization', {}, { userId: user.id });
    org.members.set(user.id, role);
    if (user.currentOrgId === 0 || !this.state.orgs.has(user.currentOrgId)) user.currentOrgId = orgId;
    return user;
  }

  /**
   * `PATCH .../users/:userId`: the last Admin cannot be demoted. Someone who is not a member
   * (or no user at all) is the org store's `ErrOrgUserNotFound`, which updateOrgUserHelper
   * (pkg/api/org_users.go) does not map: 500 "Failed update org user".
   */
  updateOrgUser(orgId: number, userId: number, rawBody: unknown): void {
    const org = this.getOrg(orgId);
    const role = parseRole(objectBody(rawBody)['role']);
    if (!role) throw badRequestData();
    const current = org.members.get(userId);
    if (current === undefined) throw new ApiError(500, 'Failed update org user');
    if (current === 'Admin' && role !== 'Admin' && adminCount(org) <= 1) {
      throw badRequest('Cannot change role so that there is no organization admin left');
    }
    org.members.set(userId, role);
  }

  /**
   * `DELETE .../users/:userId`: the last Admin cannot be removed. With `deleteOrphan` (the
   * current-org endpoint, Grafana's `ShouldDeleteOrphanedUser`) a user left in no org is
   * deleted; the answer says which happened. The org store's RemoveOrgUser (orgimpl store.go)
   * fails only for a user who does not exist (`user.ErrUserNotFound`, unmapped in
   * removeOrgUserHelper: 500 "Failed to remove user from organization"); for a user who is not
   * a member it logs "User not in org, nothing to do" and succeeds.
   */
  removeOrgUser(orgId: number, userId: number, deleteOrphan: boolean): 'removed' | 'deleted' {
    const org = this.getOrg(orgId);
    const user = this.state.users.get(userId);
    if (!user) throw new ApiError(500, 'Failed to remove user from organization');
    const role = org.members.get(userId);
    if (role === undefined) return 'removed';
    if (role === 'Admin' && adminCount(org) <= 1) throw badRequest('Cannot remove last organization admin');
    removeUserEverywhereInOrg(this.state, orgId, userId);
    org.members.delete(userId);
    const remaining = this.orgsOf(userId);
    if (remaining.length === 0 && deleteOrphan) {
      this.state.users.delete(userId);
      return 'deleted';
    }
    if (user.currentOrgId === orgId) user.currentOrgId = remaining[0]?.id ?? 0;
    return 'removed';
  }
}

function adminCount(org: Org): number {
  let n = 0;
  for (const role of org.members.values()) if (role === 'Admin') n++;
  return n;
}

function orgName(rawBody: unknown): string {
  const name = optionalString(objectBody(rawBody), 'name');
  if (name === undefined || name.trim() === '') throw badRequestData();
  return name;
}
