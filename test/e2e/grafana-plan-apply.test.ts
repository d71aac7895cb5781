import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/grafana/seed-data.js';
import { startGrafanaSim, type GrafanaSim } from '../../src/sim/grafana/server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';

/**
 * End to end: the real Grafana simulator on loopback, the real CLI as a child process, the
 * shipped examples. examples/sim/grafana-instance.yaml has drifted from examples/grafana.yaml.
 * The server admin's password is a canary that must never appear in any output.
 */
const EXAMPLE = path.join(REPO_ROOT, 'examples/grafana.yaml');
const INSTANCE = path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml');
const PASSWORD = 'e2e-grafana-canary-5f1c';
const ADMIN = { login: 'admin', email: 'admin@localhost', name: 'admin', password: PASSWORD, isGrafanaAdmin: true };

const sims: GrafanaSim[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

/** A simulator seeded like `data`, with the canary admin in place of the default admin/admin. */
async function startSim(data: { users?: unknown[]; orgs?: unknown[] }): Promise<GrafanaSim> {
  const sim = await startGrafanaSim({ host: '127.0.0.1', data: { ...data, users: [ADMIN, ...(data.users ?? [])] } });
  sims.push(sim);
  return sim;
}

const envFor = (sim: GrafanaSim, password = PASSWORD) => ({ ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: password });
const writes = (sim: GrafanaSim) => sim.requests.list().filter((r) => r.method !== 'GET');
const orgMembers = (sim: GrafanaSim, name: string) => {
  const state = sim.store.state;
  const org = [...state.orgs.values()].find((o) => o.name === name);
  if (!org) return undefined;
  return Object.fromEntries([...org.members].map(([id, role]) => [state.users.get(id)!.login, role]));
};

describe('grafana plan and apply against the simulator', () => {
  it('plans the drift, applies it, and then plans nothing', async () => {
    const sim = await startSim((await loadSeedFile(INSTANCE)) as { users?: unknown[]; orgs?: unknown[] });

    const plan = await runCli(['plan', '-f', EXAMPLE, '--detailed-exitcode'], { env: envFor(sim) });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    for (const line of [
      '+ create org "Partners"',
      '~ promote alice@example.com in org "Main Org." from Viewer to Editor',
      '~ demote bob@example.com in org "Main Org." from Editor to Viewer',
      '- remove erin (Viewer) from org "Main Org."',
      '+ add carol@example.com to team "Support" in org "Main Org."',
      '~ set permissions of folder "Operations" in org "Main Org.": ~ team "SRE" Edit -> Admin',
      '+ add dave@partner.example to org "Partners" as Viewer',
    ]) {
      expect(plan.stdout).toContain(line);
    }
    expect(plan.stdout).toMatch(/Plan: 3 to add, 3 to change, 1 to \w+\./);
    expect(writes(sim)).toEqual([]); // plan never writes

    const apply = await runCli(['apply', '-f', EXAMPLE, '--auto-approve'], { env: envFor(sim) });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 7 done, 0 failed, 0 skipped.');

    expect(orgMembers(sim, 'Main Org.')).toEqual({ admin: 'Admin', alice: 'Editor', bob: 'Viewer', carol: 'Viewer' });
    expect(orgMembers(sim, 'Partners')).toEqual({ admin: 'Admin', dave: 'Viewer' });
    const state = sim.store.state;
    const support = [...state.teams.values()].find((t) => t.name === 'Support')!;
    expect([...support.members.keys()].map((id) => state.users.get(id)!.login).sort()).toEqual(['bob', 'carol']);

    const again = await runCli(['plan', '-f', EXAMPLE, '--detailed-exitcode'], { env: envFor(sim) });
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  });

  it('applies a saved plan, and refuses it once what it touches has changed', async () => {
    const sim = await startSim((await loadSeedFile(INSTANCE)) as { users?: unknown[]; orgs?: unknown[] });
    const temp = await tempFiles({});
    try {
      const out = path.join(temp.dir, 'plan.json');
      const plan = await runCli(['plan', '-f', EXAMPLE, '--out', out], { env: envFor(sim) });
      expect(plan.code).toBe(0);

      // Someone adds erin to the Support team by hand in the meantime.
      const state = sim.store.state;
      const support = [...state.teams.values()].find((t) => t.name === 'Support')!;
      const erin = [...state.users.values()].find((u) => u.login === 'erin')!;
      const res = await fetch(`${sim.url}/api/teams/${support.id}/members`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`, 'content-type': 'application/json', 'x-grafana-org-id': '1' },
        body: JSON.stringify({ userId: erin.id }),
      });
      expect(res.status).toBe(200);
      const before = writes(sim).length;

      const stale = await runCli(['apply', out, '--auto-approve'], { env: envFor(sim) });
      expect(stale.code).toBe(1);
      expect(stale.stderr).toContain(`is stale: 1 live object has changed since it was planned (org:1:team:${support.id})`);
      expect(writes(sim).length).toBe(before);

      const fresh = path.join(temp.dir, 'fresh.json');
      expect((await runCli(['plan', '-f', EXAMPLE, '--out', fresh], { env: envFor(sim) })).code).toBe(0);
      const apply = await runCli(['apply', fresh, '--auto-approve'], { env: envFor(sim) });
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      expect((await runCli(['plan', '-f', EXAMPLE, '--detailed-exitcode'], { env: envFor(sim) })).code).toBe(0);
    } finally {
      await temp.remove();
    }
  });

  it('swaps which user is the Admin of an org: the promotion runs before the demotion', async () => {
    const sim = await startSim({
      users: [{ login: 'alice' }, { login: 'bob' }],
      orgs: [
        { name: 'Main Org.', users: [{ user: 'admin', role: 'Admin' }] },
        // accessctl's own user is not in this org: its only Admin is alice.
        {
          name: 'Ops',
          users: [
            { user: 'alice', role: 'Admin' },
            { user: 'bob', role: 'Viewer' },
          ],
        },
      ],
    });
    const temp = await tempFiles({
      'access.yaml': ['version: 1', 'provider: grafana', 'orgs:', '  Ops:', '    users: { alice: Editor, bob: Admin }', ''].join('\n'),
    });
    try {
      const plan = await runCli(['plan', '--detailed-exitcode'], { cwd: temp.dir, env: envFor(sim) });
      expect(plan.code).toBe(2);
      expect(plan.stdout).toContain('~ promote bob in org "Ops" from Viewer to Admin');
      expect(plan.stdout).toContain('~ demote alice in org "Ops" from Admin to Editor');

      const apply = await runCli(['apply', '--auto-approve', '--parallelism', '8'], { cwd: temp.dir, env: envFor(sim) });
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      expect(orgMembers(sim, 'Ops')).toEqual({ alice: 'Editor', bob: 'Admin' });
      const patches = writes(sim).map((r) => `${r.method} ${r.path} ${r.status}`);
      expect(patches).toEqual([expect.stringMatching(/^PATCH \/api\/orgs\/2\/users\/3 200$/), expect.stringMatching(/^PATCH \/api\/orgs\/2\/users\/2 200$/)]);

      const again = await runCli(['plan', '--detailed-exitcode'], { cwd: temp.dir, env: envFor(sim) });
      expect(again.code).toBe(0);
    } finally {
      await temp.remove();
    }
  });

  it('creates an org with a team, adds members to a team of another org, and converges', async () => {
    const sim = await startSim({
      users: [{ login: 'bob' }, { login: 'carol' }, { login: 'dave' }],
      orgs: [
        { name: 'Main Org.', users: [{ user: 'admin', role: 'Admin' }] },
        {
          name: 'Ops',
          users: [
            { user: 'admin', role: 'Admin' },
            { user: 'bob', role: 'Viewer' },
            { user: 'carol', role: 'Viewer' },
          ],
          teams: [{ name: 'Oncall', members: ['carol'] }],
        },
      ],
    });
    const temp = await tempFiles({
      'access.yaml': [
        'version: 1',
        'provider: grafana',
        'orgs:',
        '  Ops:',
        '    teams: { Oncall: { members: [carol, bob] } }',
        '  Partners:',
        '    users: { admin: Admin, dave: Viewer }',
        '    teams: { Ext: { members: [dave] } }',
        '',
      ].join('\n'),
    });
    try {
      const apply = await runCli(['apply', '--auto-approve'], { cwd: temp.dir, env: envFor(sim) });
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      expect(apply.stdout).toContain('Apply complete: 5 done, 0 failed, 0 skipped.');
      const state = sim.store.state;
      const members = (team: string) =>
        [...[...state.teams.values()].find((t) => t.name === team)!.members.keys()].map((id) => state.users.get(id)!.login).sort();
      expect(members('Oncall')).toEqual(['bob', 'carol']);
      // Grafana made admin (the creator) a member of Ext; the file says only dave.
      expect(members('Ext')).toEqual(['dave']);

      const again = await runCli(['plan', '--detailed-exitcode'], { cwd: temp.dir, env: envFor(sim) });
      expect(again.stdout).toContain('No changes.');
      expect(again.code).toBe(0);
    } finally {
      await temp.remove();
    }
  });

  it('fails with method, path, status and message on a wrong password, and never prints it', async () => {
    const sim = await startSim({ orgs: [{ name: 'Main Org.', users: [{ user: 'admin', role: 'Admin' }] }] });
    const wrong = 'wrong-canary-password-93ab';
    const run = await runCli(['plan', '-f', EXAMPLE], { env: envFor(sim, wrong) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/[a-z/]+ -> 401: \S/);
    const output = run.stdout + run.stderr;
    for (const secret of [wrong, Buffer.from(`admin:${wrong}`).toString('base64'), PASSWORD]) {
      expect(output).not.toContain(secret);
    }
    expect(writes(sim)).toEqual([]);
  });

  it('names the variables to set when there are no credentials', async () => {
    const run = await runCli(['plan', '-f', EXAMPLE], { env: { ...NO_GRAFANA_ENV, GRAFANA_URL: 'http://127.0.0.1:9' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('GRAFANA_USER and GRAFANA_PASSWORD');
    expect(run.stderr).toContain('GRAFANA_TOKEN');
    expect(run.stderr).toContain('--simulate');
  });

  it('plans the example against the built-in simulator with --simulate', async () => {
    const run = await runCli(['plan', '-f', EXAMPLE, '--simulate', INSTANCE, '--detailed-exitcode'], { env: NO_GRAFANA_ENV });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('[simulator seeded from');
    expect(run.stdout).toContain('+ add carol@example.com to team "Support" in org "Main Org."');
    expect(run.stdout).toMatch(/Plan: 3 to add, 3 to change, 1 to \w+\./);
  });
});

describe('export grafana', () => {
  it('writes every org the credentials see as a file that plans no changes, writing nothing', async () => {
    // Not the simulator's default admin/admin: output files are redacted of the password, and a
    // password that is also a login ("admin") would be blanked out of the export.
    const sim = await startSim((await loadSeedFile(INSTANCE)) as { users?: unknown[]; orgs?: unknown[] });
    const temp = await tempFiles({});
    try {
      const env = envFor(sim);
      const out = path.join(temp.dir, 'exported.yaml');
      const run = await runCli(['export', 'grafana', '-o', out], { env });
      expect(run.code).toBe(0);
      const plan = await runCli(['plan', '-f', out, '--detailed-exitcode'], { env });
      expect(plan.stdout).toContain('No changes.');
      expect(plan.code).toBe(0);
      expect(sim.requests.list().filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await temp.remove();
      await sim.close();
    }
  });

  it('refuses, writing nothing, when a credential is also a name it would have to hide (password admin, login admin)', async () => {
    const sim = await startGrafanaSim({ host: '127.0.0.1', data: { users: [{ ...ADMIN, password: 'admin' }], orgs: [{ name: 'Main Org.', users: [{ user: 'admin', role: 'Admin' }] }] } });
    const temp = await tempFiles({});
    try {
      const out = path.join(temp.dir, 'exported.yaml');
      for (const args of [['export', 'grafana', '-o', out], ['export', 'grafana']]) {
        const run = await runCli(args, { env: envFor(sim, 'admin') });
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^error: a credential of this run is also a name in the live state/m);
        expect(run.stdout).toBe('');
      }
      await expect(readFile(out, 'utf8')).rejects.toThrow(/ENOENT/);
    } finally {
      await temp.remove();
      await sim.close();
    }
  });
});
