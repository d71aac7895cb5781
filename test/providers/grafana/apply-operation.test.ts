import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient, type HttpRequest, type HttpResponse } from '../../../src/http/client.js';
import { HttpError } from '../../../src/http/errors.js';
import { applyGrafanaOperation } from '../../../src/providers/grafana/apply-operation.js';
import { GrafanaCreatedIds } from '../../../src/providers/grafana/created-ids.js';
import type { GrafanaClient } from '../../../src/providers/grafana/grafana-client.js';
import type { GrafanaOperation } from '../../../src/providers/grafana/operation.js';
import { ADMIN_ORG_PATHS, TOKEN_ORG_PATHS, type OrgPaths } from '../../../src/providers/grafana/org-paths.js';
import { startGrafanaSim, type GrafanaSim } from '../../../src/sim/grafana/server.js';
import type { GrafanaState } from '../../../src/sim/grafana/state.js';
import { startFaultProxy, type ProxyDecision } from '../../helpers/fault-proxy.js';

/**
 * Ids in order: users 1 admin, 2 alice, 3 bob, 4 carol, 5 dave (in no org);
 * org 1 Main Org. (admin Admin, alice Viewer, bob Editor), team 1 SRE [alice], folder ops, dashboard home;
 * org 2 Ops (admin Admin, carol Viewer), team 2 Oncall [carol], folder ops2.
 */
const DATA = {
  users: ['alice', 'bob', 'carol', 'dave'].map((login) => ({ login, email: `${login}@example.com` })),
  orgs: [
    {
      name: 'Main Org.',
      users: [
        { user: 'admin', role: 'Admin' },
        { user: 'alice', role: 'Viewer' },
        { user: 'bob', role: 'Editor' },
      ],
      teams: [{ name: 'SRE', members: ['alice'] }],
      folders: [{ uid: 'ops', title: 'Operations', permissions: [{ role: 'Viewer', permission: 'View' }] }],
      dashboards: [{ uid: 'home', title: 'Home' }],
    },
    {
      name: 'Ops',
      users: [
        { user: 'admin', role: 'Admin' },
        { user: 'carol', role: 'Viewer' },
      ],
      teams: [{ name: 'Oncall', members: ['carol'] }],
      folders: [{ uid: 'ops2', title: 'Ops folder' }],
    },
  ],
  tokens: [{ token: 'glsa_ops', org: 'Ops', role: 'Admin' }],
};

let sim: GrafanaSim;
let client: HttpClient;
beforeEach(async () => {
  sim = await startGrafanaSim({ data: DATA });
  client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'admin', password: 'admin' } });
});
afterEach(async () => {
  await client.close();
  await sim.close();
});

const orgNamed = (state: GrafanaState, name: string) => [...state.orgs.values()].find((o) => o.name === name);
const teamNamed = (state: GrafanaState, orgId: number, name: string) => [...state.teams.values()].find((t) => t.orgId === orgId && t.name === name);
const members = (state: GrafanaState, orgName: string) => Object.fromEntries(orgNamed(state, orgName)!.members);
const teamMembers = (state: GrafanaState, orgId: number, name: string) => [...teamNamed(state, orgId, name)!.members.keys()].sort();
const acl = (items: { userId?: number; teamId?: number; role?: string; permission: number }[]) =>
  items.map(({ userId, teamId, role, permission }) => ({ userId, teamId, role, permission }));

interface Case {
  name: string;
  /** Applied in order, in one session (later ones may refer to what earlier ones created). */
  operations: GrafanaOperation[];
  check: (state: GrafanaState, ids: GrafanaCreatedIds) => void;
}

const cases: Case[] = [
  {
    name: 'createOrg: POST /api/orgs; the id is remembered for later changes',
    operations: [{ op: 'createOrg', name: 'Partners' }],
    check: (state, ids) => {
      const org = orgNamed(state, 'Partners')!;
      expect(ids.org('Partners')).toBe(org.id);
      expect(Object.fromEntries(org.members)).toEqual({ 1: 'Admin' }); // Grafana: the creator is its Admin
    },
  },
  {
    name: 'renameOrg: PUT /api/orgs/:id',
    operations: [{ op: 'renameOrg', orgId: 2, name: 'Operations' }],
    check: (state) => expect(state.orgs.get(2)?.name).toBe('Operations'),
  },
  {
    name: 'deleteOrg: DELETE /api/orgs/:id',
    operations: [{ op: 'deleteOrg', orgId: 2 }],
    check: (state) => {
      expect(state.orgs.has(2)).toBe(false);
      expect(teamNamed(state, 2, 'Oncall')).toBeUndefined();
    },
  },
  {
    name: 'addOrgUser: POST /api/orgs/:id/users for a new member',
    operations: [{ op: 'addOrgUser', org: { id: 1 }, userId: 5, login: 'dave', role: 'Editor' }],
    check: (state) => expect(members(state, 'Main Org.')[5]).toBe('Editor'),
  },
  {
    name: 'addOrgUser of an existing member: the 409 becomes PATCH with the role',
    operations: [{ op: 'addOrgUser', org: { id: 1 }, userId: 2, login: 'alice', role: 'Admin' }],
    check: (state) => expect(members(state, 'Main Org.')[2]).toBe('Admin'),
  },
  {
    name: "addOrgUser of a new org's creator (already its Admin) into an org created earlier, by name",
    operations: [
      { op: 'createOrg', name: 'Partners' },
      { op: 'addOrgUser', org: { name: 'Partners' }, userId: 1, login: 'admin', role: 'Admin' },
      { op: 'addOrgUser', org: { name: 'Partners' }, userId: 5, login: 'dave', role: 'Viewer' },
    ],
    check: (state) => expect(members(state, 'Partners')).toEqual({ 1: 'Admin', 5: 'Viewer' }),
  },
  {
    name: 'addOrgUser into an org named but not created in this apply: looked up by name',
    operations: [{ op: 'addOrgUser', org: { name: 'Ops' }, userId: 5, login: 'dave', role: 'Viewer' }],
    check: (state, ids) => {
      expect(members(state, 'Ops')[5]).toBe('Viewer');
      expect(ids.org('Ops')).toBe(2);
    },
  },
  {
    name: 'setOrgRole: PATCH /api/orgs/:id/users/:userId',
    operations: [{ op: 'setOrgRole', orgId: 1, userId: 3, role: 'Viewer' }],
    check: (state) => expect(members(state, 'Main Org.')[3]).toBe('Viewer'),
  },
  {
    name: 'removeOrgUser: DELETE /api/orgs/:id/users/:userId ends the membership only',
    operations: [{ op: 'removeOrgUser', orgId: 1, userId: 3 }],
    check: (state) => {
      expect(members(state, 'Main Org.')[3]).toBeUndefined();
      expect(state.users.has(3)).toBe(true);
    },
  },
  {
    name: "createTeam: POST /api/teams in the org; the creator's automatic membership is undone",
    operations: [{ op: 'createTeam', org: { id: 2 }, name: 'Platform', email: 'platform@example.com', creatorId: 1 }],
    check: (state, ids) => {
      const team = teamNamed(state, 2, 'Platform')!;
      expect(team).toMatchObject({ orgId: 2, email: 'platform@example.com' });
      expect(team.members.size).toBe(0);
      expect(ids.team(2, 'Platform')).toBe(team.id);
    },
  },
  {
    name: 'updateTeam: PUT /api/teams/:id in its org',
    operations: [{ op: 'updateTeam', orgId: 2, teamId: 2, name: 'On-call', email: 'oncall@example.com' }],
    check: (state) => expect(state.teams.get(2)).toMatchObject({ name: 'On-call', email: 'oncall@example.com' }),
  },
  {
    name: 'deleteTeam: DELETE /api/teams/:id in its org',
    operations: [{ op: 'deleteTeam', orgId: 2, teamId: 2 }],
    check: (state) => expect(state.teams.has(2)).toBe(false),
  },
  {
    name: "addTeamMember of a live team of another org than the credentials' current one",
    operations: [
      { op: 'addOrgUser', org: { id: 2 }, userId: 4, login: 'carol', role: 'Viewer' },
      { op: 'addOrgUser', org: { id: 2 }, userId: 3, login: 'bob', role: 'Viewer' },
      { op: 'addTeamMember', team: { orgId: 2, id: 2 }, userId: 3 },
    ],
    check: (state) => expect(teamMembers(state, 2, 'Oncall')).toEqual([3, 4]),
  },
  {
    name: 'addTeamMember of teams created earlier in the same apply, in an org created earlier',
    operations: [
      { op: 'createOrg', name: 'Partners' },
      { op: 'addOrgUser', org: { name: 'Partners' }, userId: 5, login: 'dave', role: 'Viewer' },
      { op: 'createTeam', org: { name: 'Partners' }, name: 'Ext', email: '' },
      { op: 'addTeamMember', team: { org: { name: 'Partners' }, name: 'Ext' }, userId: 5 },
      { op: 'addTeamMember', team: { org: { name: 'Partners' }, name: 'Ext' }, userId: 1 },
    ],
    check: (state) => {
      const org = orgNamed(state, 'Partners')!;
      expect(teamMembers(state, org.id, 'Ext')).toEqual([1, 5]);
    },
  },
  {
    name: 'removeTeamMember: DELETE /api/teams/:id/members/:userId in its org',
    operations: [{ op: 'removeTeamMember', orgId: 2, teamId: 2, userId: 4 }],
    check: (state) => expect(teamMembers(state, 2, 'Oncall')).toEqual([]),
  },
  {
    name: 'setPermissions of a folder: the whole list, with a team created earlier resolved by name',
    operations: [
      { op: 'createTeam', org: { id: 1 }, name: 'Support', email: '' },
      {
        op: 'setPermissions',
        org: { id: 1 },
        kind: 'folders',
        uid: 'ops',
        items: [
          { principal: { team: { orgId: 1, id: 1 } }, permission: 'Admin' },
          { principal: { team: { org: { id: 1 }, name: 'Support' } }, permission: 'View' },
          { principal: { userId: 3 }, permission: 'Edit' },
          { principal: { role: 'Editor' }, permission: 'Edit' },
        ],
      },
    ],
    check: (state) => {
      const support = teamNamed(state, 1, 'Support')!;
      expect(acl([...state.folders.values()].find((f) => f.uid === 'ops')!.acl)).toEqual(
        acl([
          { teamId: 1, permission: 4 },
          { teamId: support.id, permission: 1 },
          { userId: 3, permission: 2 },
          { role: 'Editor', permission: 2 },
        ]),
      );
    },
  },
  {
    name: 'setPermissions of a dashboard in another org',
    operations: [
      {
        op: 'setPermissions',
        org: { id: 1 },
        kind: 'dashboards',
        uid: 'home',
        items: [{ principal: { userId: 2 }, permission: 'Admin' }],
      },
      { op: 'setPermissions', org: { id: 2 }, kind: 'folders', uid: 'ops2', items: [{ principal: { team: { orgId: 2, id: 2 } }, permission: 'Edit' }] },
    ],
    check: (state) => {
      expect(acl([...state.dashboards.values()].find((d) => d.uid === 'home')!.acl)).toEqual(acl([{ userId: 2, permission: 4 }]));
      expect(acl([...state.folders.values()].find((f) => f.uid === 'ops2')!.acl)).toEqual(acl([{ teamId: 2, permission: 2 }]));
    },
  },
];

async function applyAll(api: GrafanaClient, operations: Case['operations'], ids = new GrafanaCreatedIds(), paths: OrgPaths = ADMIN_ORG_PATHS): Promise<GrafanaCreatedIds> {
  for (const operation of operations) await applyGrafanaOperation(api, operation, ids, paths);
  return ids;
}

/**
 * A client whose first response to matching requests is lost: the request is sent again,
 * as the HTTP client does after a reset, and the second answer is what the caller sees.
 */
function losingFirstResponse(match: (request: HttpRequest) => boolean): GrafanaClient {
  return {
    async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
      if (!match(request)) return client.request<T>(request);
      await client.request(request);
      try {
        return { ...(await client.request<T>(request)), attempts: 2 };
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        throw new HttpError({ method: error.method, path: error.path, status: error.status, serverMessage: error.serverMessage, attempts: 2 });
      }
    },
  };
}

describe('applyGrafanaOperation', () => {
  it.each(cases)('$name', async ({ operations, check }) => {
    const ids = await applyAll(client, operations);
    check(sim.store.state, ids);
  });

  it('a 409 after a retried create means the first attempt created it: looked up, not duplicated', async () => {
    const api = losingFirstResponse((r) => r.method === 'POST' && (r.path === '/api/orgs' || r.path === '/api/teams'));
    const ids = await applyAll(api, [
      { op: 'createOrg', name: 'Partners' },
      { op: 'createTeam', org: { name: 'Partners' }, name: 'Ext', email: '' },
    ]);
    const state = sim.store.state;
    const org = orgNamed(state, 'Partners')!;
    expect([...state.orgs.values()].filter((o) => o.name === 'Partners')).toHaveLength(1);
    expect(ids.org('Partners')).toBe(org.id);
    expect(ids.team(org.id, 'Ext')).toBe(teamNamed(state, org.id, 'Ext')!.id);
  });

  it.each([
    ['Basic auth: the creator the live read named is taken off, by id', { creatorId: 1 }, ['POST /api/teams', 'DELETE /api/teams/3/members/1']],
    ['a token: Grafana added no creator, so nothing follows the create', {}, ['POST /api/teams']],
  ])('createTeam with %s; never GET /api/user', async (_name, creator, requests) => {
    await applyAll(client, [{ op: 'createTeam', org: { id: 1 }, name: 'New', email: '', ...creator }]);
    expect(sim.requests.list().map((r) => `${r.method} ${r.path}`)).toEqual(requests);
  });

  it('removing an org user who already left (Grafana answers 200, removeOrgUserHelper) is done', async () => {
    await applyAll(client, [{ op: 'removeOrgUser', orgId: 1, userId: 5 }]);
    expect(sim.requests.list().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['DELETE /api/orgs/1/users/5 200']);
  });

  it('a token\'s org-user removal whose answer was lost, which deleted the user, is done (the retry meets 500)', async () => {
    const token = new HttpClient({ baseUrl: sim.url, auth: { kind: 'bearer', token: 'glsa_ops' }, sleep: async () => {} });
    try {
      const lossy: GrafanaClient = {
        async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
          if (request.method !== 'DELETE') return token.request<T>(request);
          await token.request(request); // carol is in no other org: Grafana deletes her
          try {
            return { ...(await token.request<T>(request)), attempts: 2 };
          } catch (error) {
            const e = error as HttpError;
            throw new HttpError({ method: e.method, path: e.path, status: e.status, serverMessage: e.serverMessage, attempts: 2 });
          }
        },
      };
      await applyAll(lossy, [{ op: 'removeOrgUser', orgId: 2, userId: 4 }], undefined, TOKEN_ORG_PATHS);
      expect(sim.store.state.users.has(4)).toBe(false);
      // The resend meets Grafana's 500 for a user who no longer exists (the client's budget of 5), then the member list settles it.
      expect(sim.requests.list().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        'DELETE /api/org/users/4 200',
        ...Array<string>(5).fill('DELETE /api/org/users/4 500'),
        'GET /api/org/users 200',
      ]);
    } finally {
      await token.close();
    }
  });

  it('a team member outside the org is added, as Grafana allows (validateUser)', async () => {
    await applyAll(client, [{ op: 'addTeamMember', team: { orgId: 1, id: 1 }, userId: 5 }]);
    expect(teamMembers(sim.store.state, 1, 'SRE')).toEqual([2, 5]);
    expect(members(sim.store.state, 'Main Org.')[5]).toBeUndefined();
  });

  it('a 409 on the first attempt of a create is a real conflict and fails', async () => {
    await expect(applyAll(client, [{ op: 'createOrg', name: 'Ops' }])).rejects.toThrow(`POST ${new URL(sim.url).origin}/api/orgs -> 409: Organization name taken`);
    await expect(applyAll(client, [{ op: 'createTeam', org: { id: 1 }, name: 'SRE', email: '' }])).rejects.toThrow('409: Team name taken');
  });

  it('a 404 after a retried delete means the first attempt deleted it; without a retry it fails', async () => {
    const api = losingFirstResponse((r) => r.method === 'DELETE');
    await applyAll(api, [
      { op: 'deleteTeam', orgId: 2, teamId: 2 },
      { op: 'removeOrgUser', orgId: 1, userId: 3 },
    ]);
    expect(sim.store.state.teams.has(2)).toBe(false);
    await expect(applyAll(client, [{ op: 'deleteTeam', orgId: 2, teamId: 2 }])).rejects.toThrow(`DELETE ${new URL(sim.url).origin}/api/teams/2 -> 404`);
  });

  it('a team member added by a lost first attempt is not an error after the retry', async () => {
    const api = losingFirstResponse((r) => r.method === 'POST' && r.path.endsWith('/members'));
    await applyAll(api, [{ op: 'addTeamMember', team: { orgId: 1, id: 1 }, userId: 3 }]);
    expect(teamMembers(sim.store.state, 1, 'SRE')).toEqual([2, 3]);
  });

  it('adding a user who is already on the team (another run added them) is done, not an error', async () => {
    await applyAll(client, [{ op: 'addTeamMember', team: { orgId: 1, id: 1 }, userId: 2 }]);
    expect(teamMembers(sim.store.state, 1, 'SRE')).toEqual([2]);
  });

  it('removing a user who is not on the team (another run removed them) is done; a missing team still fails', async () => {
    await applyAll(client, [{ op: 'removeTeamMember', orgId: 1, teamId: 1, userId: 4 }]);
    expect(teamMembers(sim.store.state, 1, 'SRE')).toEqual([2]);
    await expect(applyAll(client, [{ op: 'removeTeamMember', orgId: 1, teamId: 99, userId: 2 }])).rejects.toThrow(`DELETE ${new URL(sim.url).origin}/api/teams/99/members/2 -> 404: Team not found`);
  });

  it.each([
    [400, 'bad request data'],
    [404, 'User not found'],
  ])('any other answer to a member add still fails: %i %s', async (status, serverMessage) => {
    const refusing: GrafanaClient = {
      request: (request) => Promise.reject(new HttpError({ method: request.method, path: request.path, status, serverMessage, attempts: 1 })),
    };
    await expect(applyAll(refusing, [{ op: 'addTeamMember', team: { orgId: 1, id: 1 }, userId: 3 }])).rejects.toThrow(
      `POST /api/teams/1/members -> ${status}: ${serverMessage}`,
    );
  });

  it('reports a team that cannot be found by name', async () => {
    await expect(applyAll(client, [{ op: 'addTeamMember', team: { org: { id: 1 }, name: 'Nope' }, userId: 2 }])).rejects.toThrow(
      'team "Nope" was not found in org 1',
    );
  });
});


describe('a create whose answer is lost is never sent again blind', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  const creates = [
    { name: 'org', create: '/api/orgs', lookup: '/api/orgs/name/Partners', operation: { op: 'createOrg', name: 'Partners' } as GrafanaOperation },
    { name: 'team', create: '/api/teams', lookup: '/api/teams/search?name=Ext', operation: { op: 'createTeam', org: { id: 1 }, name: 'Ext', email: '' } as GrafanaOperation },
  ];
  const faults: { name: string; decision: ProxyDecision; expected: (c: (typeof creates)[number]) => string[] }[] = [
    {
      // Grafana committed the row and failed afterwards: the lookup finds it; one POST only.
      name: '500 after creating it',
      decision: { status: 500, message: 'Failed to create', forward: true },
      expected: (c) => [`POST ${c.create}`, `GET ${c.lookup}`],
    },
    {
      // A gateway answered without passing it on: not found, so it is sent exactly once more.
      name: '502 without creating it',
      decision: { status: 502, message: 'Bad Gateway' },
      expected: (c) => [`POST ${c.create}`, `GET ${c.lookup}`, `POST ${c.create}`],
    },
  ];
  const cases = creates.flatMap((c) => faults.map((f) => ({ ...f, create: c, label: `${c.name}: ${f.name}` })));

  it.each(cases)('$label', async ({ create, decision, expected }) => {
    let first = true;
    const proxy = await startFaultProxy(sim.url, (req) => {
      if (req.method !== 'POST' || req.url !== create.create || !first) return 'pass';
      first = false;
      return decision;
    });
    closers.push(() => proxy.close());
    const viaProxy = new HttpClient({ baseUrl: proxy.url, auth: { kind: 'basic', user: 'admin', password: 'admin' }, sleep: async () => {} });
    closers.push(() => viaProxy.close());

    const ids = await applyAll(viaProxy, [create.operation]);

    const seen = proxy.requests().filter((r) => r.startsWith(`POST ${create.create}`) || r.startsWith(`GET ${create.lookup}`));
    expect(seen).toEqual(expected(create));
    const state = sim.store.state;
    if (create.name === 'org') {
      expect([...state.orgs.values()].filter((o) => o.name === 'Partners').map((o) => o.id)).toEqual([ids.org('Partners')]);
    } else {
      expect([...state.teams.values()].filter((t) => t.orgId === 1 && t.name === 'Ext').map((t) => t.id)).toEqual([ids.team(1, 'Ext')]);
    }
  });
});
