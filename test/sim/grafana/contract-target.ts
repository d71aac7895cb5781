import type { GrafanaVersion } from '../../../src/sim/grafana/version.js';
import type { Case } from './contract-case.js';
import { basic, call, type CallTarget } from './helpers.js';

/**
 * Running the contract suite against a real Grafana (`GRAFANA_CONTRACT_URL=http://… npm run
 * test:contract`). The cases name the fixture's ids (helpers.ts FIXTURE), so the instance must
 * be fresh - only the `admin` user, org 1, nothing else - and is then provisioned with the
 * fixture through the public API (provision-fixture.ts). There is no `/__sim/reset` there, so
 * only the cases that cannot change anything run (`skipReason`).
 */
export interface RealTargetConfig {
  url: string;
  user: string;
  password: string;
}

export interface RealTarget extends RealTargetConfig {
  /** What `/api/health` reported, e.g. `12.2.1`. */
  buildVersion: string;
  /** The release line whose versioned cases apply. */
  version: GrafanaVersion;
}

export class ContractTargetError extends Error {
  override readonly name = 'ContractTargetError';
}

/**
 * `GRAFANA_CONTRACT_URL` (unset: run against simulators), `GRAFANA_CONTRACT_USER` and
 * `GRAFANA_CONTRACT_PASSWORD` (default admin/admin). A URL that is not http(s) is refused
 * before any request is made.
 */
export function realTargetFromEnv(env: Record<string, string | undefined>): RealTargetConfig | undefined {
  const raw = env['GRAFANA_CONTRACT_URL']?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ContractTargetError(`GRAFANA_CONTRACT_URL must be an http:// or https:// URL of a Grafana, got ${JSON.stringify(raw)}; nothing was sent.`);
  }
  return { url: raw.replace(/\/+$/, ''), user: env['GRAFANA_CONTRACT_USER'] || 'admin', password: env['GRAFANA_CONTRACT_PASSWORD'] || 'admin' };
}

/** 10.4.x → 10.4, 11.x → 11, 12.x → 12; the simulator imitates no other line. */
export function releaseLine(buildVersion: string): GrafanaVersion {
  const match = /^v?(\d+)\.(\d+)\./.exec(buildVersion.trim());
  const [major, minor] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (major === 10 && minor === 4) return '10.4';
  if (major === 11) return '11';
  if (major === 12) return '12';
  throw new ContractTargetError(`Grafana ${buildVersion || '(version hidden)'} is not a release line the contract cases describe (10.4.x, 11.x, 12.x).`);
}

/** The admin's own view of the target: basic auth with the configured credentials. */
export function adminTarget(config: RealTargetConfig): { target: CallTarget; admin: string } {
  return { target: { url: config.url }, admin: basic(config.user, config.password) };
}

/**
 * Reads the version (`/api/health`; `buildInfo.version` of `/api/frontend/settings` when the
 * instance hides it from anonymous callers) and refuses, with one message naming everything
 * found, an instance that is not fresh.
 */
export async function connectRealTarget(config: RealTargetConfig): Promise<RealTarget> {
  const { target, admin } = adminTarget(config);
  const get = (path: string, orgId?: number) =>
    call(target, 'GET', path, { auth: admin, orgId }).catch((error: unknown) => {
      throw new ContractTargetError(`cannot reach ${config.url}: ${error instanceof Error ? error.message : String(error)}`);
    });
  const health = await get('/api/health');
  let buildVersion: string = typeof health.body?.version === 'string' ? health.body.version : '';
  const signIn = await get('/api/user');
  if (signIn.status === 401) throw new ContractTargetError(`${config.url}: cannot sign in as ${config.user} (set GRAFANA_CONTRACT_USER and GRAFANA_CONTRACT_PASSWORD).`);
  if (buildVersion === '') {
    const settings = await get('/api/frontend/settings');
    buildVersion = typeof settings.body?.buildInfo?.version === 'string' ? settings.body.buildInfo.version : '';
  }
  const version = releaseLine(buildVersion);
  const problems = await freshnessProblems(get, config.user);
  if (problems.length > 0) {
    throw new ContractTargetError(
      `${config.url} (Grafana ${buildVersion}) is not a fresh Grafana: ${problems.join('; ')}. ` +
        'The contract cases name the fixture\'s ids, so they need an instance with only its admin user, e.g. a new `docker run --rm -p 3000:3000 grafana/grafana:12.2.1`.',
    );
  }
  return { ...config, buildVersion, version };
}

type Get = (path: string, orgId?: number) => ReturnType<typeof call>;

async function freshnessProblems(get: Get, adminLogin: string): Promise<string[]> {
  const problems: string[] = [];
  const users = await get('/api/users/search?perpage=100');
  if (users.status !== 200) return [`GET /api/users/search answered ${users.status} (the user must be a server admin)`];
  const others = (users.body.users as Array<{ id: number; login: string }>).filter((u) => u.login !== adminLogin);
  if (others.length > 0) problems.push(`users besides ${adminLogin}: ${others.map((u) => u.login).join(', ')}`);
  const admin = (users.body.users as Array<{ id: number; login: string }>).find((u) => u.login === adminLogin);
  if (admin && admin.id !== 1) problems.push(`${adminLogin} is user ${admin.id}, not 1`);
  const orgsRes = await get('/api/orgs');
  if (!Array.isArray(orgsRes.body)) return [...problems, `GET /api/orgs answered ${orgsRes.status}`];
  const orgs = orgsRes.body as Array<{ id: number; name: string }>;
  const extraOrgs = orgs.filter((o) => o.id !== 1);
  if (extraOrgs.length > 0) problems.push(`orgs besides org 1: ${extraOrgs.map((o) => o.name).join(', ')}`);
  const main = orgs.find((o) => o.id === 1);
  if (main?.name !== 'Main Org.') problems.push(main ? `org 1 is called "${main.name}", not "Main Org."` : 'there is no org 1');
  const teams = await get('/api/teams/search', 1);
  if (teams.body?.totalCount > 0) problems.push(`${teams.body.totalCount} team(s)`);
  const hits = (await get('/api/search', 1)).body;
  if (Array.isArray(hits) && hits.length > 0) problems.push(`folders or dashboards: ${hits.map((h: { title: string }) => h.title).join(', ')}`);
  // Service accounts are rows of Grafana's user table: any of them shifts the users' ids.
  const serviceAccounts = await get('/api/serviceaccounts/search', 1);
  if (serviceAccounts.body?.totalCount > 0) problems.push(`${serviceAccounts.body.totalCount} service account(s)`);
  return problems;
}

/**
 * Why a case cannot run against a real instance, or undefined when it can: without a reset
 * between cases, only requests that cannot change state run - no `setup`, and a GET or an
 * expected failure (≥ 400, which Grafana must refuse without changing anything).
 */
export function skipReason(c: Case, version: GrafanaVersion): string | undefined {
  if (c.versions && !c.versions.includes(version)) return `describes Grafana ${c.versions.join(', ')}`;
  if (c.setup && c.setup.length > 0) return 'needs setup requests (no reset on a real Grafana)';
  if (c.method !== 'GET' && c.status < 400) return `a ${c.method} that succeeds changes state`;
  return undefined;
}
