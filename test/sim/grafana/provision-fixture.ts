import { randomBytes } from 'node:crypto';
import { buildState } from '../../../src/sim/grafana/seed-data.js';
import type { AclItem, GrafanaState } from '../../../src/sim/grafana/state.js';
import { ContractTargetError } from './contract-target.js';
import { call, FIXTURE, type CallTarget } from './helpers.js';

/**
 * Recreates the contract fixture on a fresh Grafana through its public API only, so that the
 * cases' ids hold there too. The plan is the fixture simulator's own state (`buildState`), so
 * every created id can be checked against the id the simulator gives; the first mismatch stops
 * with a message (the cases would otherwise test the wrong objects).
 *
 * Grafana numbers users, orgs and teams from one sequence each, and folders and dashboards from
 * one shared sequence (a folder is a row of the `dashboard` table: folderimpl Service.Create
 * saves it with `IsFolder`), all in creation order - so creating in id order reproduces them.
 * Service accounts are user rows too (user service CreateServiceAccount), so they come after
 * the users.
 *
 * Returns the fixture's token strings mapped to the real keys Grafana made for them.
 */
export async function provisionFixture(target: CallTarget, admin: string, fixture: unknown = FIXTURE): Promise<Map<string, string>> {
  const plan = buildState(fixture);
  const send = async (method: string, path: string, body?: unknown, orgId?: number) => {
    const res = await call(target, method, path, { auth: admin, body, orgId });
    if (res.status >= 300) throw new ContractTargetError(`provisioning the fixture: ${method} ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const expectId = (what: string, got: unknown, want: number) => {
    if (got !== want) {
      throw new ContractTargetError(
        `provisioning the fixture: Grafana gave ${what} id ${String(got)}, the contract cases need ${want}. The instance was not fresh (or numbers differently); start a new one.`,
      );
    }
  };

  await createUsers(plan, send, expectId);
  for (const org of [...plan.orgs.values()].sort((a, b) => a.id - b.id)) {
    if (org.id !== 1) expectId(`org "${org.name}"`, (await send('POST', '/api/orgs', { name: org.name })).orgId, org.id);
  }
  await addOrgMembers(plan, send);
  await createTeams(plan, send, expectId);
  await createFoldersAndDashboards(plan, send, expectId);
  const tokens = await createServiceAccountTokens(plan, send);
  // Last, because the admin must belong to an org to act in it: drop memberships the fixture
  // lacks (the admin in the orgs it created, users auto-assigned to org 1). Grafana's
  // `DELETE /api/orgs/:orgId/users/:userId` keeps a user left in no org (removeOrgUserHelper).
  for (const org of plan.orgs.values()) {
    const members = (await send('GET', `/api/orgs/${org.id}/users`)) as Array<{ userId: number }>;
    for (const { userId } of members) {
      // Only the fixture's users: a service account is never taken out of its org.
      if (plan.users.has(userId) && !org.members.has(userId)) await send('DELETE', `/api/orgs/${org.id}/users/${userId}`);
    }
  }
  return tokens;
}

type Send = (method: string, path: string, body?: unknown, orgId?: number) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type ExpectId = (what: string, got: unknown, want: number) => void;

/** `POST /api/admin/users` needs a password; the fixture's password-less (SSO) user gets a random one nobody knows. */
async function createUsers(plan: GrafanaState, send: Send, expectId: ExpectId): Promise<void> {
  for (const user of [...plan.users.values()].sort((a, b) => a.id - b.id)) {
    if (user.id === 1) continue; // the instance's own admin
    const password = user.password ?? randomBytes(18).toString('base64url');
    const body = await send('POST', '/api/admin/users', { name: user.name, email: user.email, login: user.login, password });
    expectId(`user ${user.login}`, body.id, user.id);
    if (user.isGrafanaAdmin) await send('PUT', `/api/admin/users/${user.id}/permissions`, { isGrafanaAdmin: true });
  }
}

/** Adds or re-roles members (new users join org 1 as Viewer: auto_assign_org); removal waits until the end. */
async function addOrgMembers(plan: GrafanaState, send: Send): Promise<void> {
  for (const org of plan.orgs.values()) {
    const current = new Map(((await send('GET', `/api/orgs/${org.id}/users`)) as Array<{ userId: number; role: string }>).map((m) => [m.userId, m.role]));
    for (const [userId, role] of org.members) {
      const login = plan.users.get(userId)?.login as string;
      if (!current.has(userId)) await send('POST', `/api/orgs/${org.id}/users`, { loginOrEmail: login, role });
      else if (current.get(userId) !== role) await send('PATCH', `/api/orgs/${org.id}/users/${userId}`, { role });
    }
  }
}

/**
 * A team admin is a member whose permission is then set to 4 (Grafana: team_members.go
 * updateTeamMember → addOrUpdateTeamMember with PERMISSION_ADMIN). The user creating a team
 * becomes its admin (createTeam), so the admin is taken out again unless the fixture lists it.
 */
async function createTeams(plan: GrafanaState, send: Send, expectId: ExpectId): Promise<void> {
  for (const team of [...plan.teams.values()].sort((a, b) => a.id - b.id)) {
    const created = await send('POST', '/api/teams', { name: team.name, email: team.email }, team.orgId);
    expectId(`team "${team.name}"`, created.teamId, team.id);
    const existing = new Set(((await send('GET', `/api/teams/${team.id}/members`, undefined, team.orgId)) as Array<{ userId: number }>).map((m) => m.userId));
    for (const [userId, permission] of team.members) {
      if (!existing.has(userId)) await send('POST', `/api/teams/${team.id}/members`, { userId }, team.orgId);
      // Only for admins: permission 0 has no name in Grafana (PermissionType.String() is ""), and "" means "remove".
      if (permission === 4) await send('PUT', `/api/teams/${team.id}/members/${userId}`, { permission }, team.orgId);
    }
    for (const userId of existing) if (!team.members.has(userId)) await send('DELETE', `/api/teams/${team.id}/members/${userId}`, undefined, team.orgId);
  }
}

/** In id order across both kinds; then each one's permission list replaces Grafana's defaults (creator Admin, Editor Edit, Viewer View). */
async function createFoldersAndDashboards(plan: GrafanaState, send: Send, expectId: ExpectId): Promise<void> {
  const items = [
    ...[...plan.folders.values()].map((f) => ({ kind: 'folder' as const, ...f })),
    ...[...plan.dashboards.values()].map((d) => ({ kind: 'dashboard' as const, ...d })),
  ].sort((a, b) => a.id - b.id);
  for (const item of items) {
    if (item.kind === 'folder') {
      const created = await send('POST', '/api/folders', { uid: item.uid, title: item.title }, item.orgId);
      // Grafana 12's folder API may leave out the deprecated id; the folder itself still has it.
      const id = created.id ?? (await send('GET', `/api/folders/${item.uid}`, undefined, item.orgId)).id;
      expectId(`folder "${item.title}"`, id, item.id);
    } else {
      const dashboard = { uid: item.uid, title: item.title, tags: item.tags };
      const created = await send('POST', '/api/dashboards/db', { dashboard, ...(item.folderUid ? { folderUid: item.folderUid } : {}), overwrite: false }, item.orgId);
      expectId(`dashboard "${item.title}"`, created.id, item.id);
    }
  }
  for (const item of items) {
    const path = item.kind === 'folder' ? `/api/folders/${item.uid}/permissions` : `/api/dashboards/uid/${item.uid}/permissions`;
    await send('POST', path, { items: item.acl.map(permissionItem) }, item.orgId);
  }
}

function permissionItem(a: AclItem) {
  if (a.userId !== undefined) return { userId: a.userId, permission: a.permission };
  if (a.teamId !== undefined) return { teamId: a.teamId, permission: a.permission };
  return { role: a.role, permission: a.permission };
}

/** One service account per fixture token, named like the token, with the token's org and role. */
async function createServiceAccountTokens(plan: GrafanaState, send: Send): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const token of plan.tokens.values()) {
    const account = await send('POST', '/api/serviceaccounts', { name: token.name, role: token.role }, token.orgId);
    const created = await send('POST', `/api/serviceaccounts/${account.id}/tokens`, { name: token.name }, token.orgId);
    keys.set(token.token, created.key);
  }
  return keys;
}
