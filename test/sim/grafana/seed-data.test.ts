import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSeedDocument } from '../../../src/sim/grafana/generate.js';
import { buildState } from '../../../src/sim/grafana/seed-data.js';
import { startGrafanaSim } from '../../../src/sim/grafana/server.js';
import { stateToJson } from '../../../src/sim/grafana/state-json.js';
import { ADMIN, basic, bearer, call, storeInvariants } from './helpers.js';

describe('--data', () => {
  it('without data: admin/admin, admin@localhost, server admin, Admin of org 1 "Main Org."', async () => {
    const sim = await startGrafanaSim();
    try {
      expect((await call(sim, 'GET', '/api/user')).body).toMatchObject({ id: 1, login: 'admin', email: 'admin@localhost', isGrafanaAdmin: true, orgId: 1 });
      expect((await call(sim, 'GET', '/api/org')).body).toMatchObject({ id: 1, name: 'Main Org.' });
      expect((await call(sim, 'GET', '/api/org/users')).body).toMatchObject([{ login: 'admin', role: 'Admin' }]);
    } finally {
      await sim.close();
    }
  });

  it('reads a YAML file with users, orgs, teams, folders, dashboards, permissions and tokens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'grafana-sim-data-'));
    try {
      const file = join(dir, 'grafana.yaml');
      await writeFile(
        file,
        [
          'users:',
          '  - { login: ann, email: ann@acme.test, name: Ann, password: ann-pw }',
          'orgs:',
          '  - name: Acme',
          '    users: [{ user: ann@acme.test, role: admin }]',
          '    teams: [{ name: Data, members: [ann] }]',
          '    folders:',
          '      - { uid: f1, title: Reports, permissions: [{ team: Data, permission: Edit }, { role: Viewer, permission: 1 }] }',
          'tokens: [{ token: glsa_acme, org: Acme, role: Editor }]',
        ].join('\n'),
      );
      const sim = await startGrafanaSim({ dataFile: file });
      try {
        // The file's first org is org 1; the default admin joins it as Admin.
        expect((await call(sim, 'GET', '/api/org')).body).toMatchObject({ id: 1, name: 'Acme' });
        expect((await call(sim, 'GET', '/api/org/users')).body.map((u: { login: string; role: string }) => `${u.login}:${u.role}`)).toEqual(['admin:Admin', 'ann:Admin']);
        expect((await call(sim, 'GET', '/api/folders/f1/permissions', { auth: bearer('glsa_acme') })).status).toBe(403);
        expect((await call(sim, 'GET', '/api/folders/f1', { auth: bearer('glsa_acme') })).body.title).toBe('Reports');
        expect((await call(sim, 'GET', '/api/folders/f1/permissions')).body).toMatchObject([{ team: 'Data', permission: 2 }, { role: 'Viewer', permission: 1 }]);
        expect(storeInvariants(sim)).toEqual([]);
      } finally {
        await sim.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('holds team members and grants for users outside the org, as Grafana stores them', () => {
    const state = buildState({
      users: [{ login: 'b' }],
      orgs: [{ name: 'O', teams: [{ name: 'T', members: ['b'] }], folders: [{ uid: 'f', title: 'F', permissions: [{ user: 'b', permission: 'View' }] }] }],
    });
    const b = [...state.users.values()].find((u) => u.login === 'b')!;
    const org = [...state.orgs.values()].find((o) => o.name === 'O')!;
    expect(org.members.has(b.id)).toBe(false);
    expect([...state.teams.values()][0]?.members.get(b.id)).toBe(0);
    expect([...state.folders.values()][0]?.acl).toMatchObject([{ userId: b.id, permission: 1 }]);
  });

  it('folders[].folders are subfolders: nested under their folder, with their own dashboards', async () => {
    const data = {
      orgs: [{ name: 'Main Org.', folders: [{ uid: 'top', title: 'Top', folders: [{ uid: 'mid', title: 'Mid', dashboards: [{ uid: 'd1', title: 'D1' }], folders: [{ uid: 'low', title: 'Top' }] }] }] }],
    };
    const sim = await startGrafanaSim({ data });
    try {
      expect((await call(sim, 'GET', '/api/folders')).body).toEqual([{ id: 1, uid: 'top', title: 'Top' }]);
      expect((await call(sim, 'GET', '/api/folders?parentUid=top')).body).toMatchObject([{ uid: 'mid', parentUid: 'top' }]);
      expect((await call(sim, 'GET', '/api/folders/low')).body).toMatchObject({ parentUid: 'mid', parents: [{ uid: 'top' }, { uid: 'mid' }] });
      expect((await call(sim, 'GET', '/api/dashboards/uid/d1')).body.meta).toMatchObject({ folderUid: 'mid' });
      expect(storeInvariants(sim)).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('serves lastSeenAt and isDisabled as the data says (never seen: ten years ago), and a disabled user cannot sign in', async () => {
    const now = Date.UTC(2026, 0, 31);
    const sim = await startGrafanaSim({
      now: () => now,
      data: { users: [{ login: 'seen', password: 'pw-seen', lastSeenAt: '2026-01-01T00:00:00Z' }, { login: 'off', password: 'pw-off', isDisabled: true }] },
    });
    try {
      const users = (await call(sim, 'GET', '/api/users/search')).body.users as Array<{ login: string; lastSeenAt: string; lastSeenAtAge: string; isDisabled: boolean }>;
      expect(users.find((u) => u.login === 'seen')).toMatchObject({ lastSeenAt: '2026-01-01T00:00:00Z', lastSeenAtAge: '1 months', isDisabled: false });
      expect(users.find((u) => u.login === 'off')).toMatchObject({ lastSeenAt: '2016-02-03T00:00:00Z', lastSeenAtAge: '10 years', isDisabled: true });
      expect((await call(sim, 'GET', '/api/user', { auth: basic('seen', 'pw-seen') })).status).toBe(200);
      expect((await call(sim, 'GET', '/api/user', { auth: basic('off', 'pw-off') })).status).toBe(401);
    } finally {
      await sim.close();
    }
  });

  it.each([
    [{ users: [{ login: 'x', lastSeenAt: 'yesterday' }] }, /lastSeenAt: expected a date/],
    [{ users: [{ login: 'x', isDisabled: 'yes' }] }, /isDisabled: expected true or false/],
    [{ users: [{ email: 'x@y' }] }, /users\[1\]\.login: required string/],
    [{ users: [{ login: 'a' }, { login: 'A' }] }, /used twice/],
    [{ orgs: [{ name: 'O', users: [{ user: 'ghost', role: 'Admin' }] }] }, /unknown user "ghost"/],
    [{ orgs: [{ name: 'O', users: [{ user: 'admin', role: 'Boss' }] }] }, /role/],
    [{ users: [{ login: 'admin', password: 'x' }], orgs: [{ name: 'O', users: [{ user: 'admin', role: 'Viewer' }] }] }, /at least one Admin/],
    [{ orgs: [{ name: 'O', teams: [{ name: 'T', members: ['ghost'] }] }] }, /unknown user "ghost"/],
    [{ orgs: [{ name: 'O', folders: [{ title: 'F', permissions: [{ team: 'Nope', permission: 'View' }] }] }] }, /unknown team/],
    [{ orgs: [{ name: 'O', folders: [{ title: 'F', permissions: [{ role: 'Viewer', permission: 3 }] }] }] }, /permission/],
    [{ orgs: [{ name: 'O', folders: [{ title: 'F', folders: [{ title: 'S' }, { title: 's' }] }] }] }, /used twice in one parent folder/],
    [{ tokens: [{ token: 't', org: 'Nope' }] }, /unknown org/],
    [{ orgs: [{ id: 2, name: 'O' }] }, /org 1 must exist/],
    [{ nonsense: 1 }, /unknown key "nonsense"/],
  ])('refuses %j', (doc, message) => {
    expect(() => buildState(doc)).toThrow(message);
  });
});

describe('--generate', () => {
  it('large: 5,000 users, 20 orgs, 500 teams, 1,000 folders, 2,000 dashboards, consistent', async () => {
    const sim = await startGrafanaSim({ generate: 'large', seed: 3 });
    try {
      const { state } = sim.store;
      expect(state.users.size).toBe(5_001); // plus the default admin
      expect(state.orgs.size).toBe(20);
      expect(state.teams.size).toBe(500);
      expect(state.folders.size).toBe(1_000);
      expect(state.dashboards.size).toBe(2_000);
      expect([...state.folders.values()].every((f) => f.acl.length >= 1)).toBe(true);
      expect(storeInvariants(sim)).toEqual([]);
      expect((await call(sim, 'GET', '/api/users/search?perpage=1')).body.totalCount).toBe(5_001);
      expect((await call(sim, 'GET', '/api/org', { auth: ADMIN, orgId: 20 })).body.name).toBe('Org 20');
    } finally {
      await sim.close();
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = stateToJson(buildState(generateSeedDocument('small', 5)));
    expect(stateToJson(buildState(generateSeedDocument('small', 5)))).toEqual(a);
    expect(stateToJson(buildState(generateSeedDocument('small', 6)))).not.toEqual(a);
    expect(generateSeedDocument('large', 9)).toEqual(generateSeedDocument('large', 9));
  });

  it('small has a token to try', async () => {
    const sim = await startGrafanaSim({ generate: 'small' });
    try {
      expect((await call(sim, 'GET', '/api/teams/search', { auth: bearer('sim-token-org1-admin') })).body.totalCount).toBe(2);
    } finally {
      await sim.close();
    }
  });
});
