import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../src/http/client.js';
import { applyGrafanaOperation } from '../../../src/providers/grafana/apply-operation.js';
import { GrafanaCreatedIds } from '../../../src/providers/grafana/created-ids.js';
import type { GrafanaOperation } from '../../../src/providers/grafana/operation.js';
import { ADMIN_ORG_PATHS, TOKEN_ORG_PATHS } from '../../../src/providers/grafana/org-paths.js';
import { startGrafanaSim, type GrafanaSim } from '../../../src/sim/grafana/server.js';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy.js';

/**
 * Writes Grafana answers 500 when they name a user or team that is gone (checked-write.ts),
 * against the real simulator, through a loopback proxy that records every request.
 * Ids: users 1 admin, 2 alice, 3 bob; org 1 Main Org. (all three), team 1 SRE [alice], folder ops.
 */
const DATA = {
  users: ['alice', 'bob'].map((login) => ({ login, email: `${login}@example.com` })),
  orgs: [
    {
      name: 'Main Org.',
      users: [{ user: 'admin', role: 'Admin' }, { user: 'alice', role: 'Viewer' }, { user: 'bob', role: 'Viewer' }],
      teams: [{ name: 'SRE', members: ['alice'] }],
      folders: [{ uid: 'ops', title: 'Operations' }],
    },
  ],
  tokens: [{ token: 'glsa_main', org: 1, role: 'Admin' }],
};

const addBob: GrafanaOperation = { op: 'addTeamMember', team: { orgId: 1, id: 1 }, userId: 3 };
const grantBob: GrafanaOperation = { op: 'setPermissions', org: { id: 1 }, kind: 'folders', uid: 'ops', items: [{ principal: { userId: 3 }, permission: 'View' }] };
const grantSre: GrafanaOperation = { op: 'setPermissions', org: { id: 1 }, kind: 'folders', uid: 'ops', items: [{ principal: { team: { orgId: 1, id: 1 } }, permission: 'Edit' }] };

let sim: GrafanaSim;
let proxy: FaultProxy;
let client: HttpClient;
let failFirstWrite: false | { status: number; message: string };
beforeEach(async () => {
  sim = await startGrafanaSim({ data: DATA });
  failFirstWrite = false;
  proxy = await startFaultProxy(sim.url, (req) => {
    if (!failFirstWrite || req.method !== 'POST') return 'pass';
    const answer = failFirstWrite;
    failFirstWrite = false;
    return answer;
  });
});
afterEach(async () => {
  await client.close();
  await proxy.close();
  await sim.close();
});

function connect(kind: 'basic' | 'bearer'): HttpClient {
  client = new HttpClient({
    baseUrl: proxy.url,
    auth: kind === 'basic' ? { kind, user: 'admin', password: 'admin' } : { kind, token: 'glsa_main' },
    sleep: async () => {},
  });
  return client;
}

const apply = (api: HttpClient, operation: GrafanaOperation, kind: 'basic' | 'bearer' = 'basic') =>
  applyGrafanaOperation(api, operation, new GrafanaCreatedIds(), kind === 'basic' ? ADMIN_ORG_PATHS : TOKEN_ORG_PATHS);

describe('writes Grafana answers 500 for a gone user or team', () => {
  it.each([
    ['a member add naming a deleted user', addBob, 'DELETE', '/api/admin/users/3', /user 3 no longer exists in Grafana/, ['POST /api/teams/1/members', 'GET /api/teams/1', 'GET /api/users/3']],
    ['a grant naming a deleted user', grantBob, 'DELETE', '/api/admin/users/3', /user 3 no longer exists in Grafana/, ['POST /api/folders/ops/permissions', 'GET /api/users/3']],
    ['a grant naming a deleted team', grantSre, 'DELETE', '/api/teams/1', /team 1 no longer exists in its org/, ['POST /api/folders/ops/permissions', 'GET /api/teams/1']],
  ] as const)('%s: sent once, checked once, one error with the status and Grafana\'s message', async (_name, operation, method, path, gone, requests) => {
    const api = connect('basic');
    expect((await api.request({ method, path })).status).toBe(200);
    const before = proxy.requests().length;
    const error = await apply(api, operation).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/ -> 500: Failed to /);
    expect(error?.message).toMatch(gone);
    expect(proxy.requests().slice(before).map((r) => r.replace(/\?.*$/, ''))).toEqual(requests);
  });

  it('with a token, which may not look users up: a deleted user is sent once more, then reported as unchecked', async () => {
    const admin = connect('basic');
    expect((await admin.request({ method: 'DELETE', path: '/api/admin/users/3' })).status).toBe(200);
    await admin.close();
    const api = connect('bearer');
    const before = proxy.requests().length;
    const error = await apply(api, addBob, 'bearer').then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/ -> 500: Failed to add Member to Team \[accessctl: user 3 could not be looked up, and may have been deleted/);
    expect(proxy.requests().slice(before)).toEqual(['POST /api/teams/1/members', 'GET /api/teams/1', 'POST /api/teams/1/members']);
  });

  it.each([
    ['Basic auth', 'basic', ['POST /api/teams/1/members', 'GET /api/teams/1', 'GET /api/users/3', 'POST /api/teams/1/members']],
    // A token may not read /api/users/:id: the team is checked, the user cannot be.
    ['a token', 'bearer', ['POST /api/teams/1/members', 'GET /api/teams/1', 'POST /api/teams/1/members']],
  ] as const)('with %s, a 500 while every target exists is something else: sent again, and done', async (_name, kind, requests) => {
    const api = connect(kind);
    failFirstWrite = { status: 500, message: 'Failed to add Member to Team' };
    await apply(api, addBob, kind);
    expect([...sim.store.state.teams.get(1)!.members.keys()].sort()).toEqual([2, 3]);
    expect(proxy.requests()).toEqual(requests);
  });

  it('a 429 is retried by the client as for any request, and nothing is looked up or sent twice over', async () => {
    const api = connect('basic');
    failFirstWrite = { status: 429, message: 'Too many requests' };
    await apply(api, addBob);
    expect(proxy.requests()).toEqual(['POST /api/teams/1/members', 'POST /api/teams/1/members']);
  });
});
