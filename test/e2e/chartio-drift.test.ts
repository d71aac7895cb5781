import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');
let sim: ChartioSim;
const env = () => ({ CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'drift-key', CHARTIO_API_SECRET: 'drift-secret' });
const auth = `Basic ${Buffer.from('drift-key:drift-secret').toString('base64')}`;

/** The demo org, with one dashboard left shared by link "for a day" (the file cannot say so, so it is never drift), and one more datasource. */
async function demoOrgSharedByLink(): Promise<unknown> {
  const data = (await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml'))) as { dashboards: { slug: string; link_sharing_access?: string }[]; datasources: unknown[] };
  data.dashboards.find((d) => d.slug === 'revenue-overview')!.link_sharing_access = 'editor';
  // And a datasource no file names, so that --unmanaged has datasource access to list.
  data.datasources.push({ slug: 'logs', alias: 'Logs', dstype: 'Redshift', permissions: [{ team: 'Analysts', access_level: 'editor' }] });
  return data;
}

beforeEach(async () => {
  sim = await startChartioSim({ data: await demoOrgSharedByLink(), credentials: 'drift-key:drift-secret' });
  // Start from an org that matches the file.
  expect((await runCli(['apply', '-f', EXAMPLE, '--auto-approve'], { env: env() })).code).toBe(0);
});
afterEach(async () => {
  await sim.close();
});

/** An out-of-band change, made through the simulator's API as a person in the Chartio UI would. */
async function grantByHand(): Promise<void> {
  const state = sim.store.toJSON() as { dashboards: { id: number; slug: string }[]; users: { id: number; email: string }[] };
  const dashboard = state.dashboards.find((d) => d.slug === 'example-dashboard')!;
  const carol = state.users.find((u) => u.email === 'carol@example.com')!;
  const res = await fetch(`${sim.url}/example-org/dashboards/${dashboard.id}/permissions`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: carol.id, access_level: 'admin' }),
  });
  expect(res.status).toBe(201);
}

/** Carol made an owner by hand (admin on everything, though no grant names her), then taken out of Analysts. */
async function promoteAndMoveByHand(): Promise<void> {
  const state = sim.store.toJSON() as { teams: { id: number; name: string }[]; users: { id: number; email: string }[] };
  const team = (name: string) => state.teams.find((t) => t.name === name)!.id;
  const carol = state.users.find((u) => u.email === 'carol@example.com')!.id;
  const send = (method: string, url: string, body?: unknown) =>
    fetch(`${sim.url}/example-org${url}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  // In this order: Chartio refuses to take a user off their only team.
  expect((await send('PATCH', `/teams/${team('Owners')}/users`, { id: carol })).status).toBe(200);
  expect((await send('DELETE', `/teams/${team('Analysts')}/users/${carol}`)).status).toBe(204);
}

describe('accessctl drift against the simulator', () => {
  it('exits 0 when live matches, 2 after an out-of-band change (naming it), 0 again after apply', async () => {
    const clean = await runCli(['drift', '-f', EXAMPLE], { env: env() });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('No drift.');

    await grantByHand();
    const drifted = await runCli(['drift', '-f', EXAMPLE], { env: env() });
    expect(drifted.code).toBe(2);
    expect(drifted.stdout).toContain('  dashboard[example-dashboard].permission[user:carol@example.com]\n      git:  absent\n      live: admin');
    expect(drifted.stdout).toContain('Drift: 1 difference (1 permission), 1 widened, 0 narrowed, 0 changed, 0 missing, 0 ignored.');
    // The same drift as a unified diff of the file against live, over what the file manages.
    expect(drifted.stdout).toContain('The file against live, as YAML:\n--- git\n+++ live\n');
    expect(drifted.stdout).toMatch(/^ {7}users:\n {9}bob@example\.com: admin\n\+ {8}carol@example\.com: admin$/m);
    const writes = sim.requests.list().filter((r) => r.method !== 'GET').length;

    expect((await runCli(['apply', '-f', EXAMPLE, '--auto-approve'], { env: env() })).code).toBe(0);
    expect(sim.requests.list().filter((r) => r.method !== 'GET').length).toBe(writes + 1);
    const again = await runCli(['drift', '-f', EXAMPLE], { env: env() });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('--- git');
  });

  it('counts drift the file expects (ignore:) without failing on it', async () => {
    await grantByHand();
    const temp = await tempFiles({
      'access.yaml': `${await readFile(EXAMPLE, 'utf8')}\nignore:\n  - { address: "dashboard[example-dashboard].permission[user:*]", reason: shared by hand for the quarterly review }\n`,
    });
    try {
      const run = await runCli(['drift'], { cwd: temp.dir, env: env() });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Drift: 0 differences, 0 missing, 1 ignored.');
      expect(run.stdout).toContain('ignored: dashboard[example-dashboard].permission[user:carol@example.com] (shared by hand for the quarterly review)');
    } finally {
      await temp.remove();
    }
  });

  // Each format also carries the unified diff of the file against live; the HTML is static: no script, no request.
  const DIFF_LINE = /^\+ {8}carol@example\.com: admin$/m;
  it.each([
    ['json', (out: string) => {
      expect(JSON.parse(out).items[0]).toMatchObject({ kind: 'permission', git: 'absent', live: { level: 'admin' } });
      expect(JSON.parse(out).diff).toMatch(DIFF_LINE);
    }],
    ['markdown', (out: string) => {
      expect(out).toContain('| dashboard\\[example-dashboard\\].permission\\[user:carol@example.com\\] | absent | admin |');
      expect(out).toMatch(/<details><summary>The file against live, as YAML<\/summary>\n\n```diff\n--- git\n/);
      expect(out).toMatch(DIFF_LINE);
    }],
    ['html', (out: string) => {
      expect(out).toMatch(/^<!doctype html>[\s\S]*<code>dashboard\[example-dashboard\]\.permission\[user:carol@example\.com\]<\/code>/);
      expect(out).toMatch(/<pre>--- git\n\+\+\+ live\n[\s\S]*^\+ {8}carol@example\.com: admin$/m);
      expect(out).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(/i);
      expect(out).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">');
    }],
  ])('writes the %s report to --output', async (format, check) => {
    await grantByHand();
    const temp = await tempFiles({});
    try {
      const out = path.join(temp.dir, `drift.${format}`);
      const run = await runCli(['drift', '-f', EXAMPLE, '--format', format, '--output', out], { env: env() });
      expect(run.code).toBe(2);
      check(await readFile(out, 'utf8'));
    } finally {
      await temp.remove();
    }
  });

  it('says which way access moved: a new owner is widened, a member taken out is narrowed, widened first', async () => {
    await promoteAndMoveByHand();
    const run = await runCli(['drift', '-f', EXAMPLE, '--format', 'json'], { env: env() });
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { items: { address: string; direction: string }[]; byDirection: Record<string, number> };
    expect(report.items.map((i) => [i.address, i.direction])).toEqual([
      ['team[Owners].member[carol@example.com]', 'widened'],
      ['team[Analysts].member[carol@example.com]', 'narrowed'],
    ]);
    expect(report.byDirection).toEqual({ widened: 1, narrowed: 1, changed: 0 });
  });

  it('--unmanaged lists access the file does not manage, org-wide admins and teams no file names, without making it drift', async () => {
    const run = await runCli(['drift', '-f', EXAMPLE, '--unmanaged', '--format', 'json'], { env: env() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { items: unknown[]; unmanaged: { access: unknown[]; admins: unknown[] } };
    expect(report.items).toEqual([]);
    // board-metrics and logs are in the org but not in the file: their grants are unmanaged; the Owners reach everything.
    expect(report.unmanaged).toEqual({
      access: [
        { user: 'carol@example.com', resource: 'datasource:logs', level: 'editor', paths: [{ level: 'editor', via: 'team:Analysts' }] },
        { user: 'dave@example.com', resource: 'datasource:logs', level: 'editor', paths: [{ level: 'editor', via: 'team:Analysts' }] },
        { user: 'owner@example.com', resource: 'dashboard:board-metrics', level: 'admin', paths: [{ level: 'admin', via: 'team:Owners' }] },
      ],
      admins: [{ user: 'owner@example.com', via: 'owners', level: 'admin', resources: 5 }],
      // The seed's Added from Dashboard team is in no file (the API will not delete it); Owners is left out, its member is the admin above.
      teams: [{ team: 'Added from Dashboard', members: ['erin@example.com', 'frank@example.com'] }],
    });
  });

  it.each(['drift', 'audit'])('%s exits 1 when live state cannot be read, and says why', async (command) => {
    const run = await runCli([command, '-f', EXAMPLE], { env: { ...env(), CHARTIO_API_SECRET: 'wrong' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toMatch(/-> 401/);
    expect(run.stdout).toBe('');
  });
});

describe('accessctl audit against the simulator', () => {
  it('lists every user\'s effective access, matching the simulator\'s own state', async () => {
    const run = await runCli(['audit', '-f', EXAMPLE, '--format', 'json'], { env: env() });
    expect(run.code).toBe(0);
    const view = JSON.parse(run.stdout) as { access: { user: string; resource: string; level: string; paths: { via: string }[] }[] };
    // From the simulator directly: example-dashboard grants Marketing editor (alice, bob), Analysts viewer (carol, dave), bob admin.
    const at = (user: string, resource: string) => view.access.find((e) => e.user === user && e.resource === resource);
    expect(at('bob@example.com', 'dashboard:example-dashboard')).toMatchObject({ level: 'admin', paths: [{ via: 'team:Marketing' }, { via: 'direct' }] });
    expect(at('carol@example.com', 'dashboard:example-dashboard')?.level).toBe('viewer');
    expect(at('owner@example.com', 'dashboard:board-metrics')).toMatchObject({ level: 'admin', paths: [{ via: 'team:Owners' }, { via: 'owners' }] });
    // Owners hold admin everywhere, named in a grant or not; a dashboard shared by link is open to anyone with it.
    expect(at('owner@example.com', 'datasource:data-warehouse')).toMatchObject({ level: 'admin', paths: [{ via: 'owners' }] });
    expect(at('anyone with the link', 'dashboard:revenue-overview')).toEqual({ user: 'anyone with the link', resource: 'dashboard:revenue-overview', level: 'editor', paths: [{ level: 'editor', via: 'link_sharing' }] });
    expect(view.access.filter((e) => e.user === 'anyone with the link').map((e) => e.resource)).toEqual(['dashboard:revenue-overview']);
    // Titles beside slugs: a dashboard's title, a datasource's alias (as the apply above set it).
    expect((JSON.parse(run.stdout) as { titles: Record<string, string> }).titles).toMatchObject({ 'dashboard:example-dashboard': 'Example Dashboard', 'datasource:data-warehouse': 'Data Warehouse' });

    type Granted = { permissions: { team_id?: number; user_id?: number }[] };
    const state = sim.store.toJSON() as { dashboards: (Granted & { link_sharing_access: string })[]; datasources: Granted[]; teams: { id: number; is_owner: boolean; member_ids: number[] }[] };
    const members = new Map(state.teams.map((t) => [t.id, t.member_ids]));
    const owners = state.teams.filter((t) => t.is_owner).flatMap((t) => t.member_ids);
    /** Who reaches each object, from the simulator directly: grantees, team members, owners, and the link. */
    const reached = (objects: (Granted & { link_sharing_access?: string })[]) => {
      const pairs = new Set<string>();
      objects.forEach((o, i) => {
        for (const p of o.permissions) for (const id of p.user_id !== undefined ? [p.user_id] : members.get(p.team_id!) ?? []) pairs.add(`${i}:${id}`);
        for (const id of owners) pairs.add(`${i}:${id}`);
        if (o.link_sharing_access !== undefined && o.link_sharing_access !== 'none') pairs.add(`${i}:link`);
      });
      return pairs.size;
    };
    expect(view.access.filter((e) => e.resource.startsWith('dashboard:')).length).toBe(reached(state.dashboards));
    expect(view.access.filter((e) => e.resource.startsWith('datasource:')).length).toBe(reached(state.datasources));
  });

  it('flags who came in from outside as external, and writes CSV by default with the title and review columns before the evidence', async () => {
    // Someone shared board-metrics from the dashboard: its people join "Added from Dashboard".
    const state = sim.store.toJSON() as { dashboards: { id: number; slug: string }[]; teams: { id: number; name: string }[] };
    const board = state.dashboards.find((d) => d.slug === 'board-metrics')!.id;
    const added = state.teams.find((t) => t.name === 'Added from Dashboard')!.id;
    const res = await fetch(`${sim.url}/example-org/dashboards/${board}/permissions`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ team_id: added, access_level: 'viewer' }),
    });
    expect(res.status).toBe(201);
    const json = await runCli(['audit', '-f', EXAMPLE, '--format', 'json'], { env: env() });
    const people = (JSON.parse(json.stdout) as { people: { name: string; flags: string[] }[] }).people;
    expect(people.filter((p) => p.flags.includes('external')).map((p) => p.name).sort()).toEqual(['anyone with the link', 'erin@example.com', 'frank@example.com']);
    const csv = await runCli(['audit', '-f', EXAMPLE], { env: env() });
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe(
      ['user', 'resource', 'level', 'via', 'resource_title', 'last_seen_at', 'disabled', 'flags', 'generated_at', 'accessctl_version', 'target', 'commit', 'ref', 'input_files'].map((c) => `"${c}"`).join(','),
    );
    expect(csv.stdout).toContain('"erin@example.com","dashboard:board-metrics","viewer","team:Added from Dashboard (viewer)","Board Metrics","","","external",');
  });
});
