import { startGrafanaSim, type GrafanaSim, type GrafanaSimOptions } from '../../../src/sim/grafana/server.js';
import { jsonRequest, type ApiResponse } from '../shared/json-request.js';

export const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
export const bearer = (token: string): string => `Bearer ${token}`;
export const ADMIN = basic('admin', 'admin');

export type { ApiResponse } from '../shared/json-request.js';

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  /** Authorization header; `null` sends none. Default: admin/admin. */
  auth?: string | null;
  /** `X-Grafana-Org-Id`. */
  orgId?: number;
}

/**
 * Where `call` sends a request: a simulator (a `GrafanaSim` has `url`), or a real Grafana, whose
 * admin password and token strings differ from the fixture's: `authorization` rewrites the
 * header the cases name (contract-target.ts).
 */
export interface CallTarget {
  url: string;
  authorization?: (header: string) => string;
}

export async function call(target: CallTarget, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? ADMIN : options.auth;
  if (auth !== null) headers['authorization'] = target.authorization ? target.authorization(auth) : auth;
  if (options.orgId !== undefined) headers['x-grafana-org-id'] = String(options.orgId);
  return jsonRequest(target.url + path, method, { body: options.body, rawBody: options.rawBody, headers });
}

/**
 * The contract fixture (ids in order of appearance):
 *   users 1 admin (server admin), 2 alice, 3 bob, 4 carol, 5 dave (no org), 6 sso (no password)
 *   org 1 Main Org.: admin Admin, alice Admin, bob Editor, carol Viewer, sso Viewer
 *   org 2 Ops: alice Admin (the only Admin), bob Viewer
 *   teams 1 SRE (org 1: alice admin, bob), 2 Web (org 1: carol), 3 Oncall (org 2: bob)
 *   folders 1 infra "Infrastructure" (SRE Edit, Viewer role View), dashboard 2 "Nodes" in it (bob View);
 *           dashboard 3 "Home" in General (no permissions); folder 4 ops-f in org 2
 *   tokens: org1-admin (org 1, Admin), org1-viewer (org 1, Viewer), org2-admin (org 2, Admin)
 */
export const FIXTURE = {
  users: [
    { login: 'admin', email: 'admin@localhost', name: 'admin', password: 'admin', isGrafanaAdmin: true },
    { login: 'alice', email: 'alice@example.com', name: 'Alice', password: 'alice-pw' },
    { login: 'bob', email: 'bob@example.com', name: 'Bob', password: 'bob-pw' },
    { login: 'carol', email: 'carol@example.com', name: 'Carol', password: 'carol-pw' },
    { login: 'dave', email: 'dave@example.com', name: 'Dave', password: 'dave-pw' },
    { login: 'sso', email: 'sso@example.com', name: 'SSO User' },
  ],
  orgs: [
    {
      name: 'Main Org.',
      users: [
        { user: 'admin', role: 'Admin' },
        { user: 'alice', role: 'Admin' },
        { user: 'bob', role: 'Editor' },
        { user: 'carol', role: 'Viewer' },
        { user: 'sso', role: 'Viewer' },
      ],
      teams: [
        { name: 'SRE', email: 'sre@example.com', members: ['bob'], admins: ['alice'] },
        { name: 'Web', members: ['carol'] },
      ],
      folders: [
        {
          uid: 'infra',
          title: 'Infrastructure',
          permissions: [
            { team: 'SRE', permission: 'Edit' },
            { role: 'Viewer', permission: 'View' },
          ],
          dashboards: [{ uid: 'nodes', title: 'Nodes', tags: ['infra'], permissions: [{ user: 'bob', permission: 'View' }] }],
        },
      ],
      dashboards: [{ uid: 'home', title: 'Home' }],
    },
    {
      name: 'Ops',
      users: [
        { user: 'alice', role: 'Admin' },
        { user: 'bob', role: 'Viewer' },
      ],
      teams: [{ name: 'Oncall', members: ['bob'] }],
      folders: [{ uid: 'ops-f', title: 'Ops folder' }],
    },
  ],
  tokens: [
    { token: 'org1-admin', org: 1, role: 'Admin' },
    { token: 'org1-viewer', org: 'Main Org.', role: 'Viewer' },
    { token: 'org2-admin', org: 2, role: 'Admin' },
  ],
};

export async function startFixtureSim(options: GrafanaSimOptions = {}): Promise<GrafanaSim> {
  return startGrafanaSim({ data: FIXTURE, now: () => Date.UTC(2024, 5, 1), ...options });
}

/** Invariants no sequence of API calls may break (checked on the store). */
export function storeInvariants(sim: GrafanaSim): string[] {
  const problems: string[] = [];
  const { state } = sim.store;
  for (const org of state.orgs.values()) {
    if (![...org.members.values()].includes('Admin')) problems.push(`org ${org.id} has no Admin`);
    for (const userId of org.members.keys()) if (!state.users.has(userId)) problems.push(`org ${org.id} has unknown user ${userId}`);
  }
  const names = new Set<string>();
  for (const team of state.teams.values()) {
    const org = state.orgs.get(team.orgId);
    if (!org) problems.push(`team ${team.id} in missing org ${team.orgId}`);
    // Exact: Grafana's isTeamNameTaken compares `name = ?` (SQLite, Postgres).
    const key = `${team.orgId}:${team.name}`;
    if (names.has(key)) problems.push(`duplicate team name ${key}`);
    names.add(key);
    // Members need not be in the team's org (Grafana's validateUser), but must exist.
    for (const userId of team.members.keys()) if (!state.users.has(userId)) problems.push(`team ${team.id} has unknown member ${userId}`);
  }
  for (const item of [...state.folders.values(), ...state.dashboards.values()]) {
    const org = state.orgs.get(item.orgId);
    if (!org) problems.push(`${item.uid} in missing org`);
    for (const a of item.acl) {
      if (a.userId !== undefined && !state.users.has(a.userId)) problems.push(`${item.uid} ACL names unknown user ${a.userId}`);
      if (a.teamId !== undefined && state.teams.get(a.teamId)?.orgId !== item.orgId) problems.push(`${item.uid} ACL names foreign team ${a.teamId}`);
    }
  }
  const owners = new Map<string, number>();
  for (const user of state.users.values()) {
    for (const key of [user.login.toLowerCase(), user.email.toLowerCase()]) {
      if ((owners.get(key) ?? user.id) !== user.id) problems.push(`login or email ${key} used by two users`);
      owners.set(key, user.id);
    }
  }
  for (const user of state.users.values()) {
    if (user.currentOrgId !== 0 && !state.orgs.get(user.currentOrgId)?.members.has(user.id)) problems.push(`user ${user.login} acts in an org they left`);
  }
  return problems;
}
