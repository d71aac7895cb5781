import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSeedDocument } from '../../../src/sim/chartio/generate.js';
import { buildState, loadSeedFile } from '../../../src/sim/chartio/seed-data.js';
import { startChartioSim } from '../../../src/sim/chartio/server.js';
import { ChartioStore } from '../../../src/sim/chartio/store.js';
import { call, storeInvariants } from './helpers.js';

/** The example from issue 3, verbatim. */
const ISSUE_EXAMPLE = `
org: example-org
users:
  - { email: owner@example.com, display_name: Org Owner }   # ids optional: assigned from 1 in order of appearance, per kind
teams:
  - { name: Owners, members: [owner@example.com] }          # created if absent; is_owner
  - { name: Added from Dashboard, members: [] }
  - { name: Marketing, members: [alice@example.com] }       # members by email
dashboards:
  - slug: example-dashboard
    title: Example Dashboard
    permissions:
      - { team: Marketing, access_level: editor }
      - { user: alice@example.com, access_level: viewer }
datasources:
  - slug: data-warehouse
    alias: Data Warehouse
    dstype: Redshift
    permissions:
      - { team: Marketing, access_level: editor }
`;

describe('--data files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chartio-sim-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the issue example (YAML) and serves it', async () => {
    const file = join(dir, 'org.yaml');
    await writeFile(file, ISSUE_EXAMPLE);
    const sim = await startChartioSim({ dataFile: file });
    try {
      const teams = await call(sim, 'GET', '/example-org/teams');
      expect(teams.body.teams.map((t: { id: number; name: string; is_owner: boolean }) => [t.id, t.name, t.is_owner])).toEqual([
        [1, 'Owners', true],
        [2, 'Added from Dashboard', false],
        [3, 'Marketing', false],
      ]);
      const perms = await call(sim, 'GET', '/example-org/dashboards/1/permissions');
      expect(perms.body.permissions.map((p: { id: number; access_level: string }) => [p.id, p.access_level])).toEqual([
        [1, 'editor'],
        [2, 'viewer'],
      ]);
      const ds = await call(sim, 'GET', '/example-org/datasources/1');
      expect(ds.body).toMatchObject({ slug: 'data-warehouse', alias: 'Data Warehouse', dstype: 'Redshift' });
      expect(storeInvariants(sim)).toEqual([]);
      // The special team is recognised by name: members cannot be added.
      expect((await call(sim, 'PATCH', '/example-org/teams/2/users', { body: { id: 2 } })).status).toBe(405);
    } finally {
      await sim.close();
    }
  });

  it('loads JSON too, and --org overrides the file', async () => {
    const file = join(dir, 'org.json');
    await writeFile(file, JSON.stringify({ org: 'acme', users: [{ email: 'a@acme.test' }], teams: [{ name: 'Owners', members: ['a@acme.test'] }] }));
    const doc = await loadSeedFile(file);
    expect(buildState(doc).org).toBe('acme');
    expect(buildState(doc, 'other').org).toBe('other');
    const sim = await startChartioSim({ dataFile: file });
    try {
      expect(sim.org).toBe('acme');
      expect((await call(sim, 'GET', '/acme/users/a@acme.test')).status).toBe(200);
      expect((await call(sim, 'GET', '/example-org/users')).status).toBe(403);
    } finally {
      await sim.close();
    }
  });

  it('keeps explicit ids, numbers the rest from 1 skipping them, and lists in id order', () => {
    const state = buildState({
      users: [{ email: 'a@x.test', id: 2 }, { email: 'b@x.test' }, { email: 'c@x.test' }],
      teams: [{ name: 'Owners', members: ['a@x.test', 'b@x.test', 'c@x.test'] }],
    });
    expect([...state.users.values()].map((u) => [u.id, u.email])).toEqual([
      [1, 'b@x.test'],
      [2, 'a@x.test'],
      [3, 'c@x.test'],
    ]);
    // New ids continue after the largest.
    const store = new ChartioStore(state);
    expect(store.createUser({ email: 'd@x.test', team: { id: 1 } }).user.id).toBe(4);
  });

  it('creates the Owners team when absent, with the first user in it', () => {
    const state = buildState({ users: [{ email: 'a@x.test' }, { email: 'b@x.test' }], teams: [{ name: 'Data', members: ['b@x.test'] }] });
    const owners = [...state.teams.values()].find((t) => t.kind === 'owners');
    expect(owners).toMatchObject({ id: 2, name: 'Owners' });
    expect([...(owners?.members ?? [])]).toEqual([1]);
  });

  it('creates team members that `users` does not list, with the next ids', () => {
    const state = buildState({ users: [{ email: 'a@x.test' }], teams: [{ name: 'Owners', members: ['a@x.test', 'new@x.test'] }, { name: 'T', members: ['New@x.test', 'b@x.test'] }] });
    expect([...state.users.values()].map((u) => [u.id, u.email])).toEqual([
      [1, 'a@x.test'],
      [2, 'new@x.test'],
      [3, 'b@x.test'],
    ]);
  });

  it('an empty document is an error (the Owners team needs a member)', () => {
    expect(() => buildState({})).toThrow(/at least one user/);
  });

  it.each([
    ['a user in no team', { users: [{ email: 'a@x.test' }, { email: 'b@x.test' }], teams: [{ name: 'Owners', members: ['a@x.test'] }] }, /b@x.test is in no team/],
    ['an empty Owners team', { users: [{ email: 'a@x.test' }], teams: [{ name: 'Owners', members: [] }, { name: 'T', members: ['a@x.test'] }] }, /Owners team must have at least one member/],
    ['a member that is not an email', { users: [{ email: 'a@x.test' }], teams: [{ name: 'Owners', members: ['a@x.test', 'zed'] }] }, /teams\[0\]\.members\[1\]: "zed" is not an email address/],
    ['an unknown member id', { users: [{ email: 'a@x.test' }], teams: [{ name: 'Owners', members: ['a@x.test', 7] }] }, /teams\[0\]\.members\[1\]: unknown user 7/],
    ['a duplicate email (any case)', { users: [{ email: 'a@x.test' }, { email: 'A@x.test' }] }, /users\[1\]\.email: A@x.test appears twice/],
    ['a duplicate team', { users: [{ email: 'a@x.test' }], teams: [{ name: 'Owners', members: ['a@x.test'] }, { name: 'Owners' }] }, /appears twice/],
    ['an unknown key', { users: [{ email: 'a@x.test', role: 'admin' }] }, /users\[0\]: unknown key "role"/],
    ['viewer on a datasource', { users: [{ email: 'a@x.test' }], datasources: [{ slug: 'd', permissions: [{ user: 'a@x.test', access_level: 'viewer' }] }] }, /datasources\[0\]\.permissions\[0\]\.access_level/],
    ['a permission for an unknown team', { users: [{ email: 'a@x.test' }], dashboards: [{ slug: 'd', permissions: [{ team: 'Ghosts', access_level: 'viewer' }] }] }, /unknown team "Ghosts"/],
    ['two permissions for one principal', { users: [{ email: 'a@x.test' }], dashboards: [{ slug: 'd', permissions: [{ user: 'a@x.test', access_level: 'viewer' }, { user: 'a@x.test', access_level: 'admin' }] }] }, /second permission/],
    ['a duplicate id', { users: [{ email: 'a@x.test', id: 1 }, { email: 'b@x.test', id: 1 }] }, /id 1 used twice/],
    ['a bad link_sharing_access', { users: [{ email: 'a@x.test' }], dashboards: [{ slug: 'd', link_sharing_access: 'public' }] }, /link_sharing_access/],
  ])('rejects %s', (_name, doc, message) => {
    expect(() => buildState(doc)).toThrow(message);
  });

  it('reports YAML syntax errors with the file name', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'users: [\n');
    await expect(loadSeedFile(file)).rejects.toThrow(/broken\.yaml/);
  });
});

describe('--generate', () => {
  it('small: a demo org of about 20 users, 5 teams, 10 dashboards, 3 datasources with permissions', () => {
    const state = buildState(generateSeedDocument('small', 1));
    expect(state.users.size).toBe(20);
    expect(state.teams.size).toBe(5);
    expect(state.dashboards.size).toBe(10);
    expect(state.datasources.size).toBe(3);
    expect([...state.dashboards.values()].every((d) => d.permissions.size >= 1)).toBe(true);
    expect([...state.datasources.values()].every((d) => d.permissions.size >= 1)).toBe(true);
    expect([...state.teams.values()].map((t) => t.kind)).toEqual(['owners', 'added_from_dashboard', 'normal', 'normal', 'normal']);
  });

  it('large: at the limits, 1 to 8 permissions per dashboard', () => {
    const state = buildState(generateSeedDocument('large', 1));
    expect(state.users.size).toBe(10_000);
    expect(state.teams.size).toBe(2_000);
    expect(state.dashboards.size).toBe(5_000);
    expect(state.datasources.size).toBe(500);
    const sizes = [...state.dashboards.values()].map((d) => d.permissions.size);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(8);
  });

  it('is deterministic for a seed and varies between seeds', () => {
    expect(generateSeedDocument('small', 9)).toEqual(generateSeedDocument('small', 9));
    expect(generateSeedDocument('small', 9)).not.toEqual(generateSeedDocument('small', 10));
  });
});

describe('generate large at a scale', () => {
  it.each([0.1, 0.5])('keeps the shape at %s of the size', (scale) => {
    const doc = generateSeedDocument('large', 1, 'example-org', scale) as { users: unknown[]; teams: unknown[]; dashboards: unknown[]; datasources: unknown[] };
    expect([doc.users.length, doc.teams.length, doc.dashboards.length, doc.datasources.length]).toEqual([10_000, 2_000, 5_000, 500].map((n) => Math.round(n * scale)));
    expect(() => buildState(doc)).not.toThrow();
  });
});
