import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GrafanaSim } from '../../../src/sim/grafana/server.js';
import { call, startFixtureSim, storeInvariants } from './helpers.js';

/** Writes are atomic: parallel requests never leave the store inconsistent. */
describe('concurrent writes', () => {
  let sim: GrafanaSim;
  beforeEach(async () => {
    sim = await startFixtureSim({ latencyMs: 2 });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('many POST /api/teams with one name: exactly one 200, the rest 409', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => call(sim, 'POST', '/api/teams', { body: { name: 'Race' } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(29);
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('many POST /api/admin/users, some with the same login: one user per login, ids unique', async () => {
    const logins = Array.from({ length: 40 }, (_, i) => `racer${i % 10}`);
    const results = await Promise.all(logins.map((login) => call(sim, 'POST', '/api/admin/users', { body: { login, password: 'pass-word' } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => r.status === 412)).toHaveLength(30);
    const ids = results.filter((r) => r.status === 200).map((r) => r.body.id as number);
    expect(new Set(ids).size).toBe(10);
    expect((await call(sim, 'GET', '/api/users/search')).body.totalCount).toBe(16);
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('adding and removing org members, team members and permissions in parallel keeps references whole', async () => {
    const requests = [
      ...[3, 4, 6].map((id) => call(sim, 'DELETE', `/api/org/users/${id}`)),
      ...[3, 4, 6].map((userId) => call(sim, 'POST', '/api/teams/1/members', { body: { userId } })),
      ...[3, 4, 6].map((userId) => call(sim, 'POST', '/api/folders/infra/permissions', { body: { items: [{ userId, permission: 1 }] } })),
      call(sim, 'DELETE', '/api/teams/1'),
      call(sim, 'POST', '/api/dashboards/uid/nodes/permissions', { body: { items: [{ teamId: 1, permission: 2 }] } }),
      call(sim, 'DELETE', '/api/orgs/2'),
      call(sim, 'POST', '/api/orgs/2/users', { body: { loginOrEmail: 'dave', role: 'Viewer' } }),
    ];
    const results = await Promise.all(requests);
    // 500: a permission POST naming a team deleted meanwhile (Grafana's validateTeam error is unmapped).
    for (const r of results) expect([200, 400, 404, 409, 500]).toContain(r.status);
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('parallel folder creation with one uid: one folder', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => call(sim, 'POST', '/api/folders', { body: { uid: 'same', title: `Title ${i}` } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect([...sim.store.state.folders.values()].filter((f) => f.uid === 'same')).toHaveLength(1);
  });
});
