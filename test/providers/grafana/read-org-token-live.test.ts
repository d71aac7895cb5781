import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../src/http/client.js';
import { HttpError } from '../../../src/http/errors.js';
import { readGrafanaOrgTokenLive } from '../../../src/providers/grafana/read-org-token-live.js';
import { startGrafanaSim, type GrafanaSim } from '../../../src/sim/grafana/server.js';

/**
 * readGrafanaOrgTokenLive against the real simulator in-process, with a service-account token
 * of org "Ops" and pages of 2: it reads that org alone and never calls an admin API.
 */
const DATA = {
  users: ['alice', 'bob', 'carol', 'dave', 'erin'].map((login) => ({ login, email: `${login}@example.com` })),
  orgs: [
    { name: 'Main Org.', users: [{ user: 'admin', role: 'Admin' }, { user: 'dave', role: 'Viewer' }], teams: [{ name: 'Elsewhere', members: ['dave'] }] },
    {
      name: 'Ops',
      users: [{ user: 'admin', role: 'Admin' }, { user: 'alice', role: 'Editor' }, { user: 'bob', role: 'Viewer' }, { user: 'carol', role: 'None' }],
      // dave is on SRE without being in Ops: Grafana allows it (validateUser's LEFT JOIN).
      teams: [{ name: 'SRE', members: ['alice', 'bob', 'dave'] }, { name: 'Unread', members: ['carol'] }],
      // erin holds a grant without being in Ops, which Grafana allows too.
      folders: [{ uid: 'ops', title: 'Operations', permissions: [{ team: 'SRE', permission: 'Admin' }, { user: 'bob', permission: 'View' }, { user: 'erin', permission: 'Edit' }] }],
    },
  ],
  tokens: [
    { token: 'glsa_ops_admin', org: 'Ops', role: 'Admin', name: 'accessctl' },
    { token: 'glsa_ops_viewer', org: 'Ops', role: 'Viewer', name: 'reader' },
  ],
};

let sim: GrafanaSim;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim.close();
});

async function connect(token: string): Promise<HttpClient> {
  sim = await startGrafanaSim({ data: DATA, pageSize: 2 });
  client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'bearer', token }, concurrency: 4 });
  return client;
}

describe('readGrafanaOrgTokenLive', () => {
  it("reads the token's org, its members as the users, and what the scope names; no admin API", async () => {
    // Pages of 2 are asked for: the simulator, like Grafana, serves whatever perpage a client asks.
    const live = await readGrafanaOrgTokenLive(await connect('glsa_ops_admin'), { orgs: { Ops: { teams: ['SRE'], folders: ['ops', 'missing'], dashboards: [] } } }, undefined, { perPage: 2 });
    expect(live.access).toBe('org-token');
    expect(live.actingUser).toBeUndefined();
    // The org's members, and team members and grantees from outside it (seen only there).
    expect(live.users.map((u) => u.login).sort()).toEqual(['admin', 'alice', 'bob', 'carol', 'dave', 'erin']);
    expect(live.users.find((u) => u.login === 'erin')?.email).toBe('erin@example.com');
    expect(live.orgs).toHaveLength(1);
    const [ops] = live.orgs;
    expect(ops).toMatchObject({ name: 'Ops' });
    expect(ops!.users!.map((u) => `${u.login}:${u.role}`).sort()).toEqual(['admin:Admin', 'alice:Editor', 'bob:Viewer', 'carol:None']);
    expect(ops!.teams!.map((t) => `${t.name}:${t.members.map((m) => m.login).sort().join(',')}`).sort()).toEqual(['SRE:alice,bob,dave', 'Unread:']);
    expect(ops!.folders).toEqual([
      {
        uid: 'ops',
        title: 'Operations',
        items: [{ principal: { team: 'SRE' }, permission: 'Admin' }, { principal: { user: 'bob' }, permission: 'View' }, { principal: { user: 'erin' }, permission: 'Edit' }],
      },
    ]);
    const paths = sim.requests.list().map((r) => r.path);
    expect(paths.filter((p) => /^\/api\/(orgs|users|user)\b/.test(p))).toEqual([]);
    // Every page of the members was read (4 members, pages of 2).
    expect(paths.filter((p) => p.startsWith('/api/org/users/search')).length).toBeGreaterThanOrEqual(2);
  });

  it('reads only the members when the file names another org', async () => {
    const live = await readGrafanaOrgTokenLive(await connect('glsa_ops_admin'), { orgs: { Partners: { teams: 'all', folders: [], dashboards: [] } } });
    expect(live.orgs[0]).toMatchObject({ name: 'Ops', folders: [], dashboards: [] });
    expect(live.orgs[0]!.teams).toBeUndefined();
  });

  it('fails, never reads an empty org, when the token may not list members', async () => {
    const error = await readGrafanaOrgTokenLive(await connect('glsa_ops_viewer'), { orgs: { Ops: { teams: [], folders: [], dashboards: [] } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 403, method: 'GET' });
  });
});
