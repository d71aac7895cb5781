import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GrafanaSim } from '../../../src/sim/grafana/server.js';
import { basic, bearer, call, startFixtureSim, storeInvariants } from './helpers.js';

/** The last-Admin rule and the token-versus-Basic scope, as sequences. */
describe('last org Admin', () => {
  let sim: GrafanaSim;
  beforeAll(async () => {
    sim = await startFixtureSim();
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    await call(sim, 'POST', '/__sim/reset');
  });

  it('promote, then demote: the org never loses its last Admin', async () => {
    // Org 2: alice is the only Admin.
    expect((await call(sim, 'PATCH', '/api/orgs/2/users/2', { body: { role: 'Viewer' } })).status).toBe(400);
    expect((await call(sim, 'DELETE', '/api/orgs/2/users/2')).status).toBe(400);
    expect((await call(sim, 'PATCH', '/api/orgs/2/users/3', { body: { role: 'Admin' } })).status).toBe(200);
    expect((await call(sim, 'PATCH', '/api/orgs/2/users/2', { body: { role: 'Viewer' } })).status).toBe(200);
    // Now bob is the last Admin, and the same rules protect him.
    expect((await call(sim, 'DELETE', '/api/orgs/2/users/3')).body).toEqual({ message: 'Cannot remove last organization admin' });
    expect((await call(sim, 'PATCH', '/api/orgs/2/users/3', { body: { role: 'None' } })).status).toBe(400);
    expect(sim.store.state.orgs.get(2)?.members.get(3)).toBe('Admin');
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('two Admins demoted at once: exactly one succeeds', async () => {
    expect((await call(sim, 'PATCH', '/api/orgs/2/users/3', { body: { role: 'Admin' } })).status).toBe(200);
    const results = await Promise.all([2, 3].map((id) => call(sim, 'PATCH', `/api/orgs/2/users/${id}`, { body: { role: 'Editor' } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(storeInvariants(sim)).toEqual([]);
  });
});

describe('token versus Basic scope', () => {
  let sim: GrafanaSim;
  beforeAll(async () => {
    sim = await startFixtureSim();
  });
  afterAll(async () => {
    await sim.close();
  });

  const serverAdminOnly = ['/api/orgs', '/api/orgs/1', '/api/orgs/name/Ops', '/api/orgs/1/users', '/api/users', '/api/users/search', '/api/users/1', '/api/users/lookup?loginOrEmail=admin'];

  it.each(serverAdminOnly)('GET %s: Basic server admin 200, org-Admin token 403, org-Admin user 403', async (path) => {
    expect((await call(sim, 'GET', path)).status).toBe(200);
    expect((await call(sim, 'GET', path, { auth: bearer('org1-admin') })).status).toBe(403);
    expect((await call(sim, 'GET', path, { auth: basic('alice', 'alice-pw') })).status).toBe(403);
  });

  it('a token sees only its own org; X-Grafana-Org-Id of another org is refused (errAPIKeyOrgMismatch)', async () => {
    for (const [token, org, other] of [['org1-admin', 1, 2], ['org2-admin', 2, 1]] as const) {
      for (const header of [undefined, org]) {
        const res = await call(sim, 'GET', '/api/teams/search', { auth: bearer(token), orgId: header });
        expect(res.body.teams.every((t: { orgId: number }) => t.orgId === org)).toBe(true);
      }
      expect((await call(sim, 'GET', '/api/teams/search', { auth: bearer(token), orgId: other })).status).toBe(401);
    }
    // A team of org 2 is not found through an org-1 token.
    expect((await call(sim, 'GET', '/api/teams/3', { auth: bearer('org1-admin') })).status).toBe(404);
    expect((await call(sim, 'GET', '/api/teams/3', { auth: bearer('org2-admin') })).status).toBe(200);
  });

  it('Basic auth follows X-Grafana-Org-Id across orgs the user belongs to', async () => {
    const alice = basic('alice', 'alice-pw');
    expect((await call(sim, 'GET', '/api/teams/3', { auth: alice })).status).toBe(404);
    expect((await call(sim, 'GET', '/api/teams/3', { auth: alice, orgId: 2 })).status).toBe(200);
    expect((await call(sim, 'GET', '/api/teams/3', { auth: basic('carol', 'carol-pw'), orgId: 2 })).status).toBe(403);
  });

  it('a Viewer token reads but cannot write', async () => {
    const viewer = bearer('org1-viewer');
    expect((await call(sim, 'GET', '/api/folders', { auth: viewer })).status).toBe(200);
    expect((await call(sim, 'POST', '/api/folders', { auth: viewer, body: { title: 'X' } })).status).toBe(403);
    expect((await call(sim, 'PATCH', '/api/org/users/3', { auth: viewer, body: { role: 'Viewer' } })).status).toBe(403);
  });
});
