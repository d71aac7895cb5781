import { ApiError, badRequest, notFound } from './errors.js';
import { isPositiveInt, objectBody, parseIdParam } from './body.js';
import { createRandom, type Random } from '../shared/prng.js';
import * as perms from './permissions.js';
import * as sync from './schema-sync.js';
import {
  ADDED_FROM_DASHBOARD_TEAM_NAME,
  addMember,
  cloneState,
  nextId,
  ownersTeam,
  removeMember,
  sameEmail,
  teamsOf,
  type Dashboard,
  type Datasource,
  type OrgState,
  type Permission,
  type PermissionKind,
  type SyncTask,
  type Team,
  type User,
} from './state.js';
import { patchDatasource } from './datasource-patch.js';
import { stateToJson } from './state-json.js';

export interface StoreOptions {
  /** Server time in epoch milliseconds (injectable so tests need not sleep). */
  now?: () => number;
  /** How long a schema sync runs before it completes (default 2 s). */
  syncDelayMs?: number;
  /** Seed: "Orgs are limited to 10,000 users." */
  maxUsers?: number;
  /** Seed: "Orgs are limited to 2,000 teams." */
  maxTeams?: number;
  /** Seeds the schema-sync task ids. */
  random?: Random;
}

export const DEFAULT_MAX_USERS = 10_000;
export const DEFAULT_MAX_TEAMS = 2_000;

/**
 * The org and every operation the API performs on it. Each operation validates everything
 * first and mutates only after the last check passed, and runs synchronously: with Node's
 * single thread, concurrent requests can never observe or leave a half-applied write.
 */
export class ChartioStore {
  private current: OrgState;
  private readonly initial: OrgState;
  readonly now: () => number;
  readonly syncDelayMs: number;
  readonly maxUsers: number;
  readonly maxTeams: number;
  private random: Random;

  constructor(initial: OrgState, options: StoreOptions = {}) {
    this.initial = cloneState(initial);
    this.current = cloneState(initial);
    this.now = options.now ?? Date.now;
    this.syncDelayMs = options.syncDelayMs ?? 2_000;
    this.maxUsers = options.maxUsers ?? DEFAULT_MAX_USERS;
    this.maxTeams = options.maxTeams ?? DEFAULT_MAX_TEAMS;
    this.random = options.random ?? createRandom(1);
  }

  get org(): string {
    return this.current.org;
  }

  /** The live state, for building responses. Callers must not mutate it. */
  get state(): Readonly<OrgState> {
    return this.current;
  }

  /** `POST /__sim/reset`: back to the org the simulator started with. */
  reset(random?: Random): void {
    this.current = cloneState(this.initial);
    if (random) this.random = random;
  }

  /** `GET /__sim/state`: the whole org as plain JSON. */
  toJSON(): unknown {
    this.settle();
    return stateToJson(this.current, this.now());
  }

  /** Finishes due schema syncs and forgets expired ones; called before every request is handled. */
  settle(): void {
    sync.settleTasks(this.current, this.now());
  }

  // ---- users -------------------------------------------------------------------------

  listUsers(): User[] {
    return [...this.current.users.values()];
  }

  /** Seed: `{userId}` is a user id (preferred) or an email address. */
  findUser(ref: string | number): User | undefined {
    if (typeof ref === 'number') return this.current.users.get(ref);
    const id = parseIdParam(ref);
    if (id !== undefined) return this.current.users.get(id);
    if (!ref.includes('@')) return undefined;
    for (const user of this.current.users.values()) if (sameEmail(user.email, ref)) return user;
    return undefined;
  }

  getUser(ref: string): User {
    const user = this.findUser(ref);
    if (!user) throw notFound('User');
    return user;
  }

  teamsOfUser(userId: number): Team[] {
    return teamsOf(this.current, userId);
  }

  /**
   * `POST /{org}/users`: seed - "Users must initially belong to a team when created";
   * 400 "An existing team must be provided", 403 at 10,000 users, 409 when the email is
   * already in the org *and* on that team. An email already in the org but not on the team
   * is added to the team (the user is not duplicated).
   */
  createUser(rawBody: unknown): { user: User; created: boolean } {
    const body = objectBody(rawBody);
    const email = body['email'];
    if (typeof email !== 'string' || !isEmail(email)) throw badRequest('A valid email must be provided.');
    const teamRef = body['team'];
    const teamId =
      teamRef !== null && typeof teamRef === 'object' && !Array.isArray(teamRef)
        ? (teamRef as Record<string, unknown>)['id']
        : undefined;
    const team = isPositiveInt(teamId) ? this.current.teams.get(teamId) : undefined;
    if (!team) throw badRequest('An existing team must be provided.');
    assertCanAddMembers(team);
    const displayName = body['display_name'];
    const existing = this.findUser(email);
    if (existing) {
      if (team.members.has(existing.id)) {
        throw new ApiError(409, 'User with matching email already exists in the org and on the specified team.');
      }
      addMember(this.current, team, existing.id);
      return { user: existing, created: false };
    }
    this.assertUserCapacity();
    const now = this.now();
    const user: User = {
      id: nextId(this.current, 'user'),
      email,
      display_name: typeof displayName === 'string' ? displayName : email.split('@')[0] ?? email,
      created_at: now,
      updated_at: now,
    };
    this.current.users.set(user.id, user);
    addMember(this.current, team, user.id);
    return { user, created: true };
  }

  /**
   * `DELETE /{org}/users/{userId}`: removes the user from every team (and, since a user
   * outside the org cannot hold them, their permissions). Seed: 400 when the user is the
   * last member of the Owners team.
   */
  deleteUser(ref: string): void {
    const user = this.getUser(ref);
    const owners = ownersTeam(this.current);
    if (owners.members.has(user.id) && owners.members.size === 1) {
      throw badRequest('User was last member of the owners team.');
    }
    for (const team of teamsOf(this.current, user.id)) removeMember(this.current, team, user.id);
    this.current.userTeams.delete(user.id);
    perms.removePrincipalEverywhere(this.current, { type: 'user', id: user.id });
    this.current.users.delete(user.id);
  }

  private assertUserCapacity(): void {
    if (this.current.users.size >= this.maxUsers) {
      throw new ApiError(403, `Orgs are limited to ${this.maxUsers.toLocaleString('en-US')} users.`);
    }
  }

  // ---- teams -------------------------------------------------------------------------

  listTeams(): Team[] {
    return [...this.current.teams.values()];
  }

  /** `{teamId}` is an integer id, or `owners` for the seed's convenience path `/teams/owners`. */
  getTeam(ref: string): Team {
    if (ref === 'owners') return ownersTeam(this.current);
    const id = parseIdParam(ref);
    const team = id === undefined ? undefined : this.current.teams.get(id);
    if (!team) throw notFound('The team');
    return team;
  }

  /** `POST /{org}/teams`: seed - 403 at 2,000 teams, 409 for a name already taken. */
  createTeam(rawBody: unknown): Team {
    const body = objectBody(rawBody);
    const name = validTeamName(body['name']);
    this.assertNameFree(name, undefined);
    if (this.current.teams.size >= this.maxTeams) {
      throw new ApiError(403, `Orgs are limited to ${this.maxTeams.toLocaleString('en-US')} teams.`);
    }
    const now = this.now();
    const team: Team = { id: nextId(this.current, 'team'), name, kind: 'normal', created_at: now, updated_at: now, members: new Set() };
    this.current.teams.set(team.id, team);
    return team;
  }

  /** `PATCH /{org}/teams/{teamId}`: seed - 405 for the Owners and "Added from Dashboard" teams. */
  renameTeam(ref: string, rawBody: unknown): Team {
    const team = this.getTeam(ref);
    if (team.kind !== 'normal') {
      throw new ApiError(405, 'Attempted to modify the Owners or "Added from Dashboard" teams, which cannot be modified.');
    }
    const name = validTeamName(objectBody(rawBody)['name']);
    this.assertNameFree(name, team.id);
    if (name !== team.name) {
      team.name = name;
      team.updated_at = this.now();
    }
    return team;
  }

  /**
   * `DELETE /{org}/teams/{teamId}`: seed - 405 for the special teams; members are not
   * deleted. Because "users must belong to at least one team", a team that is the only team
   * of one of its members cannot be deleted (400) - the client must move them first.
   */
  deleteTeam(ref: string): void {
    const team = this.getTeam(ref);
    if (team.kind !== 'normal') {
      throw new ApiError(405, 'Attempted to delete the Owners or "Added from Dashboard" teams, which cannot be deleted.');
    }
    const stranded = [...team.members].filter((userId) => (this.current.userTeams.get(userId)?.size ?? 0) <= 1);
    if (stranded.length > 0) {
      const emails = stranded.map((id) => this.current.users.get(id)?.email ?? String(id));
      throw badRequest(
        `Users must belong to at least one team; deleting this team would leave ${emails.slice(0, 5).join(', ')}` +
          `${emails.length > 5 ? ` and ${emails.length - 5} more` : ''} without a team.`,
      );
    }
    for (const userId of [...team.members]) removeMember(this.current, team, userId);
    perms.removePrincipalEverywhere(this.current, { type: 'team', id: team.id });
    this.current.teams.delete(team.id);
  }

  /**
   * `PATCH /{org}/teams/{teamId}/users` with `{id}` or `{email}`: seed - 405 for "Added from
   * Dashboard", 409 when already a member, 403 at 10,000 users. The 403 only makes sense if an
   * email not yet in the org invites a new user, so that is what an unknown email does; an
   * unknown id is 404.
   */
  addTeamMember(ref: string, rawBody: unknown): Team {
    const team = this.getTeam(ref);
    const body = objectBody(rawBody);
    assertCanAddMembers(team);
    const id = body['id'];
    const email = body['email'];
    let user: User | undefined;
    if (id !== undefined) {
      if (!isPositiveInt(id)) throw badRequest('The user id must be an integer.');
      user = this.current.users.get(id);
      if (!user) throw notFound('User');
    } else if (typeof email === 'string' && isEmail(email)) {
      user = this.findUser(email);
    } else {
      throw badRequest('A user id or email must be provided.');
    }
    if (user && team.members.has(user.id)) throw new ApiError(409, 'User is already a member of this team.');
    if (!user) {
      this.assertUserCapacity();
      const now = this.now();
      const address = email as string;
      user = { id: nextId(this.current, 'user'), email: address, display_name: address.split('@')[0] ?? address, created_at: now, updated_at: now };
      this.current.users.set(user.id, user);
    }
    addMember(this.current, team, user.id);
    return team;
  }

  /**
   * `DELETE /{org}/teams/{teamId}/users/{userId}`: seed - 404 when not a member, 400 when it
   * is the user's only team or the user is the last member of the Owners team.
   */
  removeTeamMember(ref: string, userRef: string): void {
    const team = this.getTeam(ref);
    const user = this.findUser(userRef);
    if (!user || !team.members.has(user.id)) throw new ApiError(404, 'User was not a member of this team.');
    if (team.kind === 'owners' && team.members.size === 1) {
      throw badRequest('The owners team must always have at least one member.');
    }
    if ((this.current.userTeams.get(user.id)?.size ?? 0) <= 1) {
      throw badRequest(
        'Users must belong to at least one team. Deleting the user from their only team is not allowed; delete the user instead.',
      );
    }
    removeMember(this.current, team, user.id);
  }

  private assertNameFree(name: string, exceptId: number | undefined): void {
    for (const team of this.current.teams.values()) {
      if (team.name === name && team.id !== exceptId) throw new ApiError(409, 'A team with the same name already exists.');
    }
  }

  // ---- dashboards and datasources -----------------------------------------------------

  listDashboards(): Dashboard[] {
    return [...this.current.dashboards.values()];
  }

  getDashboard(ref: string): Dashboard {
    const id = parseIdParam(ref);
    const dashboard = id === undefined ? undefined : this.current.dashboards.get(id);
    if (!dashboard) throw notFound('Dashboard');
    return dashboard;
  }

  listDatasources(): Datasource[] {
    return [...this.current.datasources.values()];
  }

  getDatasource(ref: string): Datasource {
    const id = parseIdParam(ref);
    const datasource = id === undefined ? undefined : this.current.datasources.get(id);
    if (!datasource) throw notFound('DataSource');
    return datasource;
  }

  updateDatasource(ref: string, rawBody: unknown): Datasource {
    return patchDatasource(this.getDatasource(ref), rawBody, this.now());
  }

  startSchemaSync(ref: string): SyncTask {
    return sync.startTask(this.current, this.getDatasource(ref), this.now(), this.syncDelayMs, this.random);
  }

  getSyncTask(ref: string, taskId: string): SyncTask {
    return sync.findTask(this.current, this.getDatasource(ref), taskId);
  }

  // ---- permissions (dashboards and datasources alike) --------------------------------

  resource(kind: PermissionKind, ref: string): Dashboard | Datasource {
    return kind === 'dashboards' ? this.getDashboard(ref) : this.getDatasource(ref);
  }

  getPermission(kind: PermissionKind, ref: string, permissionRef: string): Permission {
    return perms.getPermission(this.resource(kind, ref), permissionRef);
  }

  upsertPermission(kind: PermissionKind, ref: string, rawBody: unknown): { permission: Permission; created: boolean } {
    return perms.upsertPermission(this.current, kind, this.resource(kind, ref), rawBody);
  }

  updatePermission(kind: PermissionKind, ref: string, permissionRef: string, rawBody: unknown): Permission {
    return perms.updatePermission(kind, this.resource(kind, ref), permissionRef, rawBody);
  }

  deletePermission(kind: PermissionKind, ref: string, permissionRef: string): void {
    perms.deletePermission(this.resource(kind, ref), permissionRef);
  }
}

/** Seed: "Users cannot be added to [the Added from Dashboard team] via the API" (405). */
function assertCanAddMembers(team: Team): void {
  if (team.kind === 'added_from_dashboard') {
    throw new ApiError(
      405,
      `Attempted to add a user to the "${ADDED_FROM_DASHBOARD_TEAM_NAME}" team, which can only be modified by sharing a dashboard with a non-user from within the app.`,
    );
  }
}

function validTeamName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw badRequest('A team name must be provided.');
  return name;
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(value);
}
