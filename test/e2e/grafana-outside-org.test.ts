import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startGrafanaSim, type GrafanaSim } from '../../src/sim/grafana/server.js';
import { runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';

/**
 * Team members and grants for users who are not members of the org. Grafana accepts both
 * (`validateUser` finds the user with a LEFT OUTER JOIN on org_user), so other tools and the UI
 * make such teams; accessctl must read, plan, apply and export them as they are. The real CLI
 * as a child process against the real simulator; dave is added to SRE through the API.
 */
const PASSWORD = 'outside-org-canary-7c1e';
const DATA = {
  users: [
    // Not admin/admin: the password is redacted from every output, and would hide the login `admin`.
    { login: 'admin', email: 'admin@localhost', password: PASSWORD, isGrafanaAdmin: true },
    ...['alice', 'dave'].map((login) => ({ login, email: `${login}@example.com` })),
  ],
  orgs: [
    {
      name: 'Main Org.',
      users: [{ user: 'admin', role: 'Admin' }, { user: 'alice', role: 'Viewer' }],
      teams: [{ name: 'SRE', members: ['alice'] }],
      folders: [{ uid: 'ops', title: 'Operations' }],
    },
  ],
};

let sim: GrafanaSim;
let removeTemp: (() => Promise<void>) | undefined;
afterEach(async () => {
  await sim.close();
  await removeTemp?.();
});

async function start(): Promise<{ env: NodeJS.ProcessEnv; dir: string }> {
  sim = await startGrafanaSim({ host: '127.0.0.1', data: DATA });
  const env = { ...NO_GRAFANA_ENV, GRAFANA_URL: sim.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: PASSWORD };
  const dave = [...sim.store.state.users.values()].find((u) => u.login === 'dave')!;
  const added = await fetch(`${sim.url}/api/teams/1/members`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: dave.id }),
  });
  expect(added.status).toBe(200);
  const temp = await tempFiles({});
  removeTemp = temp.remove;
  return { env, dir: temp.dir };
}

/** A Grafana file whose only org is Main Org., with these lines (indented as written) under it. */
async function mainOrgFile(dir: string, orgLines: string[]): Promise<string> {
  const file = path.join(dir, 'grafana.yaml');
  await writeFile(file, ['version: 1', 'provider: grafana', 'orgs:', '  Main Org.:', ...orgLines, ''].join('\n'));
  return file;
}

const teamLogins = (name: string) => {
  const state = sim.store.state;
  const team = [...state.teams.values()].find((t) => t.name === name);
  return team ? [...team.members.keys()].map((id) => state.users.get(id)!.login).sort() : undefined;
};
const mainOrgLogins = () => [...sim.store.state.orgs.get(1)!.members.keys()].map((id) => sim.store.state.users.get(id)!.login).sort();

describe('grafana team members and grants outside the org', () => {
  it('exports such a member as it is, and the export plans nothing (with a warning)', async () => {
    const { env, dir } = await start();
    const out = path.join(dir, 'exported.yaml');
    const exported = await runCli(['export', 'grafana', '-o', out], { env });
    expect(exported.code).toBe(0);
    const doc = parse(await readFile(out, 'utf8'));
    expect(doc.orgs['Main Org.'].teams.SRE.members).toEqual(['alice', 'dave']);
    expect(Object.keys(doc.orgs['Main Org.'].users).sort()).toEqual(['admin', 'alice']);

    const plan = await runCli(['plan', '-f', out, '--detailed-exitcode'], { env });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes.');
    // The exported file lists the org's users, so its own check is what warns (document-rules).
    expect(plan.stdout + plan.stderr).toMatch(/ warning: .*"dave" is not among the users of org "Main Org\."/);
  });

  it('plans and applies a new team and a grant for a user outside the org, then plans nothing', async () => {
    const { env, dir } = await start();
    const file = await mainOrgFile(dir, [
      '    users: { admin: Admin, alice: Viewer }',
      '    teams:',
      '      SRE: { members: [alice, dave] }',
      '      Night: { members: [dave@example.com] }',
      '    folders:',
      '      ops: { permissions: { users: { dave: View } } }',
    ]);
    const plan = await runCli(['plan', '-f', file, '--detailed-exitcode'], { env });
    // The file's own check warns (a name missing from the org's users is often a typo), and so does the plan.
    expect(plan.stderr.split('\n').filter((l) => / warning: .*"dave(@example\.com)?" is not among/.test(l))).toHaveLength(3);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('+ add dave@example.com to team "Night" in org "Main Org."');
    expect(plan.stdout).not.toContain('blocked');

    const apply = await runCli(['apply', '-f', file, '--auto-approve'], { env });
    expect(apply.code).toBe(0);
    expect(teamLogins('Night')).toEqual(['dave']);
    expect(teamLogins('SRE')).toEqual(['alice', 'dave']);
    expect(mainOrgLogins()).toEqual(['admin', 'alice']);
    const folder = [...sim.store.state.folders.values()].find((f) => f.uid === 'ops')!;
    expect(folder.acl.map((a) => [sim.store.state.users.get(a.userId ?? 0)?.login, a.permission])).toEqual([['dave', 1]]);

    const again = await runCli(['plan', '-f', file, '--detailed-exitcode'], { env });
    expect(again.code).toBe(0);
  });

  it('removes a user from the org and keeps their team and grant: written again after the removal, then nothing to do', async () => {
    const { env, dir } = await start();
    const file = await mainOrgFile(dir, [
      '    users: { admin: Admin }',
      '    teams:',
      '      SRE: { members: [alice, dave] }',
      '    folders:',
      '      ops: { permissions: { users: { alice: Edit } } }',
    ]);
    const apply = await runCli(['apply', '-f', file, '--auto-approve'], { env });
    expect(apply.code).toBe(0);
    expect(mainOrgLogins()).toEqual(['admin']);
    // Grafana's RemoveOrgUser took alice off SRE and the folder's list; the apply put both back after it.
    expect(teamLogins('SRE')).toEqual(['alice', 'dave']);
    const folder = [...sim.store.state.folders.values()].find((f) => f.uid === 'ops')!;
    expect(folder.acl.map((a) => [sim.store.state.users.get(a.userId ?? 0)?.login, a.permission])).toEqual([['alice', 2]]);
    const writes = sim.requests.list().filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    const removal = writes.indexOf('DELETE /api/orgs/1/users/2');
    expect(removal).toBeGreaterThanOrEqual(0);
    expect(writes.lastIndexOf('POST /api/teams/1/members')).toBeGreaterThan(removal); // the first is start()'s
    expect(writes.indexOf('POST /api/folders/ops/permissions')).toBeGreaterThan(removal);
    expect((await runCli(['plan', '-f', file, '--detailed-exitcode'], { env })).code).toBe(0);
  });
});
