import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient, type HttpRequest } from '../../../src/http/client.js';
import { HttpError, PaginationError } from '../../../src/http/errors.js';
import type { GrafanaLive, LiveOrg, LivePermissionItem } from '../../../src/providers/grafana/live-state.js';
import type { GrafanaScope } from '../../../src/providers/grafana/live-scope.js';
import { readGrafanaLive } from '../../../src/providers/grafana/read-live.js';
import { startGrafanaSim, type GrafanaSim } from '../../../src/sim/grafana/server.js';
import { iso } from '../../../src/sim/grafana/time.js';
import type { AclItem, GrafanaState } from '../../../src/sim/grafana/state.js';

/**
 * readGrafanaLive against the real simulator in-process, with pages of 3 so every collection
 * spans several pages: 11 users, 4 orgs, 7 members and 7 teams in Main Org.
 */
const PAGE = 3;
const logins = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];
const DATA = {
  // alice was seen lately and bob is disabled: what the searches say of activity is read too.
  users: logins.map((login) => ({
    login,
    email: `${login}@example.com`,
    ...(login === 'alice' ? { lastSeenAt: '2026-12-01T09:30:00Z' } : {}),
    ...(login === 'bob' ? { isDisabled: true } : {}),
  })),
  orgs: [
    {
      name: 'Main Org.',
      users: [
        { user: 'admin', role: 'Admin' },
        ...['alice', 'bob', 'carol'].map((user) => ({ user, role: 'Editor' })),
        ...['dave', 'erin', 'frank'].map((user) => ({ user, role: 'Viewer' })),
      ],
      teams: [
        { name: 'SRE', members: ['alice', 'bob'] },
        { name: 'Support', members: ['carol', 'dave', 'erin', 'frank'] },
        ...['T1', 'T2', 'T3', 'T4', 'T5'].map((name) => ({ name, members: ['alice'] })),
      ],
      folders: [
        {
          uid: 'ops',
          title: 'Operations',
          permissions: [
            { team: 'SRE', permission: 'Admin' },
            { user: 'dave', permission: 'View' },
            { role: 'Viewer', permission: 'View' },
          ],
          dashboards: [{ uid: 'nodes', title: 'Nodes', permissions: [{ user: 'erin', permission: 'Edit' }] }],
        },
        { uid: 'other', title: 'Other', permissions: [{ team: 'T1', permission: 'Edit' }] },
      ],
      dashboards: [{ uid: 'home', title: 'Home', permissions: [{ role: 'Editor', permission: 'Edit' }] }],
    },
    { name: 'Ops', users: [{ user: 'admin', role: 'Admin' }, { user: 'judy', role: 'None' }], teams: [{ name: 'Oncall', members: ['judy'] }] },
    { name: 'Zeta', users: [{ user: 'ivan', role: 'Admin' }] },
    { name: 'Beta', users: [{ user: 'heidi', role: 'Admin' }] },
  ],
};

const SCOPE: GrafanaScope = {
  orgs: {
    'Main Org.': { teams: ['SRE', 'Support', 'Gone'], folders: ['ops', 'missing'], dashboards: ['nodes', 'home'] },
    Ops: { teams: 'all', folders: [], dashboards: [] },
    // Only its users are managed: read without teams, although admin is no member of it.
    Zeta: { teams: [], folders: [], dashboards: [] },
  },
};

let sim: GrafanaSim;
let client: HttpClient;
const NOW = Date.UTC(2026, 11, 4);

beforeEach(async () => {
  sim = await startGrafanaSim({ data: DATA, pageSize: PAGE, now: () => NOW });
  client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'admin', password: 'admin' }, concurrency: 4 });
});
afterEach(async () => {
  await client.close();
  await sim.close();
});

/** What the read should produce, computed straight from the simulator's store. */
function expectedLive(state: GrafanaState, scope: GrafanaScope): GrafanaLive {
  const user = (id: number) => {
    const u = state.users.get(id)!;
    return { id: u.id, login: u.login, email: u.email };
  };
  const items = (acl: AclItem[]): LivePermissionItem[] =>
    acl.map((a) => {
      const permission = ({ 1: 'View', 2: 'Edit', 4: 'Admin' } as const)[a.permission];
      if (a.teamId !== undefined) return { principal: { team: state.teams.get(a.teamId)!.name }, permission };
      if (a.userId !== undefined) return { principal: { user: state.users.get(a.userId)!.login }, permission };
      return { principal: { role: a.role as 'Viewer' | 'Editor' }, permission };
    });
  // The user and org-user searches also say when a user was last seen (never: ten years ago) and whether disabled.
  const active = (id: number) => {
    const u = state.users.get(id)!;
    return { ...user(id), lastSeenAt: iso(u.lastSeen ?? NOW - 10 * 365 * 24 * 3600 * 1000), ...(u.isDisabled ? { isDisabled: true } : {}) };
  };
  const orgs: LiveOrg[] = [...state.orgs.values()].map((org) => {
    const orgScope = scope.orgs[org.name];
    if (!orgScope) return { id: org.id, name: org.name };
    const inScope = (team: string) => orgScope.teams === 'all' || orgScope.teams.includes(team);
    const teamsNeeded = orgScope.teams === 'all' || orgScope.teams.length + orgScope.folders.length + orgScope.dashboards.length > 0;
    return {
      id: org.id,
      name: org.name,
      users: [...org.members].map(([id, role]) => ({ ...active(id), role })),
      ...(teamsNeeded
        ? {
            teams: [...state.teams.values()]
              .filter((t) => t.orgId === org.id)
              .map((t) => ({ id: t.id, name: t.name, email: t.email, members: inScope(t.name) ? [...t.members.keys()].map(user) : [] })),
          }
        : {}),
      folders: [...state.folders.values()]
        .filter((f) => f.orgId === org.id && orgScope.folders.includes(f.uid))
        .map((f) => ({ uid: f.uid, title: f.title, items: items(f.acl) })),
      dashboards: [...state.dashboards.values()]
        .filter((d) => d.orgId === org.id && orgScope.dashboards.includes(d.uid))
        .map((d) => ({ uid: d.uid, title: d.title, items: items(d.acl) })),
    };
  });
  const admin = [...state.users.values()].find((u) => u.login === 'admin')!;
  // Only the instance's user list says who is a server admin (`isAdmin` of /api/users/search).
  const withAdminFlag = (id: number) => ({ ...active(id), ...(state.users.get(id)!.isGrafanaAdmin ? { isGrafanaAdmin: true } : {}) });
  return { users: [...state.users.keys()].map(withAdminFlag), orgs, actingUser: user(admin.id) };
}

/** Order-independent view: the reader follows Grafana's sort orders, the store its insertion order. */
function normalized(live: GrafanaLive): unknown {
  const byId = <T extends { id: number }>(list: T[]) => [...list].sort((a, b) => a.id - b.id);
  const byKey = <T>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    users: byId(live.users),
    actingUser: live.actingUser,
    orgs: byId(live.orgs).map((org) => ({
      ...org,
      ...(org.users ? { users: byId(org.users) } : {}),
      ...(org.teams ? { teams: byId(org.teams).map((t) => ({ ...t, members: byId(t.members) })) } : {}),
      ...(org.folders ? { folders: byKey(org.folders.map((f) => ({ ...f, items: byKey(f.items) }))) } : {}),
      ...(org.dashboards ? { dashboards: byKey(org.dashboards.map((d) => ({ ...d, items: byKey(d.items) }))) } : {}),
    })),
  };
}

const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));
/** `/api/orgs` has no total: pages are read until one is shorter than the first (an empty one confirms a short first page). */
const orgListPages = (n: number) => (n === 0 ? 1 : Math.max(2, Math.floor(n / PAGE) + 1));

describe('readGrafanaLive', () => {
  it('reads exactly the simulator state for the scope, over every page, in the fewest requests', async () => {
    const done: Array<[number, number]> = [];
    const live = await readGrafanaLive(client, SCOPE, (d, e) => done.push([d, e]), { perPage: PAGE });
    const state = sim.store.state;
    expect(normalized(live)).toEqual(normalized(expectedLive(state, SCOPE)));

    // Spot checks that do not depend on the expectation code above.
    const main = live.orgs.find((o) => o.name === 'Main Org.')!;
    expect(live.users).toHaveLength(11);
    expect(live.orgs.map((o) => o.name).sort()).toEqual(['Beta', 'Main Org.', 'Ops', 'Zeta']);
    expect(live.orgs.find((o) => o.name === 'Beta')).toEqual({ id: expect.any(Number), name: 'Beta' }); // not in scope
    expect(live.orgs.find((o) => o.name === 'Zeta')?.users?.map((u) => u.login)).toEqual(['ivan']);
    expect(live.orgs.find((o) => o.name === 'Zeta')?.teams).toBeUndefined();
    expect(main.users).toHaveLength(7);
    expect(main.teams).toHaveLength(7);
    expect(main.teams!.find((t) => t.name === 'Support')!.members.map((m) => m.login).sort()).toEqual(['carol', 'dave', 'erin', 'frank']);
    expect(main.teams!.find((t) => t.name === 'T3')!.members).toEqual([]); // out of scope: not read
    expect(main.folders!.map((f) => f.uid)).toEqual(['ops']); // "missing" does not exist (404)
    // The dashboard in the ops folder lists the folder's items as inherited: only its own are kept.
    expect(main.dashboards!.find((d) => d.uid === 'nodes')).toEqual({
      uid: 'nodes',
      title: 'Nodes',
      items: [{ principal: { user: 'erin' }, permission: 'Edit' }],
    });
    expect(live.actingUser!.login).toBe('admin');

    const requests = sim.requests.list();
    expect(requests.every((r) => r.method === 'GET')).toBe(true);
    const mainTeamsInScope = 2; // SRE, Support ("Gone" does not exist)
    const opsTeams = 1;
    const expected =
      1 + // /api/user
      pages(11) + // /api/users/search
      orgListPages(4) + // /api/orgs
      pages(7) + pages(7) + mainTeamsInScope + 2 + 2 + // Main Org.: org users, teams, members, 2 folders, 2 dashboards
      pages(2) + pages(1) + opsTeams + // Ops: org users, teams, members
      pages(1); // Zeta: org users only
    expect(requests).toHaveLength(expected);
    expect(done.at(-1)).toEqual([expected, expected]);
  });

  it('reads every page when the server serves fewer items per page than asked for', async () => {
    const live = await readGrafanaLive(client, SCOPE); // asks for 1000 per page; the simulator serves 3
    expect(normalized(live)).toEqual(normalized(expectedLive(sim.store.state, SCOPE)));
  });

  it('reads 0-based /api/orgs pages and 1-based search pages', async () => {
    await readGrafanaLive(client, SCOPE, undefined, { perPage: PAGE });
    const paths = sim.requests.list().map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/api/orgs?')).map((p) => new URL(p, sim.url).searchParams.get('page'))).toEqual(['0', '1']);
    expect(paths.filter((p) => p.startsWith('/api/users/search?')).map((p) => new URL(p, sim.url).searchParams.get('page')).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('fails the whole read when one page fails, never returning a partial collection', async () => {
    const failing = {
      request<T>(request: HttpRequest) {
        if (request.path === '/api/teams/search' && request.query?.page === 2) {
          return Promise.reject(new HttpError({ method: 'GET', path: request.path, status: 500, attempts: 5 }));
        }
        return client.request<T>(request);
      },
    };
    await expect(readGrafanaLive(failing, SCOPE, undefined, { perPage: PAGE })).rejects.toThrow('GET /api/teams/search -> 500');
  });

  it.each([
    ['a time with a comment Date.parse skips', 'Jan 1 2026 (<b>=cmd|calc</b>)', '2026-01-01T00:00:00Z'],
    ['text that is no time', '<script>alert(1)</script>', undefined],
    ['not a string', 1767225600000, undefined],
  ])('reads a server\'s lastSeenAt written as %s as its own RFC 3339 time, never as sent', async (_name, sent, read) => {
    const hostile = {
      async request<T>(request: HttpRequest) {
        const response = await client.request<T>(request);
        if (request.path === '/api/users/search') for (const user of (response.body as { users: Array<Record<string, unknown>> }).users) user['lastSeenAt'] = sent;
        return response;
      },
    };
    const live = await readGrafanaLive(hostile, SCOPE, undefined, { perPage: PAGE });
    expect(new Set(live.users.map((u) => u.lastSeenAt))).toEqual(new Set([read]));
  });

  it('fails when the total changes between pages', async () => {
    const shifting = {
      async request<T>(request: HttpRequest) {
        const response = await client.request<T>(request);
        if (request.path === '/api/users/search' && request.query?.page === 3) (response.body as { totalCount: number }).totalCount += 1;
        return response;
      },
    };
    const error = await readGrafanaLive(shifting, SCOPE, undefined, { perPage: PAGE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ problem: 'count-changed', collection: '/api/users/search' });
  });

  it.each([
    // collection, the array in its body (none: a bare array), the page that repeats, the page it copies from
    ['/api/users/search', 'users', 2, 1],
    ['/api/orgs/1/users/search', 'orgUsers', 2, 1],
    ['/api/teams/search', 'teams', 3, 1],
    ['/api/orgs', undefined, 0, 0],
  ] as const)('fails when %s repeats an item in place of another, though the totals add up', async (path, itemsKey, page, from) => {
    const pagesSeen = new Map<string, unknown[]>();
    const repeating = {
      async request<T>(request: HttpRequest) {
        const response = await client.request<T>(request);
        if (request.path !== path) return response;
        const body = response.body as unknown as Record<string, unknown[]> | unknown[];
        const items = (Array.isArray(body) ? body : body[itemsKey!]) as unknown[];
        const where = `${request.headers?.['X-Grafana-Org-Id'] ?? ''}`;
        if (request.query?.page === from) pagesSeen.set(where, [...items]);
        // The last item of the page is replaced by the first one of an earlier (or the same) page.
        if (request.query?.page === page) items[items.length - 1] = pagesSeen.get(where)![0];
        return response;
      },
    };
    const error = await readGrafanaLive(repeating, SCOPE, undefined, { perPage: PAGE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ problem: 'repeated-item', collection: path });
  });

  it('fails when /api/orgs ignores the page and repeats itself', async () => {
    const repeating = {
      request<T>(request: HttpRequest) {
        return client.request<T>(request.path === '/api/orgs' ? { ...request, query: { ...request.query, page: 0 } } : request);
      },
    };
    const error = await readGrafanaLive(repeating, SCOPE, undefined, { perPage: PAGE }).catch((e: unknown) => e);
    expect(error).toMatchObject({ problem: 'loop', collection: '/api/orgs' });
  });

  it('names the request that the server refused', async () => {
    const viewer = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'admin', password: 'wrong' } });
    try {
      // The server's own message follows the status (Grafana: "Invalid username or password").
      await expect(readGrafanaLive(viewer, SCOPE)).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/api\/\S+ -> 401: Invalid username or password$/);
    } finally {
      await viewer.close();
    }
  });
});
