import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { startGrafanaSim, type GrafanaSim } from '../../../src/sim/grafana/server.js';
import { ensureBuilt, ROOT, startSimCli } from '../shared/cli-process.js';
import { connectRealTarget, ContractTargetError, realTargetFromEnv, releaseLine } from './contract-target.js';
import { call, startFixtureSim } from './helpers.js';
import { provisionFixture } from './provision-fixture.js';

/**
 * Proof that `GRAFANA_CONTRACT_URL=… npm run test:contract` works, with the simulator started
 * empty (a fresh Grafana: only admin/admin) standing in for a real instance.
 */

/**
 * `/__sim/state` without what a provisioned instance cannot share with the fixture: timestamps,
 * generated user and team uids, token strings (never in the state), the SSO user's password
 * (`POST /api/admin/users` needs one), and the service accounts the provisioner makes for the
 * fixture's tokens (`--data` tokens belong to none).
 */
function comparable(state: Record<string, unknown>) {
  const drop = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(drop);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).filter(([key]) => !['created', 'updated', 'uid'].includes(key)).map(([key, v]) => [key, drop(v)]));
  };
  const { serviceAccounts: _made, users, folders, dashboards, ...rest } = state as { serviceAccounts: unknown; users: Array<Record<string, unknown>>; folders: unknown[]; dashboards: unknown[] };
  return {
    ...(drop(rest) as object),
    users: (drop(users) as Array<Record<string, unknown>>).map(({ hasPassword: _password, ...u }) => u),
    // Folder and dashboard uids are chosen by the fixture, so they stay.
    folders: (folders as Array<Record<string, unknown>>).map((f) => ({ ...(drop(f) as object), uid: f['uid'] })),
    dashboards: (dashboards as Array<Record<string, unknown>>).map((d) => ({ ...(drop(d) as object), uid: d['uid'] })),
  };
}

describe('the contract suite against a real Grafana (GRAFANA_CONTRACT_URL), proven on an empty simulator', () => {
  const sims: GrafanaSim[] = [];
  const fresh = async () => {
    const sim = await startGrafanaSim({});
    sims.push(sim);
    return sim;
  };
  afterAll(async () => {
    for (const sim of sims) await sim.close();
  });

  it('provisioning a fresh instance through the API reproduces the fixture simulator\'s state', async () => {
    const empty = await fresh();
    const fixture = await startFixtureSim();
    sims.push(fixture);
    const target = await connectRealTarget({ url: empty.url, user: 'admin', password: 'admin' });
    expect(target.version).toBe('12');
    const tokens = await provisionFixture({ url: empty.url }, 'Basic YWRtaW46YWRtaW4=');
    const provisioned = (await call(empty, 'GET', '/__sim/state')).body;
    expect(comparable(provisioned)).toEqual(comparable((await call(fixture, 'GET', '/__sim/state')).body));
    expect(provisioned.serviceAccounts.map((a: { name: string; orgId: number; role: string }) => [a.name, a.orgId, a.role])).toEqual([
      ['sa-1', 1, 'Admin'],
      ['sa-2', 1, 'Viewer'],
      ['sa-3', 2, 'Admin'],
    ]);
    expect([...tokens.keys()]).toEqual(['org1-admin', 'org1-viewer', 'org2-admin']);
    expect((await call(empty, 'GET', '/api/org', { auth: `Bearer ${tokens.get('org2-admin')}` })).body).toMatchObject({ id: 2, name: 'Ops' });
  });

  it('an instance that is not fresh is refused with one message naming what is there', async () => {
    const fixture = await startFixtureSim();
    sims.push(fixture);
    const refusal = connectRealTarget({ url: fixture.url, user: 'admin', password: 'admin' });
    await expect(refusal).rejects.toThrow(ContractTargetError);
    await expect(refusal).rejects.toThrow(/is not a fresh Grafana: users besides admin: alice, bob, carol, dave, sso; orgs besides org 1: Ops; 2 team\(s\); folders or dashboards: /);
  });

  it('an id that comes out differently stops provisioning with a clear message', async () => {
    const sim = await fresh();
    // A user made and deleted leaves no trace a freshness check can see, but uses up id 2.
    const made = await call(sim, 'POST', '/api/admin/users', { body: { login: 'ghost', password: 'ghost-pw' } });
    expect((await call(sim, 'DELETE', `/api/admin/users/${made.body.id}`)).status).toBe(200);
    await connectRealTarget({ url: sim.url, user: 'admin', password: 'admin' });
    await expect(provisionFixture({ url: sim.url }, 'Basic YWRtaW46YWRtaW4=')).rejects.toThrow('Grafana gave user alice id 3, the contract cases need 2');
  });

  it('GRAFANA_CONTRACT_URL must be http(s); credentials default to admin/admin', () => {
    expect(realTargetFromEnv({})).toBeUndefined();
    for (const bad of ['ftp://grafana:21', 'localhost:3000', 'grafana', 'file:///etc/passwd']) {
      expect(() => realTargetFromEnv({ GRAFANA_CONTRACT_URL: bad })).toThrow(/must be an http:\/\/ or https:\/\/ URL .*nothing was sent/);
    }
    expect(realTargetFromEnv({ GRAFANA_CONTRACT_URL: 'https://grafana.example.com/' })).toEqual({ url: 'https://grafana.example.com', user: 'admin', password: 'admin' });
    expect(realTargetFromEnv({ GRAFANA_CONTRACT_URL: 'http://127.0.0.1:3000', GRAFANA_CONTRACT_USER: 'root', GRAFANA_CONTRACT_PASSWORD: 's3cret' })).toMatchObject({ user: 'root', password: 's3cret' });
  });

  it.each([
    ['10.4.19', '10.4'],
    ['11.0.0', '11'],
    ['11.6.3', '11'],
    ['12.2.1', '12'],
    ['12.0.0-security-01', '12'],
  ])('/api/health version %s selects the %s cases', (build, line) => expect(releaseLine(build)).toBe(line));

  it.each(['10.3.5', '9.5.2', '13.0.0', ''])('/api/health version "%s" is refused', (build) => expect(() => releaseLine(build)).toThrow(ContractTargetError));

  it('`npm run test:contract` with GRAFANA_CONTRACT_URL at an empty simulator passes, skipping what changes state', { timeout: 120_000 }, async () => {
    await ensureBuilt();
    const simulator = await startSimCli('grafana', ['--port', '0']);
    try {
      const url = /https?:\/\/[^\s]+/.exec(simulator.line)?.[0];
      expect(url, simulator.line + simulator.stderr()).toBeDefined();
      const run = await runNpm(['run', 'test:contract', '--', '--reporter=verbose'], { GRAFANA_CONTRACT_URL: url as string });
      expect(run.code, run.output.slice(-4000)).toBe(0);
      expect(run.output).toContain(`Grafana contract suite against ${url} (Grafana 12.2.1: the cases for 12)`);
      expect(run.output).toMatch(/\d+ passed/);
      expect(run.output).toMatch(/\d+ skipped/);
      expect(run.output).toContain('skipped against a real Grafana: a POST that succeeds changes state');
      expect(run.output).toContain('no case changed the instance');
    } finally {
      simulator.child.kill();
      await simulator.exit;
    }
  });
});

function runNpm(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('npm', args, { cwd: ROOT, env: { ...process.env, ...env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('exit', (code) => done({ code, output }));
  });
}
