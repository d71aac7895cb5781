import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChartioSim } from '../../../src/sim/chartio/server.js';
import { call, startFixtureSim, storeInvariants } from './helpers.js';

/** Writes are atomic: concurrent requests never leave the org inconsistent (issue 3). */
describe('concurrent writes', () => {
  let sim: ChartioSim;
  beforeEach(async () => {
    sim = await startFixtureSim({ latencyMs: 2 });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('many POST /teams with one name: exactly one 201, the rest 409', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => call(sim, 'POST', '/example-org/teams', { body: { name: 'Race' } })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(29);
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('many POST /users, some with the same email: one user per email, ids unique', async () => {
    const emails = Array.from({ length: 40 }, (_, i) => `racer${i % 10}@example.com`);
    const results = await Promise.all(emails.map((email) => call(sim, 'POST', '/example-org/users', { body: { email, team: { id: 4 } } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409)).toHaveLength(30);
    const users = await call(sim, 'GET', '/example-org/users');
    expect(users.body.count).toBe(14);
    expect(new Set(users.body.users.map((u: { id: number }) => u.id)).size).toBe(14);
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('removing a user from all their teams at once: the last removal is refused', async () => {
    // bob is in Marketing (3) and Sales (4); add him to a third team first.
    expect((await call(sim, 'PATCH', '/example-org/teams/owners/users', { body: { id: 3 } })).status).toBe(200);
    const results = await Promise.all(
      [1, 3, 4].map((team) => call(sim, 'DELETE', `/example-org/teams/${team}/users/3`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([204, 204, 400]);
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('deleting every owner at once leaves exactly one', async () => {
    for (const id of [2, 3]) expect((await call(sim, 'PATCH', '/example-org/teams/owners/users', { body: { id } })).status).toBe(200);
    const results = await Promise.all([1, 2, 3].map((id) => call(sim, 'DELETE', `/example-org/users/${id}`)));
    expect(results.map((r) => r.status).sort()).toEqual([204, 204, 400]);
    const owners = await call(sim, 'GET', '/example-org/teams/owners');
    expect(owners.body._embedded.users).toHaveLength(1);
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('upserting one principal concurrently yields one permission', async () => {
    const levels = ['viewer', 'editor', 'admin'];
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        call(sim, 'POST', '/example-org/dashboards/2/permissions', { body: { team_id: 4, access_level: levels[i % 3] } }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(23);
    const list = await call(sim, 'GET', '/example-org/dashboards/2/permissions');
    expect(list.body.count).toBe(1);
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('a mixed burst of writes keeps every invariant', async () => {
    const requests: Array<[string, string, unknown?]> = [];
    for (let i = 0; i < 20; i++) {
      requests.push(['POST', '/example-org/teams', { name: `Burst ${i % 5}` }]);
      requests.push(['POST', '/example-org/users', { email: `burst${i % 7}@example.com`, team: { id: 3 + (i % 2) } }]);
      requests.push(['PATCH', `/example-org/teams/${3 + (i % 2)}/users`, { id: 1 + (i % 4) }]);
      requests.push(['DELETE', `/example-org/teams/${3 + (i % 2)}/users/${1 + (i % 4)}`]);
      requests.push(['POST', '/example-org/datasources/2/permissions', { user_id: 1 + (i % 4), access_level: i % 2 ? 'admin' : 'editor' }]);
      requests.push(['DELETE', `/example-org/users/${5 + (i % 8)}`]);
      requests.push(['DELETE', `/example-org/teams/${5 + (i % 5)}`]);
    }
    const results = await Promise.all(requests.map(([m, p, b]) => call(sim, m, p, { body: b })));
    expect(results.every((r) => r.status < 500)).toBe(true);
    expect(storeInvariants(sim)).toEqual([]);
  });
});
