import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartioSim } from '../../../src/sim/chartio/server.js';
import { startChartioSim } from '../../../src/sim/chartio/server.js';
import { call, FIXTURE, startFixtureSim, storeInvariants } from './helpers.js';

/** Seed: "Orgs are limited to 10,000 users" and "to 2,000 teams" (403 beyond). */
describe('org limits', () => {
  let sim: ChartioSim;
  beforeAll(async () => {
    // `--generate large` builds an org exactly at both limits.
    sim = await startChartioSim({ generate: 'large', seed: 7 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('the large org is at the limits', async () => {
    expect((await call(sim, 'GET', '/example-org/users')).body.count).toBe(10_000);
    expect((await call(sim, 'GET', '/example-org/teams')).body.count).toBe(2_000);
    expect(storeInvariants(sim)).toEqual([]);
  });

  it('POST /users with a new email is 403 at 10,000 users', async () => {
    const res = await call(sim, 'POST', '/example-org/users', { body: { email: 'one-more@example.com', team: { id: 3 } } });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Orgs are limited to 10,000 users.');
  });

  it('PATCH /teams/{id}/users inviting a new email is 403 at 10,000 users', async () => {
    const res = await call(sim, 'PATCH', '/example-org/teams/3/users', { body: { email: 'one-more@example.com' } });
    expect(res.status).toBe(403);
  });

  it('existing users can still join teams at the limit', async () => {
    const team = (await call(sim, 'GET', '/example-org/teams/3')).body;
    const memberIds = new Set(team._embedded.users.map((u: { id: number }) => u.id));
    const outsider = [...Array(10_000).keys()].map((i) => i + 1).find((id) => !memberIds.has(id));
    const res = await call(sim, 'PATCH', '/example-org/teams/3/users', { body: { id: outsider } });
    expect(res.status).toBe(200);
  });

  it('POST /teams is 403 at 2,000 teams, and allowed again after a delete', async () => {
    const res = await call(sim, 'POST', '/example-org/teams', { body: { name: 'One More' } });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Orgs are limited to 2,000 teams.');
    const empty = await call(sim, 'POST', '/__sim/reset');
    expect(empty.status).toBe(204);
    // Find a team whose members all have another team, delete it, then create one.
    const state = sim.store.state;
    const deletable = [...state.teams.values()].find(
      (t) => t.kind === 'normal' && [...t.members].every((u) => (state.userTeams.get(u)?.size ?? 0) > 1),
    );
    expect(deletable).toBeDefined();
    expect((await call(sim, 'DELETE', `/example-org/teams/${deletable?.id}`)).status).toBe(204);
    expect((await call(sim, 'POST', '/example-org/teams', { body: { name: 'One More' } })).status).toBe(201);
    expect((await call(sim, 'POST', '/example-org/teams', { body: { name: 'Two More' } })).status).toBe(403);
  });

  it('one under the limit: the next user is created, the one after is refused', async () => {
    const users = Array.from({ length: 9_999 }, (_, i) => ({ email: `u${i}@example.com` }));
    const near = await startChartioSim({ data: { users, teams: [{ name: 'Owners', members: users.map((u) => u.email) }] } });
    try {
      const first = await call(near, 'POST', '/example-org/users', { body: { email: 'last@example.com', team: { id: 1 } } });
      expect(first.status).toBe(201);
      const second = await call(near, 'POST', '/example-org/users', { body: { email: 'over@example.com', team: { id: 1 } } });
      expect(second.status).toBe(403);
    } finally {
      await near.close();
    }
  });

  it('limits are options, so small orgs can test them too', async () => {
    const small = await startFixtureSim({ maxUsers: FIXTURE.users.length, maxTeams: FIXTURE.teams.length });
    try {
      expect((await call(small, 'POST', '/example-org/teams', { body: { name: 'X' } })).status).toBe(403);
      expect((await call(small, 'POST', '/example-org/users', { body: { email: 'x@example.com', team: { id: 3 } } })).body.message).toBe(
        'Orgs are limited to 4 users.',
      );
    } finally {
      await small.close();
    }
  });
});
