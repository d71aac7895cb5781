import { describe, expect, it } from 'vitest';
import { call, startFixtureSim } from './helpers.js';

describe('/__sim/ hooks (shared with the Chartio simulator)', () => {
  it('state shows the data without passwords; reset restores it; requests logs the API calls', async () => {
    const sim = await startFixtureSim();
    try {
      const initial = (await call(sim, 'GET', '/__sim/state', { auth: null })).body;
      expect(initial.users[0]).toMatchObject({ login: 'admin', hasPassword: true, isGrafanaAdmin: true });
      expect(JSON.stringify(initial)).not.toContain('alice-pw');
      expect(initial.orgs.map((o: { name: string }) => o.name)).toEqual(['Main Org.', 'Ops']);
      expect((await call(sim, 'POST', '/api/teams', { body: { name: 'New' } })).status).toBe(200);
      expect((await call(sim, 'GET', '/api/nope')).status).toBe(404);
      const log = (await call(sim, 'GET', '/__sim/requests')).body.requests;
      expect(log.map((r: { method: string; path: string; status: number }) => [r.method, r.path, r.status])).toEqual([
        ['POST', '/api/teams', 200],
        ['GET', '/api/nope', 404],
      ]);
      expect((await call(sim, 'GET', '/__sim/state')).body).not.toEqual(initial);
      expect((await call(sim, 'POST', '/__sim/reset')).status).toBe(204);
      expect((await call(sim, 'GET', '/__sim/state')).body).toEqual(initial);
      expect((await call(sim, 'GET', '/__sim/requests')).body.requests).toEqual([]);
      expect((await call(sim, 'GET', '/__sim/reset')).status).toBe(405);
    } finally {
      await sim.close();
    }
  });

  it('paths outside /api are 404 without auth', async () => {
    const sim = await startFixtureSim();
    try {
      expect((await call(sim, 'GET', '/login', { auth: null })).status).toBe(404);
    } finally {
      await sim.close();
    }
  });
});
