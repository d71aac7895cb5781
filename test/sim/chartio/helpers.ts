import { startChartioSim, type ChartioSim, type ChartioSimOptions } from '../../../src/sim/chartio/server.js';
import { jsonRequest, type ApiResponse } from '../shared/json-request.js';

export const AUTH = `Basic ${Buffer.from('sim-key:sim-secret').toString('base64')}`;

export type { ApiResponse } from '../shared/json-request.js';

export interface CallOptions {
  body?: unknown;
  /** A raw body string sent as is. */
  rawBody?: string;
  /** Authorization header; `null` sends none. Default: the simulator's credentials. */
  auth?: string | null;
}

/** A request against the simulator; `path` is relative to the API root (`/example-org/users`) or absolute from the host (`/__sim/state`). */
export async function call(sim: ChartioSim, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const url = path.startsWith('/__sim') || /^\/v\d/.test(path) ? sim.url.replace(/\/v1$/, '') + path : sim.url + path;
  const auth = options.auth === undefined ? AUTH : options.auth;
  return jsonRequest(url, method, { body: options.body, rawBody: options.rawBody, headers: auth === null ? {} : { authorization: auth } });
}

/** A clock tests move by hand: the simulator's `now`. */
export interface TestClock {
  t: number;
  now: () => number;
  advance(ms: number): void;
}

export function testClock(start = Date.UTC(2024, 0, 15, 12, 0, 0)): TestClock {
  const clock: TestClock = {
    t: start,
    now: () => clock.t,
    advance: (ms) => {
      clock.t += ms;
    },
  };
  return clock;
}

/**
 * The contract fixture:
 *   users 1 owner (Owners), 2 alice (Marketing), 3 bob (Marketing, Sales), 4 shared (Added from Dashboard only)
 *   teams 1 Owners, 2 Added from Dashboard, 3 Marketing, 4 Sales
 *   dashboards 1 example-dashboard (perm 1 Marketing editor, perm 2 alice viewer), 2 empty-dashboard
 *   datasources 1 data-warehouse (perm 1 Marketing editor), 2 events (no perms)
 */
export const FIXTURE = {
  org: 'example-org',
  users: [
    { email: 'owner@example.com', display_name: 'Org Owner' },
    { email: 'alice@example.com', display_name: 'Alice' },
    { email: 'bob@example.com', display_name: 'Bob' },
    { email: 'shared@example.com', display_name: 'Shared Viewer' },
  ],
  teams: [
    { name: 'Owners', members: ['owner@example.com'] },
    { name: 'Added from Dashboard', members: ['shared@example.com'] },
    { name: 'Marketing', members: ['alice@example.com', 'bob@example.com'] },
    { name: 'Sales', members: ['bob@example.com'] },
  ],
  dashboards: [
    {
      slug: 'example-dashboard',
      title: 'Example Dashboard',
      permissions: [
        { team: 'Marketing', access_level: 'editor' },
        { user: 'alice@example.com', access_level: 'viewer' },
      ],
    },
    { slug: 'empty-dashboard', title: 'Empty' },
  ],
  datasources: [
    { slug: 'data-warehouse', alias: 'Data Warehouse', dstype: 'Redshift', permissions: [{ team: 'Marketing', access_level: 'editor' }] },
    { slug: 'events', alias: 'Events', dstype: 'PostgreSQL' },
  ],
};

export async function startFixtureSim(options: ChartioSimOptions = {}): Promise<ChartioSim> {
  return startChartioSim({ data: FIXTURE, ...options });
}

/** Invariants no sequence of API calls may break (checked on the store, not through the API). */
export function storeInvariants(sim: ChartioSim): string[] {
  const problems: string[] = [];
  const state = sim.store.state;
  for (const team of state.teams.values()) {
    for (const userId of team.members) {
      if (!state.users.has(userId)) problems.push(`team ${team.id} has unknown member ${userId}`);
      if (!state.userTeams.get(userId)?.has(team.id)) problems.push(`index misses ${userId} in team ${team.id}`);
    }
    if (team.kind === 'owners' && team.members.size === 0) problems.push('Owners team is empty');
  }
  for (const user of state.users.values()) {
    const teams = state.userTeams.get(user.id) ?? new Set<number>();
    if (teams.size === 0) problems.push(`user ${user.email} is in no team`);
    for (const teamId of teams) if (!state.teams.get(teamId)?.members.has(user.id)) problems.push(`index has ${user.id} in ${teamId} wrongly`);
  }
  const emails = [...state.users.values()].map((u) => u.email.toLowerCase());
  if (new Set(emails).size !== emails.length) problems.push('duplicate emails');
  const names = [...state.teams.values()].map((t) => t.name);
  if (new Set(names).size !== names.length) problems.push('duplicate team names');
  for (const resource of [...state.dashboards.values(), ...state.datasources.values()]) {
    const principals = new Set<string>();
    for (const p of resource.permissions.values()) {
      const key = `${p.principal.type}:${p.principal.id}`;
      if (principals.has(key)) problems.push(`duplicate permission ${key} on ${resource.slug}`);
      principals.add(key);
      const exists = p.principal.type === 'team' ? state.teams.has(p.principal.id) : state.users.has(p.principal.id);
      if (!exists) problems.push(`permission ${p.id} on ${resource.slug} names a missing ${key}`);
    }
  }
  if (state.users.size > sim.store.maxUsers) problems.push('over the user limit');
  if (state.teams.size > sim.store.maxTeams) problems.push('over the team limit');
  return problems;
}
