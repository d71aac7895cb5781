import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { startFaultProxy } from '../helpers/fault-proxy.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * End to end: the real simulator on loopback, the real CLI as a child process, the shipped
 * examples. The demo org (examples/sim/chartio-org.yaml) has drifted from examples/chartio.yaml.
 */
const EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');
const DEMO_ORG = path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml');

interface SimPermission {
  team_id?: number;
  user_id?: number;
  access_level: string;
}
interface SimState {
  users: { id: number; email: string }[];
  teams: { id: number; name: string; member_ids: number[] }[];
  dashboards: { slug: string; permissions: SimPermission[] }[];
  datasources: { slug: string; alias: string; permissions: SimPermission[] }[];
}

let sim: ChartioSim;
const env = () => ({ CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'e2e-key', CHARTIO_API_SECRET: 'e2e-secret-canary-5d1e' });

beforeEach(async () => {
  sim = await startChartioSim({ data: await loadSeedFile(DEMO_ORG), credentials: 'e2e-key:e2e-secret-canary-5d1e' });
});
afterEach(async () => {
  await sim.close();
});

const writes = () => sim.requests.list().filter((r) => r.method !== 'GET');

describe('chartio plan and apply against the simulator', () => {
  it('plans the drift, applies it, and then plans nothing', async () => {
    const plan = await runCli(['plan', '-f', EXAMPLE, '--detailed-exitcode'], { env: env() });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('~> rename team "Growth" to "Marketing"');
    expect(plan.stdout).toMatch(/Plan: \d+ to add, \d+ to change, \d+ to destroy\./);
    expect(writes()).toEqual([]); // plan never writes

    const apply = await runCli(['apply', '-f', EXAMPLE, '--auto-approve'], { env: env() });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/Apply complete: \d+ done, 0 failed, 0 skipped\./);

    const again = await runCli(['plan', '-f', EXAMPLE, '--detailed-exitcode'], { env: env() });
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);

    // The org now says what the file says (read from the simulator itself, not through accessctl).
    const state = sim.store.toJSON() as SimState;
    const email = (id: number) => state.users.find((u) => u.id === id)!.email;
    const members = (name: string) => state.teams.find((t) => t.name === name)?.member_ids.map(email).sort();
    expect(members('Marketing')).toEqual(['alice@example.com', 'bob@example.com']);
    expect(members('Analysts')).toEqual(['carol@example.com', 'dave@example.com']);
    expect(members('Owners')).toEqual(['owner@example.com']);
    expect(state.teams.some((t) => t.name === 'Growth')).toBe(false);
    const principal = (p: SimPermission) =>
      p.team_id !== undefined ? `team:${state.teams.find((t) => t.id === p.team_id)!.name}` : `user:${email(p.user_id!)}`;
    const permissions = (list: SimPermission[]) => Object.fromEntries(list.map((p) => [principal(p), p.access_level]));
    const dashboard = (slug: string) => permissions(state.dashboards.find((d) => d.slug === slug)!.permissions);
    expect(dashboard('example-dashboard')).toEqual({ 'team:Marketing': 'editor', 'team:Analysts': 'viewer', 'user:bob@example.com': 'admin' });
    expect(dashboard('revenue-overview')).toEqual({ 'team:Analysts': 'editor', 'user:alice@example.com': 'viewer' });
    expect(dashboard('board-metrics')).toEqual({ 'team:Owners': 'admin' }); // not in the file: untouched
    const warehouse = state.datasources.find((d) => d.slug === 'data-warehouse')!;
    expect(warehouse.alias).toBe('Data Warehouse');
    expect(permissions(warehouse.permissions)).toEqual({ 'team:Analysts': 'admin', 'team:Marketing': 'editor' });
  });

  it('after a partial failure, plan shows exactly what is left and apply finishes it', async () => {
    let failing = true;
    const proxy = await startFaultProxy(sim.url, (req) =>
      failing && req.method === 'POST' && /\/users\/?$/.test(req.url ?? '') ? { status: 500, message: 'injected failure' } : 'pass',
    );
    try {
      const viaProxy = { ...env(), CHARTIO_URL: proxy.url };
      const first = await runCli(['apply', '-f', EXAMPLE, '--auto-approve'], { env: viaProxy });
      expect(first.code).toBe(1);
      expect(first.stdout).toContain('Apply incomplete: 10 done, 1 failed, 1 skipped.');
      expect(first.stderr).toContain('failed: + create user bob@example.com in team "Marketing"');
      expect(first.stderr).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/v1\/example-org\/users -> 500: injected failure/);
      expect(first.stderr).toContain('skipped: + grant admin on dashboard "example-dashboard" to user bob@example.com');

      failing = false;
      const left = await runCli(['plan', '-f', EXAMPLE, '--detailed-exitcode'], { env: viaProxy });
      expect(left.code).toBe(2);
      expect(left.stdout.split('\n').filter((line) => /^  \S/.test(line))).toEqual([
        '  + create user bob@example.com in team "Marketing"',
        '  + grant admin on dashboard "example-dashboard" to user bob@example.com',
      ]);
      expect((await runCli(['apply', '-f', EXAMPLE, '--auto-approve'], { env: viaProxy })).code).toBe(0);
      expect((await runCli(['plan', '-f', EXAMPLE, '--detailed-exitcode'], { env: viaProxy })).code).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('--target applies only the addressed changes and what they depend on', async () => {
    const plan = await runCli(['plan', '-f', EXAMPLE, '--target', 'team[Marketing]', '--format', 'json'], { env: env() });
    expect(JSON.parse(plan.stdout).changes.map((c: { address: string }) => c.address)).toEqual(['team[Marketing]']);

    const apply = await runCli(['apply', '-f', EXAMPLE, '--target', 'dashboard[example-dashboard]', '--auto-approve'], { env: env() });
    expect(apply.code).toBe(0);
    // The grant to bob needed bob first; revenue-overview was not targeted and still has frank.
    const rest = await runCli(['plan', '-f', EXAMPLE], { env: env() });
    expect(rest.stdout).not.toContain('example-dashboard');
    expect(rest.stdout).not.toContain('create user bob@example.com');
    expect(rest.stdout).toContain('- revoke admin on dashboard "revenue-overview" from user frank@example.com');
  });

  it('refuses to apply without a terminal and without --auto-approve, writing nothing', async () => {
    const apply = await runCli(['apply', '-f', EXAMPLE], { env: env() });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('refusing to apply without confirmation');
    expect(writes()).toEqual([]);
  });

  it('applies a saved plan as saved', async () => {
    const temp = await tempFiles({});
    try {
      const out = path.join(temp.dir, 'plan.json');
      expect((await runCli(['plan', '-f', EXAMPLE, '--out', out], { env: env() })).code).toBe(0);
      const saved = JSON.parse(await readFile(out, 'utf8'));
      const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
      expect(saved).toMatchObject({ format_version: 2, accessctl_version: pkg.version, provider: 'chartio', files_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(saved.target.identity).toEqual({ org: 'example-org', url: sim.url });

      // Pointed at another target, the saved plan is refused.
      const other = await runCli(['apply', out, '--auto-approve'], { env: { ...env(), CHARTIO_URL: 'http://127.0.0.1:9/v1' } });
      expect(other.code).toBe(1);
      expect(other.stderr).toContain('it was made for another target');
      expect(writes()).toEqual([]);

      const apply = await runCli(['apply', out, '--auto-approve'], { env: env() });
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      const again = await runCli(['plan', '-f', EXAMPLE, '--detailed-exitcode'], { env: env() });
      expect(again.code).toBe(0);
    } finally {
      await temp.remove();
    }
  });

  it('refuses a saved plan once what it touches has changed', async () => {
    const temp = await tempFiles({});
    try {
      const out = path.join(temp.dir, 'plan.json');
      const plan = await runCli(['plan', '-f', EXAMPLE, '--out', out], { env: env() });
      expect(plan.code).toBe(0);
      const saved = JSON.parse(await readFile(out, 'utf8'));
      expect(saved.changes.length).toBeGreaterThan(0);

      // Someone renames the team by hand in the meantime.
      const state = sim.store.toJSON() as { teams: { id: number; name: string }[] };
      const growth = state.teams.find((t) => t.name === 'Growth')!;
      const res = await fetch(`${sim.url}/example-org/teams/${growth.id}`, {
        method: 'PATCH',
        headers: { authorization: `Basic ${Buffer.from('e2e-key:e2e-secret-canary-5d1e').toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Growth Team' }),
      });
      expect(res.status).toBe(200);
      const before = writes().length;

      const stale = await runCli(['apply', out, '--auto-approve'], { env: env() });
      expect(stale.code).toBe(1);
      expect(stale.stderr).toMatch(/it is stale: \d+ live objects? ha(s|ve) changed since it was planned \([^)]*team:\d+/);
      expect(writes().length).toBe(before);
    } finally {
      await temp.remove();
    }
  });

  it('names method, path, status and message on a refused read, and never prints the secret', async () => {
    const run = await runCli(['plan', '-f', EXAMPLE], { env: { ...env(), CHARTIO_API_SECRET: 'wrong-secret-canary-77a1' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v1\/example-org\/\S+ -> 401: Unauthorized/);
    const all = run.stdout + run.stderr;
    for (const secret of ['wrong-secret-canary-77a1', Buffer.from('e2e-key:wrong-secret-canary-77a1').toString('base64')]) {
      expect(all).not.toContain(secret);
    }
  });

  it('explains missing credentials', async () => {
    const run = await runCli(['plan', '-f', EXAMPLE], { env: { CHARTIO_URL: sim.url, CHARTIO_API_KEY: '', CHARTIO_API_SECRET: '' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CHARTIO_API_KEY and CHARTIO_API_SECRET must be set');
  });

  it('refuses a plan over safety.max_deletions and changes nothing', async () => {
    const temp = await tempFiles({
      'access.yaml': 'version: 1\nprovider: chartio\nchartio: { org: example-org }\nmanage: { teams: all, users: prune }\nsafety: { max_deletions: 1 }\nteams:\n  Owners: { members: [owner@example.com] }\n',
    });
    try {
      const run = await runCli(['apply', '--auto-approve'], { cwd: temp.dir, env: env() });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/refused \(safety\.max_deletions\): \d+ (team|user) deletions exceed safety\.max_deletions \(1 = 1 allowed\)/);
      expect(writes()).toEqual([]);
    } finally {
      await temp.remove();
    }
  });
});

describe('--simulate', () => {
  it('plans against the built-in simulator seeded from a file, with no credentials', async () => {
    const run = await runCli(['plan', '-f', 'examples/chartio.yaml', '--simulate', 'examples/sim/chartio-org.yaml'], {
      env: { CHARTIO_API_KEY: '', CHARTIO_API_SECRET: '', CHARTIO_URL: '' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[simulator seeded from examples/sim/chartio-org.yaml]');
    expect(run.stdout).toContain('~> rename team "Growth" to "Marketing"');
  });
});


describe('export', () => {
  it('writes the live org as a file that plans no changes', async () => {
    const temp = await tempFiles({});
    try {
      const out = path.join(temp.dir, 'exported.yaml');
      const run = await runCli(['export', 'chartio', '--org', 'example-org', '-o', out], { env: env() });
      expect(run.code).toBe(0);
      const yaml = await readFile(out, 'utf8');
      expect(yaml).toMatch(/^# yaml-language-server: \$schema=\S+accessctl\.schema\.json\n/);
      expect(yaml).toContain('  Growth:\n');
      const plan = await runCli(['plan', '-f', out, '--detailed-exitcode'], { env: env() });
      expect(plan.stdout).toContain('No changes.');
      expect(plan.code).toBe(0);
      expect(writes()).toEqual([]);
    } finally {
      await temp.remove();
    }
  });

  it('needs --org for chartio', async () => {
    const run = await runCli(['export', 'chartio'], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: export chartio needs --org SLUG\n');
  });
});
