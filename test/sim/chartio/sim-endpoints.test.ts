import { describe, expect, it } from 'vitest';
import { isAuthorized, parseCredentials } from '../../../src/sim/chartio/auth.js';
import { isLoopback, simEndpoint } from '../../../src/sim/shared/sim-endpoints.js';
import { call, startFixtureSim, testClock } from './helpers.js';

describe('/__sim/ test hooks', () => {
  it('state shows the whole org; reset restores it; requests log method, path, status and time only', async () => {
    const clock = testClock();
    const sim = await startFixtureSim({ now: clock.now, credentials: 'k3y:s3cr3t-value' });
    const auth = `Basic ${Buffer.from('k3y:s3cr3t-value').toString('base64')}`;
    try {
      const before = await call(sim, 'GET', '/__sim/state', { auth: null });
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({
        org: 'example-org',
        users: [{ id: 1, email: 'owner@example.com', team_ids: [1] }, {}, {}, {}],
        teams: [{ id: 1, name: 'Owners', is_owner: true, member_ids: [1] }, {}, {}, {}],
        dashboards: [{ id: 1, permissions: [{ id: 1, team_id: 3, access_level: 'editor' }, { id: 2, user_id: 2, access_level: 'viewer' }] }, {}],
        datasources: [{ id: 1 }, { id: 2 }],
        tasks: [],
      });

      expect((await call(sim, 'POST', '/example-org/teams', { body: { name: 'New' }, auth })).status).toBe(201);
      expect((await call(sim, 'GET', '/example-org/users?page=1', { auth })).status).toBe(200);
      expect((await call(sim, 'GET', '/example-org/users', { auth: null })).status).toBe(401);
      expect((await call(sim, 'GET', '/__sim/state')).body.teams).toHaveLength(5);

      const log = await call(sim, 'GET', '/__sim/requests');
      expect(log.body.requests).toEqual([
        { method: 'POST', path: '/v1/example-org/teams', status: 201, time: '2024-01-15T12:00:00.000Z' },
        { method: 'GET', path: '/v1/example-org/users?page=1', status: 200, time: '2024-01-15T12:00:00.000Z' },
        { method: 'GET', path: '/v1/example-org/users', status: 401, time: '2024-01-15T12:00:00.000Z' },
      ]);
      const raw = JSON.stringify(log.body);
      expect(raw).not.toContain('s3cr3t');
      expect(raw).not.toContain(Buffer.from('k3y:s3cr3t-value').toString('base64'));

      expect((await call(sim, 'POST', '/__sim/reset')).status).toBe(204);
      expect((await call(sim, 'GET', '/__sim/state')).body).toEqual(before.body);
      expect((await call(sim, 'GET', '/__sim/requests')).body.requests).toEqual([]);
      // Ids start over after a reset.
      expect((await call(sim, 'POST', '/example-org/teams', { body: { name: 'New' }, auth })).body.id).toBe(5);
    } finally {
      await sim.close();
    }
  });

  it('unknown hooks are 404 and wrong methods 405', async () => {
    const sim = await startFixtureSim();
    try {
      expect((await call(sim, 'GET', '/__sim/nothing')).status).toBe(404);
      expect((await call(sim, 'GET', '/__sim/reset')).status).toBe(405);
      expect((await call(sim, 'DELETE', '/__sim/state')).status).toBe(405);
    } finally {
      await sim.close();
    }
  });

  it('are not served off loopback', () => {
    const hooks = { state: () => ({}), requests: () => [], reset: () => undefined };
    expect(simEndpoint('GET', '/__sim/state', false, hooks).status).toBe(404);
    expect(simEndpoint('GET', '/__sim/state', true, hooks).status).toBe(200);
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('::')).toBe(false);
    expect(isLoopback('192.168.1.5')).toBe(false);
  });

  it('works on IPv6 loopback too', async () => {
    let sim;
    try {
      sim = await startFixtureSim({ host: '::1' });
    } catch {
      return; // no IPv6 on this machine
    }
    try {
      expect(sim.url).toMatch(/^http:\/\/\[::1\]:\d+\/v1$/);
      expect((await call(sim, 'GET', '/example-org/teams/owners')).status).toBe(200);
      expect((await call(sim, 'GET', '/__sim/state')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});

describe('Basic auth', () => {
  const creds = parseCredentials('sim-key:se:cret');
  it('parses KEY:SECRET with colons in the secret', () => {
    expect(creds).toEqual({ key: 'sim-key', secret: 'se:cret' });
    expect(() => parseCredentials('nocolon')).toThrow(/KEY:SECRET/);
    expect(() => parseCredentials(':secret')).toThrow(/KEY:SECRET/);
  });
  it.each([
    [undefined, false],
    ['', false],
    ['Bearer abc', false],
    [`Basic ${Buffer.from('sim-key:se:cret').toString('base64')}`, true],
    [`basic ${Buffer.from('sim-key:se:cret').toString('base64')}`, true],
    [`Basic ${Buffer.from('sim-key:se:cre').toString('base64')}`, false],
    [`Basic ${Buffer.from('other:se:cret').toString('base64')}`, false],
  ])('%s -> %s', (header, expected) => {
    expect(isAuthorized(header, creds)).toBe(expected);
  });
});
