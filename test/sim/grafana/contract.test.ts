import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrafanaSim } from '../../../src/sim/grafana/server.js';
import { DEFAULT_GRAFANA_VERSION, GRAFANA_VERSIONS, type GrafanaVersion } from '../../../src/sim/grafana/version.js';
import type { Case } from './contract-case.js';
import { dashboardCases } from './contract-dashboards.js';
import { dataSourceWriteCases } from './contract-datasources-writes.js';
import { dataSourceReadCases } from './contract-datasources.js';
import { folderCases } from './contract-folders.js';
import { orgCases } from './contract-orgs.js';
import { realCaseTarget, realRuns, StoreUnavailable, type RealRun } from './contract-real-run.js';
import { searchCases } from './contract-search.js';
import { serviceAccountCases } from './contract-service-accounts.js';
import { settingsCases } from './contract-settings.js';
import { connectRealTarget, realTargetFromEnv } from './contract-target.js';
import { teamCases } from './contract-teams.js';
import { userCases } from './contract-users.js';
import { call, startFixtureSim, storeInvariants, type CallTarget } from './helpers.js';
import { openApiChecker } from './openapi.js';

/**
 * The contract suite: every endpoint the simulator serves and the status codes Grafana answers,
 * against the fixture in helpers.ts. Each case starts from a reset simulator. Every JSON body
 * is validated against Grafana's OpenAPI file (openapi.ts); a failed write must change nothing.
 *
 * With GRAFANA_CONTRACT_URL set (`npm run test:contract`), the same cases run against that
 * Grafana instead: contract-target.ts checks it is fresh and picks the release line,
 * contract-real-run.ts provisions the fixture and says which cases can run there.
 */
const cases: Case[] = [
  ...orgCases, ...userCases, ...teamCases, ...folderCases, ...dashboardCases, ...searchCases,
  ...dataSourceReadCases, ...dataSourceWriteCases, ...settingsCases, ...serviceAccountCases,
];
const openapi = openApiChecker();

function schemaErrors(c: Case, status: number, body: unknown): string[] {
  if (c.definition === null) return [];
  if (c.definition !== undefined) return openapi.checkDefinition(status >= 400 ? 'ErrorResponseBody' : c.definition, body);
  return openapi.check(c.method, c.path, status, body);
}

/** Each case once per release line it names (`[10.4] …`), or once against the default line. */
const runs = cases.flatMap((c) => (c.versions ?? [DEFAULT_GRAFANA_VERSION]).map((version) => [c.versions ? `[${version}] ${c.name}` : c.name, c, version] as const));

const realConfig = realTargetFromEnv(process.env);
const real: RealRun | undefined = realConfig ? realRuns(await connectRealTarget(realConfig), cases) : undefined;

/** One case against one target: the simulator (reset first, state compared) or a real Grafana (neither). */
async function runCase(c: Case, target: CallTarget, sim: GrafanaSim | undefined): Promise<void> {
  if (sim) expect((await call(sim, 'POST', '/__sim/reset')).status).toBe(204);
  for (const [method, path, body] of c.setup ?? []) {
    const res = await call(target, method, path, { body });
    expect(res.status, `setup ${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  }
  const before = sim ? (await call(sim, 'GET', '/__sim/state')).body : undefined;
  const res = await call(target, c.method, c.path, { body: c.body, rawBody: c.rawBody, auth: c.auth, orgId: c.orgId });
  expect(res.status, JSON.stringify(res.body)).toBe(c.status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body).toMatchObject(c.expect ?? {});
  if (c.status >= 400) expect(typeof res.body.message).toBe('string');
  expect(schemaErrors(c, res.status, res.body)).toEqual([]);
  if (sim && c.status >= 400) expect((await call(sim, 'GET', '/__sim/state')).body).toEqual(before);
  try {
    await c.after?.(res, sim ?? (target as GrafanaSim));
  } catch (error) {
    // Against a real Grafana, a follow-up check that reads the simulator's store is skipped.
    if (!(error instanceof StoreUnavailable)) throw error;
    console.info(`${c.name}: follow-up check skipped (${error.message})`);
  }
  if (sim) expect(storeInvariants(sim)).toEqual([]);
}

/** Against a real Grafana the simulator suite is not registered at all (rather than listed as skipped). */
const describeSimulators = real ? ((() => undefined) as unknown as typeof describe) : describe;

describeSimulators('Grafana simulator contract (seed: Organization HTTP API; OpenAPI: grafana-openapi2.json)', () => {
  const sims = new Map<GrafanaVersion, GrafanaSim>();
  beforeAll(async () => {
    for (const version of GRAFANA_VERSIONS) sims.set(version, await startFixtureSim({ grafanaVersion: version }));
  });
  afterAll(async () => {
    for (const sim of sims.values()) await sim.close();
  });

  it.each(runs)('%s', async (_name, c, version) => {
    const sim = sims.get(version) as GrafanaSim;
    await runCase(c, sim, sim);
  });

  it('covers every operation of the OpenAPI file the simulator claims to serve', () => {
    const served = new Set(cases.filter((c) => c.definition === undefined).map((c) => `${c.method} ${openapi.operation(c.method, c.path)}`));
    const expected = [
      'GET /org', 'PUT /org', 'GET /org/users', 'POST /org/users', 'GET /org/users/lookup', 'PATCH /org/users/{user_id}', 'DELETE /org/users/{user_id}',
      'GET /orgs', 'POST /orgs', 'GET /orgs/{org_id}', 'PUT /orgs/{org_id}', 'DELETE /orgs/{org_id}', 'GET /orgs/name/{org_name}',
      'GET /orgs/{org_id}/users', 'POST /orgs/{org_id}/users', 'GET /orgs/{org_id}/users/search', 'PATCH /orgs/{org_id}/users/{user_id}', 'DELETE /orgs/{org_id}/users/{user_id}',
      'GET /users', 'GET /users/search', 'GET /users/lookup', 'GET /users/{user_id}', 'PUT /users/{user_id}', 'GET /users/{user_id}/orgs',
      'POST /admin/users', 'DELETE /admin/users/{user_id}', 'PUT /admin/users/{user_id}/permissions', 'GET /user', 'PUT /user', 'GET /user/orgs', 'POST /user/using/{org_id}',
      'GET /teams/search', 'POST /teams', 'GET /teams/{team_id}', 'PUT /teams/{team_id}', 'DELETE /teams/{team_id}', 'GET /teams/{team_id}/members',
      'POST /teams/{team_id}/members', 'PUT /teams/{team_id}/members/{user_id}', 'DELETE /teams/{team_id}/members/{user_id}',
      'GET /datasources', 'POST /datasources', 'GET /datasources/{id}', 'PUT /datasources/{id}', 'DELETE /datasources/{id}',
      'GET /datasources/uid/{uid}', 'PUT /datasources/uid/{uid}', 'DELETE /datasources/uid/{uid}', 'GET /datasources/name/{name}',
      'DELETE /datasources/name/{name}', 'GET /datasources/id/{name}', 'GET /users/{user_id}/teams',
      'GET /serviceaccounts/search', 'POST /serviceaccounts', 'GET /serviceaccounts/{serviceAccountId}', 'POST /serviceaccounts/{serviceAccountId}/tokens',
      'GET /folders', 'POST /folders', 'GET /folders/{folder_uid}', 'PUT /folders/{folder_uid}', 'DELETE /folders/{folder_uid}', 'POST /folders/{folder_uid}/move',
      'GET /folders/{folder_uid}/permissions', 'POST /folders/{folder_uid}/permissions',
      'POST /dashboards/db', 'GET /dashboards/uid/{uid}', 'DELETE /dashboards/uid/{uid}', 'GET /dashboards/uid/{uid}/permissions', 'POST /dashboards/uid/{uid}/permissions', 'GET /search',
    ];
    expect(expected.filter((op) => !served.has(op))).toEqual([]);
  });
});

if (real) {
  const run = real;
  describe(`Grafana contract against ${run.target.url} (Grafana ${run.target.buildVersion})`, () => {
    beforeAll(async () => run.provision(), 60_000);
    it.each(run.runnable)('%s', async (_name, c) => runCase(c, realCaseTarget(run), undefined));
    for (const [name, reason] of run.skipped) it.skip(`${name} [skipped against a real Grafana: ${reason}]`, () => undefined);
    it('no case changed the instance (compared by reading it back as its admins)', async () => expect(await run.snapshot()).toEqual(run.initialSnapshot()));
  });
}

