import { buildState } from '../../../src/sim/grafana/seed-data.js';
import type { GrafanaState } from '../../../src/sim/grafana/state.js';
import type { Case } from './contract-case.js';
import { adminTarget, skipReason, type RealTarget } from './contract-target.js';
import { ADMIN, basic, call, FIXTURE, type CallTarget } from './helpers.js';
import { provisionFixture } from './provision-fixture.js';

/** Thrown by the `store` of the stand-in passed to `after` hooks: a real Grafana has no store to read. */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
  constructor() {
    super('this check reads the simulator\'s store; a real Grafana has none');
  }
}

/** The contract suite's plan for one real instance: which cases run, how to provision, how to check nothing changed. */
export interface RealRun {
  target: RealTarget;
  runnable: Array<[name: string, c: Case]>;
  skipped: Array<[name: string, reason: string]>;
  /** Provisions the fixture and takes the snapshot later compared by `snapshot`. */
  provision(): Promise<void>;
  /** The fixture's token strings → the keys Grafana made (after `provision`). */
  tokens: Map<string, string>;
  snapshot(): Promise<unknown>;
  initialSnapshot(): unknown;
}

export function realRuns(target: RealTarget, cases: readonly Case[]): RealRun {
  const runnable: RealRun['runnable'] = [];
  const skipped: RealRun['skipped'] = [];
  for (const c of cases) {
    const name = c.versions ? `[${target.version}] ${c.name}` : c.name;
    const reason = skipReason(c, target.version);
    if (reason === undefined) runnable.push([name, c]);
    // A case for other release lines is named without a line: it does not apply here at all.
    else skipped.push([c.versions && !c.versions.includes(target.version) ? `[${c.versions.join(', ')}] ${c.name}` : name, reason]);
  }
  console.log(
    `Grafana contract suite against ${target.url} (Grafana ${target.buildVersion}: the cases for ${target.version}); ` +
      `${runnable.length} cases run, ${skipped.length} are skipped (they change state or describe another release line).`,
  );
  const plan = buildState(FIXTURE);
  let initial: unknown;
  const run: RealRun = {
    target,
    runnable,
    skipped,
    tokens: new Map(),
    async provision() {
      const { target: to, admin } = adminTarget(target);
      run.tokens = await provisionFixture(to, admin);
      initial = await run.snapshot();
    },
    snapshot: () => readBack(target, plan),
    initialSnapshot: () => initial,
  };
  return run;
}

/**
 * What the cases send, translated for the real instance: the fixture's admin/admin becomes the
 * configured credentials, the fixture's token strings the keys Grafana made. As the `sim` of an
 * `after` hook it offers `url` (for `call`) and a `store` that throws StoreUnavailable.
 */
export function realCaseTarget(run: RealRun): CallTarget {
  const adminHeader = basic(run.target.user, run.target.password);
  const authorization = (header: string): string => {
    if (header === ADMIN) return adminHeader;
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    const key = bearer ? run.tokens.get(bearer[1] as string) : undefined;
    return key ? `Bearer ${key}` : header;
  };
  return Object.defineProperty({ url: run.target.url, authorization }, 'store', {
    get() {
      throw new StoreUnavailable();
    },
  });
}

/**
 * The instance as its admins read it: users and orgs (as the server admin), and per org its
 * members, teams and their members, folders and dashboards with their permissions, and service
 * accounts (as an Admin of that org: the server admin need not belong to it). Volatile fields
 * (last seen, timestamps, avatars) are left out.
 */
async function readBack(target: RealTarget, plan: GrafanaState): Promise<unknown> {
  const { target: to, admin } = adminTarget(target);
  const get = async (path: string, auth = admin, orgId?: number) => (await call(to, 'GET', path, { auth, orgId })).body;
  const pick = (items: unknown, keys: string[]) => (Array.isArray(items) ? items.map((i) => Object.fromEntries(keys.map((k) => [k, i[k]]))) : items);
  const users = await get('/api/users/search?perpage=5000');
  const result: Record<string, unknown> = {
    users: pick(users?.users, ['id', 'login', 'email', 'name', 'isAdmin', 'isDisabled']),
    orgs: pick(await get('/api/orgs?perpage=5000'), ['id', 'name']),
  };
  for (const org of plan.orgs.values()) {
    const orgAdmin = org.id === 1 ? admin : orgAdminCredentials(plan, org.id);
    if (!orgAdmin) continue;
    const teams = pick((await get('/api/teams/search?perpage=5000', orgAdmin, org.id))?.teams, ['id', 'name', 'email', 'memberCount']) as Array<{ id: number }>;
    const hits = pick(await get('/api/search?limit=5000', orgAdmin, org.id), ['uid', 'title', 'type', 'folderUid']) as Array<{ uid: string; type: string }>;
    const permissionsOf = async (hit: { uid: string; type: string }) =>
      pick(await get(hit.type === 'dash-folder' ? `/api/folders/${hit.uid}/permissions` : `/api/dashboards/uid/${hit.uid}/permissions`, orgAdmin, org.id), ['userId', 'teamId', 'role', 'permission']);
    result[`org ${org.id}`] = {
      members: pick(await get(`/api/orgs/${org.id}/users`), ['userId', 'role']),
      teams: await Promise.all(teams.map(async (t) => ({ ...t, members: pick(await get(`/api/teams/${t.id}/members`, orgAdmin, org.id), ['userId', 'permission']) }))),
      items: await Promise.all(hits.map(async (h) => ({ ...h, permissions: await permissionsOf(h) }))),
      serviceAccounts: pick((await get('/api/serviceaccounts/search', orgAdmin, org.id))?.serviceAccounts, ['id', 'name', 'role', 'tokens']),
    };
  }
  return result;
}

/** Basic auth of a fixture user who is an Admin of the org and has a password. */
function orgAdminCredentials(plan: GrafanaState, orgId: number): string | undefined {
  const org = plan.orgs.get(orgId);
  for (const [userId, role] of org?.members ?? []) {
    const user = plan.users.get(userId);
    if (role === 'Admin' && user?.password) return basic(user.login, user.password);
  }
  return undefined;
}
