import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Issue 12, item 2: a saved plan is a commitment, not a program. A pull-request author can edit
 * `plan.json`; apply must never run an operation taken from it, nor let it pick the provider,
 * the target or the credential kind, nor skip the stale check or the safety rules. Each case
 * edits a real saved plan one way and applies it against the real simulator: refused, with
 * no write reaching the org.
 */
const SECRET = 'tamper-canary-secret-9e2f';
const GRAFANA_PASSWORD = 'tamper-canary-grafana-77c3';
const EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');

let sim: ChartioSim;
let capture: CaptureServer;
let dir: string;
let removeDir: () => Promise<void>;
beforeEach(async () => {
  sim = await startChartioSim({ data: await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')), credentials: `key:${SECRET}` });
  capture = await startCaptureServer('127.0.0.2');
  const temp = await tempFiles({ 'access.yaml': await readFile(EXAMPLE, 'utf8') });
  dir = temp.dir;
  removeDir = temp.remove;
});
afterEach(async () => {
  await sim.close();
  await capture.close();
  await removeDir();
});

const env = () => ({
  CHARTIO_URL: sim.url,
  CHARTIO_API_KEY: 'key',
  CHARTIO_API_SECRET: SECRET,
  // A Grafana server admin is also configured: a plan switched to Grafana must not get it.
  GRAFANA_URL: capture.origin,
  GRAFANA_USER: 'admin',
  GRAFANA_PASSWORD,
  GRAFANA_TOKEN: '',
});
const writes = () => sim.requests.list().filter((r) => r.method !== 'GET');

interface SavedChange {
  id: string;
  address: string;
  summary: string;
  operation: Record<string, unknown>;
  touches: string[];
  dependsOn: string[];
}
type Plan = Record<string, unknown> & { changes: SavedChange[] };

async function savePlan(): Promise<Plan> {
  const run = await runCli(['plan', '--out', 'plan.json'], { cwd: dir, env: env() });
  expect(run.code).toBe(0);
  return JSON.parse(await readFile(path.join(dir, 'plan.json'), 'utf8')) as Plan;
}

function ids() {
  const state = sim.store.toJSON() as { users: { id: number; email: string }[]; teams: { id: number; name: string; member_ids: number[] }[] };
  return {
    user: (email: string) => state.users.find((u) => u.email === email)!.id,
    team: (name: string) => state.teams.find((t) => t.name === name)!,
  };
}

const TAMPERINGS: { name: string; edit: (plan: Plan) => void; reason: RegExp }[] = [
  {
    name: 'the summary kept over another operation ("grant viewer … to alice" puts alice into Owners)',
    edit: (plan) => {
      const grant = plan.changes.find((c) => c.summary.includes('to user alice@example.com'))!;
      grant.operation = { op: 'addMember', team: { id: ids().team('Owners').id }, user: { id: ids().user('alice@example.com') } };
    },
    reason: /different in the saved plan \(1\): dashboard\[revenue-overview\]\.permission\[user:alice@example\.com\] \(operation\)/,
  },
  {
    name: 'a hidden "change nothing" that deletes a user',
    edit: (plan) =>
      plan.changes.push({ ...plan.changes[0]!, id: 'hidden', address: 'team[Marketing]', summary: 'change nothing', operation: { op: 'deleteUser', userId: ids().user('carol@example.com') }, dependsOn: [], touches: [] }),
    reason: /in the saved plan but not in a plan made now \(1\): team\[Marketing\]/,
  },
  {
    name: 'touches emptied to skip the stale check',
    edit: (plan) => plan.changes.forEach((c) => (c.touches = [])),
    reason: /different in the saved plan \(\d+\):.*\(touches\)/,
  },
  {
    name: 'fingerprints removed',
    edit: (plan) => (plan.fingerprints = {}),
    reason: /it is stale: \d+ live objects have changed since it was planned/,
  },
  {
    name: 'the provider switched to grafana (which would get the Grafana admin password)',
    edit: (plan) => (plan.provider = 'grafana'),
    reason: /it was made for another target: provider: the plan says grafana, the files say chartio/,
  },
  {
    name: 'the target switched to another origin',
    edit: (plan) => ((plan.target as { identity: { url: string } }).identity.url = capture.origin),
    reason: /it was made for another target: target: the plan was made for/,
  },
  {
    name: 'the files hash replaced',
    edit: (plan) => (plan.files_hash = 'f'.repeat(64)),
    reason: /the desired-state files changed since it was made/,
  },
  {
    name: 'files outside the working directory (with their hash recomputed)',
    edit: (plan) => {
      plan.files = ['/etc/hostname'];
      plan.files_hash = 'e'.repeat(64);
    },
    reason: /it names a desired-state file outside the working directory \("\/etc\/hostname"\)/,
  },
  {
    name: 'a file above the working directory',
    edit: (plan) => (plan.files = ['../access.yaml']),
    reason: /outside the working directory \("\.\.\/access\.yaml"\)/,
  },
  {
    name: 'violations deleted (apply used to crash with a TypeError)',
    edit: (plan) => delete plan.violations,
    // Not read from the plan at all: the fresh plan is the same, so this one is applied. See the
    // safety case below for a plan whose violations were hidden.
    reason: /^$/,
  },
];

describe('apply PLAN.json never executes what the plan file says', () => {
  it.each(TAMPERINGS.filter((t) => t.reason.source !== '^$'))('refuses $name, writing nothing', async ({ edit, reason }) => {
    const plan = await savePlan();
    const owners = ids().team('Owners').member_ids.slice().sort();
    edit(plan);
    await writeFile(path.join(dir, 'plan.json'), JSON.stringify(plan));

    const run = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd: dir, env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: refusing to apply /);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).not.toMatch(/TypeError|\n\s+at /);
    expect(writes()).toEqual([]);
    expect(capture.requests).toEqual([]);
    expect(ids().team('Owners').member_ids.slice().sort()).toEqual(owners);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.stdout + run.stderr).not.toContain(GRAFANA_PASSWORD);
  });

  it('applies the fresh plan when only fields it never reads were removed (no TypeError)', async () => {
    const plan = await savePlan();
    delete plan.violations;
    delete plan.problems;
    delete plan.summary;
    await writeFile(path.join(dir, 'plan.json'), JSON.stringify(plan));
    const run = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd: dir, env: env() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(writes().length).toBe(plan.changes.length);
  });

  it('refuses a plan whose files were edited after it was made', async () => {
    await savePlan();
    const file = path.join(dir, 'access.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('bob@example.com: admin', 'bob@example.com: viewer'));
    const run = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd: dir, env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the desired-state files changed since it was made \(access\.yaml\)/);
    expect(writes()).toEqual([]);
  });

  it('checks the safety rules again: a plan whose violations were removed is still refused', async () => {
    await writeFile(
      path.join(dir, 'access.yaml'),
      'version: 1\nprovider: chartio\nchartio: { org: example-org }\nmanage: { teams: all, users: prune }\nsafety: { max_deletions: 1 }\nteams:\n  Owners: { members: [owner@example.com] }\n',
    );
    // `plan --out` saves no plan apply would refuse; its JSON on stdout is the same document, for a hand-made plan file.
    const run = await runCli(['plan', '--format', 'json'], { cwd: dir, env: env() });
    expect(run.code).toBe(1); // refused at plan time too
    const plan = JSON.parse(run.stdout) as Plan;
    expect((plan.violations as unknown[]).length).toBeGreaterThan(0);
    plan.violations = [];
    await writeFile(path.join(dir, 'plan.json'), JSON.stringify(plan));
    const apply = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd: dir, env: env() });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/safety\.max_deletions/);
    expect(writes()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"format_version": 2,'],
    ['a list', '[]'],
    ['changes that are null', (plan: Plan) => JSON.stringify({ ...plan, changes: [null] })],
    ['a target without identity', (plan: Plan) => JSON.stringify({ ...plan, target: {} })],
    ['files that are numbers', (plan: Plan) => JSON.stringify({ ...plan, files: [1] })],
    ['an old format', (plan: Plan) => JSON.stringify({ ...plan, format_version: 1 })],
  ])('refuses a malformed plan (%s) in one line, without a stack trace', async (_name, make) => {
    const plan = await savePlan();
    await writeFile(path.join(dir, 'plan.json'), typeof make === 'string' ? make : make(plan));
    const run = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd: dir, env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: plan\.json: not a usable accessctl plan: .+\n$/);
    expect(writes()).toEqual([]);
  });

  it('reads a plan file only if it is a regular file outside /proc, /sys and /dev', async () => {
    const run = await runCli(['apply', '/dev/zero', '--auto-approve'], { cwd: dir, env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: /dev/zero: is under /dev; nothing under /proc, /sys, /dev is read\n');
  });

  it('never quotes a file that is not a plan (a committed link to a secret)', async () => {
    await writeFile(path.join(dir, 'secret.env'), `CHARTIO_API_SECRET=${SECRET}\n`);
    const run = await runCli(['apply', 'secret.env', '--auto-approve'], { cwd: dir, env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: secret.env: not a usable accessctl plan: not valid JSON\n');
  });
});
