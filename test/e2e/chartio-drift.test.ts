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

beforeEach(async () => {
  sim = await startChartioSim({ data: await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')), credentials: 'drift-key:drift-secret' });
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

describe('accessctl drift against the simulator', () => {
  it('exits 0 when live matches, 2 after an out-of-band change (naming it), 0 again after apply', async () => {
    const clean = await runCli(['drift', '-f', EXAMPLE], { env: env() });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('No drift.');

    await grantByHand();
    const drifted = await runCli(['drift', '-f', EXAMPLE], { env: env() });
    expect(drifted.code).toBe(2);
    expect(drifted.stdout).toContain('  dashboard[example-dashboard].permission[user:carol@example.com]\n      git:  absent\n      live: admin');
    expect(drifted.stdout).toContain('Drift: 1 difference (1 permission), 0 missing, 0 ignored.');
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

  it.each([
    ['json', (out: string) => expect(JSON.parse(out).items[0]).toMatchObject({ kind: 'permission', git: 'absent', live: { level: 'admin' } })],
    ['markdown', (out: string) => expect(out).toContain('| dashboard\\[example-dashboard\\].permission\\[user:carol@example.com\\] | absent | admin |')],
    ['html', (out: string) => expect(out).toMatch(/^<!doctype html>[\s\S]*<code>dashboard\[example-dashboard\]\.permission\[user:carol@example\.com\]<\/code>/)],
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

  it('exits 1 when live state cannot be read', async () => {
    const run = await runCli(['drift', '-f', EXAMPLE], { env: { ...env(), CHARTIO_API_SECRET: 'wrong' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/-> 401/);
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
    expect(at('owner@example.com', 'dashboard:board-metrics')?.level).toBe('admin');
    const state = sim.store.toJSON() as { dashboards: { permissions: { team_id?: number; user_id?: number }[] }[]; teams: { id: number; member_ids: number[] }[] };
    const expected = new Set<string>();
    const members = new Map(state.teams.map((t) => [t.id, t.member_ids]));
    state.dashboards.forEach((d, i) => {
      for (const p of d.permissions) for (const id of p.user_id !== undefined ? [p.user_id] : members.get(p.team_id!) ?? []) expected.add(`${i}:${id}`);
    });
    expect(view.access.filter((e) => e.resource.startsWith('dashboard:')).length).toBe(expected.size);
  });
});
