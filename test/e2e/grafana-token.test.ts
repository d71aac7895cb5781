import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/grafana/seed-data.js';
import { startGrafanaSim, type GrafanaSim } from '../../src/sim/grafana/server.js';
import { DEFAULT_GRAFANA_VERSION, GRAFANA_VERSIONS, type GrafanaVersion } from '../../src/sim/grafana/version.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';

/**
 * End to end with a service-account token only (GRAFANA_TOKEN, no server admin): the real CLI
 * as a child process against the real simulator, whose data declares a token of "Main Org.".
 * The token manages its own org through `/api/org/...` and never calls an admin API; other orgs
 * in the file are plan problems at their file position. The token is a canary.
 */
const EXAMPLE = path.join(REPO_ROOT, 'examples/grafana.yaml');
const TOKEN = 'glsa_e2e_canary_token_4b7e';

let sim: GrafanaSim;
let removeTemp: (() => Promise<void>) | undefined;
afterEach(async () => {
  await sim.close();
  await removeTemp?.();
});

async function start(grafanaVersion: GrafanaVersion = DEFAULT_GRAFANA_VERSION): Promise<{ env: NodeJS.ProcessEnv; mainOnly: string; dir: string }> {
  const data = (await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml'))) as Record<string, unknown>;
  sim = await startGrafanaSim({ host: '127.0.0.1', grafanaVersion, data: { ...data, tokens: [{ token: TOKEN, org: 'Main Org.', role: 'Admin', name: 'accessctl' }] } });
  // The example without its second org: what a token of Main Org. can manage.
  const example = await readFile(EXAMPLE, 'utf8');
  const temp = await tempFiles({ 'main-only.yaml': example.slice(0, example.indexOf('  Partners:\n')) });
  removeTemp = temp.remove;
  return { env: { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_TOKEN: TOKEN }, mainOnly: path.join(temp.dir, 'main-only.yaml'), dir: temp.dir };
}

const adminCalls = () => sim.requests.list().filter((r) => /^\/api\/(orgs|users|user|admin)\b/.test(r.path));

describe('grafana with a service-account token', () => {
  it('plans the token org and reports the other org at its position in the file', async () => {
    const { env } = await start();
    const plan = await runCli(['plan', '-f', EXAMPLE], { env });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain("accessctl plan for grafana " + sim.url + " (service-account token: the token's org only):");
    expect(plan.stdout).toContain('~ promote alice@example.com in org "Main Org." from Viewer to Editor');
    expect(plan.stdout.split('\n').filter((line) => /^  [-+~] .*Partners/.test(line))).toEqual([]);
    expect(plan.stdout + plan.stderr).toMatch(/examples\/grafana\.yaml:42:3 error: orgs\.Partners: org "Partners": GRAFANA_TOKEN acts only in its own org "Main Org\."/);
    expect(adminCalls()).toEqual([]);
  });

  // The behaviours that differ by version (GET /api/user with a token, the team create's answer) are all on this path.
  it.each(GRAFANA_VERSIONS)('Grafana %s: applies role changes, team members and permissions through /api/org, then plans nothing', async (version) => {
    const { env, mainOnly } = await start(version);
    const plan = await runCli(['plan', '-f', mainOnly, '--detailed-exitcode'], { env });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('- remove erin (Viewer) from org "Main Org." (Grafana deletes the user if they are in no other org)');

    const apply = await runCli(['apply', '-f', mainOnly, '--auto-approve'], { env });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    const writes = sim.requests.list().filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\d+/g, 'N')}`);
    expect(writes.sort()).toEqual([
      'DELETE /api/org/users/N',
      'PATCH /api/org/users/N',
      'PATCH /api/org/users/N',
      'POST /api/folders/ops/permissions',
      'POST /api/teams/N/members',
    ]);
    const again = await runCli(['plan', '-f', mainOnly, '--detailed-exitcode'], { env });
    expect(again.code).toBe(0);
    expect(adminCalls()).toEqual([]);
    for (const run of [plan, apply, again]) expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it.each(GRAFANA_VERSIONS)('Grafana %s: creates a team with a token without asking GET /api/user (10.4 answers a token 403 there, 11/12 a made-up id 0)', async (version) => {
    const { env, mainOnly, dir } = await start(version);
    const file = path.join(dir, 'new-team.yaml');
    const main = await readFile(mainOnly, 'utf8');
    await writeFile(file, main.replace('    teams:\n', '    teams:\n      Newcomers: { members: [alice@example.com] }\n'));
    const apply = await runCli(['apply', '-f', file, '--auto-approve'], { env });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('done: + create team "Newcomers" in org "Main Org."');
    expect(sim.requests.list().filter((r) => r.path === '/api/user')).toEqual([]);
    // A token adds no creator: the team holds exactly the file's member, and nothing was removed from it.
    expect(sim.requests.list().filter((r) => r.method === 'DELETE' && r.path.startsWith('/api/teams/'))).toEqual([]);
    expect((await runCli(['plan', '-f', file, '--detailed-exitcode'], { env })).code).toBe(0);
  });

  it('applies a saved plan only with the kind of credentials it was made with', async () => {
    const { env, dir } = await start();
    const out = path.join(dir, 'plan.json');
    // Saved plans are applied where they were made: the files they name are inside that directory.
    expect((await runCli(['plan', '-f', 'main-only.yaml', '--out', out], { cwd: dir, env })).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).target.identity).toEqual({ url: sim.url, access: 'org-token' });

    const asAdmin = await runCli(['apply', out, '--auto-approve'], { cwd: dir, env: { ...env, GRAFANA_TOKEN: '', GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' } });
    expect(asAdmin.code).toBe(1);
    expect(asAdmin.stderr).toContain(`it was made for another target: target: the plan was made for grafana ${sim.url} (service-account token: the token's org only), this run goes to grafana ${sim.url}`);
    expect(sim.requests.list().filter((r) => r.method !== 'GET')).toEqual([]);

    const withToken = await runCli(['apply', out, '--auto-approve'], { cwd: dir, env });
    expect(withToken.code).toBe(0);
    expect(withToken.stdout).toContain('Apply complete: 5 done, 0 failed, 0 skipped.');
  });
});
