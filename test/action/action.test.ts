import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/main.js';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

const SECRET = 'action-canary-secret-9f3c';
const TOKEN = 'ghs_canarytoken123456';

/**
 * A local stand-in for GitHub's issue-comment API that records what it is asked. `self` is who
 * the token is: by default an installation token (GITHUB_TOKEN), for which `GET /user` answers
 * 403 and comments are by the Actions bot, as on github.com; a number is the status `GET /user`
 * answers with instead.
 */
async function fakeGitHub(self: { login?: string; userStatus?: number } = {}) {
  const comments: { id: number; body: string; user: { login: string } }[] = [];
  const author = self.login ?? 'github-actions[bot]';
  const requests: { method: string; url: string; auth: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && req.url === '/user') {
        res.statusCode = self.userStatus ?? (self.login ? 200 : 403);
        return res.end(JSON.stringify(res.statusCode === 200 ? { login: self.login } : { message: 'Resource not accessible by integration' }));
      }
      if (req.method === 'GET' && /\/issues\/7\/comments/.test(req.url!)) return res.end(JSON.stringify(comments));
      if (req.method === 'POST' && /\/issues\/7\/comments$/.test(req.url!)) {
        const comment = { id: 100 + comments.length, body: JSON.parse(body).body as string, user: { login: author } };
        comments.push(comment);
        res.statusCode = 201;
        return res.end(JSON.stringify(comment));
      }
      const patch = /\/issues\/comments\/(\d+)$/.exec(req.url!);
      if (req.method === 'PATCH' && patch) {
        const comment = comments.find((c) => c.id === Number(patch[1]))!;
        comment.body = JSON.parse(body).body as string;
        return res.end(JSON.stringify(comment));
      }
      res.statusCode = 404;
      res.end('{"message":"Not Found"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise<void>((r) => server.close(() => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, comments, requests, close };
}

let sim: ChartioSim;
let github: Awaited<ReturnType<typeof fakeGitHub>>;
let dir: string;

beforeEach(async () => {
  sim = await startChartioSim({ data: await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')), credentials: `action-key:${SECRET}` });
  github = await fakeGitHub();
  dir = await mkdtemp(path.join(tmpdir(), 'accessctl-action-'));
  await writeFile(path.join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
});
afterEach(async () => {
  await sim.close();
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

function runnerEnv(command: string, run: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: REPO_ROOT,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'acme/access',
    GITHUB_API_URL: github.url,
    GITHUB_OUTPUT: path.join(dir, `output-${run}`),
    GITHUB_STEP_SUMMARY: path.join(dir, `summary-${run}`),
    RUNNER_TEMP: dir,
    INPUT_COMMAND: command,
    INPUT_PATH: 'examples/chartio.yaml',
    INPUT_PARALLELISM: '4',
    INPUT_COMMENT: 'true',
    'INPUT_GITHUB-TOKEN': TOKEN,
    CHARTIO_URL: sim.url,
    CHARTIO_API_KEY: 'action-key',
    CHARTIO_API_SECRET: SECRET,
  };
}

async function runOnce(command: string, run: number) {
  let log = '';
  const code = await runAction(runnerEnv(command, run), (text) => void (log += text));
  const outputs = await readFile(path.join(dir, `output-${run}`), 'utf8');
  const summary = await readFile(path.join(dir, `summary-${run}`), 'utf8');
  const output = (name: string) => new RegExp(`^${name}<<(\\S+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(outputs)?.[2];
  return { code, log, outputs, summary, output };
}

describe('the Action under a simulated runner', () => {
  it('plans, writes the summary and outputs, posts one comment and updates it on the next run', async () => {
    const first = await runOnce('plan', 1);
    expect(first.code).toBe(0);
    expect(first.output('exitcode')).toBe('2');
    expect(first.output('has-changes')).toBe('true');
    const plan = JSON.parse(await readFile(first.output('plan-json')!, 'utf8'));
    expect(plan.changes.length).toBeGreaterThan(0);
    expect(await readFile(first.output('report')!, 'utf8')).toContain('### accessctl plan:');
    expect(first.summary).toContain('! rename team "Growth" to "Marketing"');
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toMatch(/^<!-- accessctl:plan:examples\/chartio.yaml -->\n### accessctl plan/);
    expect(github.requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);

    const second = await runOnce('plan', 2);
    expect(second.code).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'PATCH').map((r) => r.url)).toEqual(['/repos/acme/access/issues/comments/100']);
  });

  it('never takes a comment by someone else for its own, whatever marker it carries', async () => {
    const marker = '<!-- accessctl:plan:examples/chartio.yaml -->';
    const fake = `${marker}\n### accessctl plan: chartio org example-org\n\nNo changes. Live state matches the desired state.\n`;
    github.comments.push({ id: 50, body: fake, user: { login: 'pr-author' } });
    const first = await runOnce('plan', 1);
    expect(first.code).toBe(0);
    expect(github.comments.find((c) => c.id === 50)!.body).toBe(fake);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    const ours = github.comments.filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toContain('! rename team');
    // The next run updates its own comment, still not the impostor.
    await runOnce('plan', 2);
    expect(github.requests.filter((r) => r.method === 'PATCH').map((r) => r.url)).toEqual([`/repos/acme/access/issues/comments/${ours[0]!.id}`]);
  });

  it.each([
    ['a personal token: the login GET /user names', { login: 'release-admin' }, 'release-admin'],
    ['GITHUB_TOKEN: GET /user is 403, so the Actions bot', {}, 'github-actions[bot]'],
  ])('knows who it is with %s', async (_name, self, login) => {
    await github.close();
    github = await fakeGitHub(self);
    github.comments.push(
      { id: 60, body: '<!-- accessctl:plan:examples/chartio.yaml -->\nold', user: { login: login === 'release-admin' ? 'github-actions[bot]' : 'release-admin' } },
      { id: 61, body: '<!-- accessctl:plan:examples/chartio.yaml -->\nold', user: { login } },
    );
    await runOnce('plan', 1);
    expect(github.requests.filter((r) => r.method === 'PATCH').map((r) => r.url)).toEqual(['/repos/acme/access/issues/comments/61']);
    expect(github.comments.find((c) => c.id === 60)!.body).toContain('old');
  });

  it('edits and posts nothing when it cannot tell who it is', async () => {
    await github.close();
    github = await fakeGitHub({ userStatus: 500 });
    github.comments.push({ id: 70, body: '<!-- accessctl:plan:examples/chartio.yaml -->\nold', user: { login: 'github-actions[bot]' } });
    const { code, log } = await runOnce('plan', 1);
    expect(code).toBe(0);
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(log).toMatch(/^::warning::could not comment on the pull request: GitHub API GET \/user -> 500/m);
  });

  it('masks every form of the secrets before printing anything, and never prints them', async () => {
    const { log, summary, outputs } = await runOnce('plan', 1);
    const lines = log.split('\n');
    const masks = lines.filter((line) => line.startsWith('::add-mask::'));
    expect(lines.slice(0, masks.length)).toEqual(masks); // masks come first
    const basic = Buffer.from(`action-key:${SECRET}`).toString('base64');
    for (const form of [SECRET, basic, TOKEN]) expect(masks).toContain(`::add-mask::${form}`);
    const rest = lines.slice(masks.length).join('\n') + summary + outputs + github.comments.map((c) => c.body).join('');
    for (const form of [SECRET, basic, TOKEN]) expect(rest).not.toContain(form);
  });

  it('prints the log with workflow commands stopped, so names from servers cannot issue them', async () => {
    const { log } = await runOnce('plan', 1);
    const stop = /^::stop-commands::(\S+)$/m.exec(log);
    expect(stop).not.toBeNull();
    expect(log).toContain(`\n::${stop![1]}::\n`);
    expect(log.indexOf('rename team "Growth"')).toBeGreaterThan(log.indexOf('::stop-commands::'));
  });

  it("prints accessctl's annotations after the log, where the runner acts on them, each problem at its line", async () => {
    const file = (await readFile(path.join(REPO_ROOT, 'examples/chartio.yaml'), 'utf8')).replace('Analysts: viewer', 'Analyst: viewer');
    await writeFile(path.join(dir, 'access.yaml'), file);
    let log = '';
    const env = { ...runnerEnv('plan', 1), GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir, INPUT_PATH: 'access.yaml', INPUT_COMMENT: 'false' };
    expect(await runAction(env, (text) => void (log += text))).toBe(1);
    const stopped = /^::stop-commands::(\S+)$/m.exec(log)![1]!;
    const after = log.slice(log.indexOf(`\n::${stopped}::\n`));
    const annotation =
      '::error file=access.yaml,line=37,col=35,title=accessctl::dashboards.example-dashboard.permissions.teams.Analyst: team "Analyst" does not exist in Chartio and is not defined in the file; did you mean "Analysts"?';
    expect(after.split('\n')).toContain(annotation);
    // Inside the stopped block there is the plan's own line, never a command.
    expect(log.slice(0, log.indexOf(`\n::${stopped}::\n`))).not.toMatch(/^::error /m);
  });

  it('applies unattended on merge, and drift then reports none', async () => {
    const apply = await runOnce('apply', 1);
    expect(apply.code).toBe(0);
    expect(apply.output('exitcode')).toBe('0');
    expect(apply.output('has-changes')).toBe('true');
    expect(apply.summary).toMatch(/Apply complete: \d+ done, 0 failed, 0 skipped\./);
    const drift = await runOnce('drift', 2);
    expect(drift.output('exitcode')).toBe('0');
    expect(drift.output('has-changes')).toBe('false');
    expect(drift.summary).toContain('Drift: 0 differences');
  });

  it('drift with unmanaged: true adds the unmanaged section, which is not drift', async () => {
    expect((await runOnce('apply', 1)).code).toBe(0);
    let log = '';
    const code = await runAction({ ...runnerEnv('drift', 2), INPUT_UNMANAGED: 'true' }, (text) => void (log += text));
    const summary = await readFile(path.join(dir, 'summary-2'), 'utf8');
    expect(code).toBe(0);
    expect(summary).toContain('Drift: 0 differences');
    expect(summary).toContain('**Teams no file names (1):**');
    expect(summary).toContain('- Added from Dashboard');
    // Without the input the section is not there.
    const plain = await runOnce('drift', 3);
    expect(plain.summary).not.toContain('Unmanaged');
  });

  it('audit writes the review to the summary, keeps the JSON report, and passes stale-days to the CLI', async () => {
    const audit = await runOnce('audit', 1);
    expect(audit.code).toBe(0);
    expect(audit.output('exitcode')).toBe('0');
    expect(audit.summary).toContain('| user | resource | title | level | via |');
    expect(audit.summary).toMatch(/\| owner@example\.com \| dashboard:example-dashboard \| Example Dashboard \| admin \|/);
    const json = JSON.parse(await readFile(audit.output('audit-json')!, 'utf8')) as { staleDays: number; people: unknown[] };
    expect(json.staleDays).toBe(90);
    let log = '';
    const refused = await runAction({ ...runnerEnv('audit', 2), 'INPUT_STALE-DAYS': 'soon' }, (text) => void (log += text));
    expect(refused).toBe(1);
    expect(await readFile(path.join(dir, 'summary-2'), 'utf8')).toMatch(/accessctl audit failed[\s\S]*--stale-days/);
    const week = await runAction({ ...runnerEnv('audit', 3), 'INPUT_STALE-DAYS': '7' }, () => {});
    expect(week).toBe(0);
    const outputs = await readFile(path.join(dir, 'output-3'), 'utf8');
    const auditJson = /^audit-json<<(\S+)\n([\s\S]*?)\n\1$/m.exec(outputs)![2]!;
    expect((JSON.parse(await readFile(auditJson, 'utf8')) as { staleDays: number }).staleDays).toBe(7);
  });

  it('fails the step, with the reason in the summary, when the file is invalid', async () => {
    await writeFile(path.join(dir, 'bad.yaml'), 'version: 1\nprovider: chartio\nchartio: { org: example-org }\nteams: []\n');
    let log = '';
    const env = { ...runnerEnv('plan', 1), INPUT_PATH: path.join(dir, 'bad.yaml') };
    const code = await runAction(env, (text) => void (log += text));
    expect(code).toBe(1);
    const summary = await readFile(path.join(dir, 'summary-1'), 'utf8');
    expect(summary).toContain('accessctl plan failed');
    expect(summary).toMatch(/bad\.yaml:4:8 error: teams: must be a mapping/);
  });

  it('on failure, comments and summarises only its own error lines, with the Action\'s token redacted too', async () => {
    // A PR author can make an error line quote anything, here the workflow's GitHub token.
    await writeFile(path.join(dir, 'bad.yaml'), `version: 1\nprovider: chartio\nchartio: { org: example-org }\nteams:\n  A: { "${TOKEN}": 1, "\u202e\`\`\`": 2 }\n`);
    const env = { ...runnerEnv('plan', 1), INPUT_PATH: path.join(dir, 'bad.yaml') };
    const code = await runAction(env, () => {});
    expect(code).toBe(1);
    const summary = await readFile(path.join(dir, 'summary-1'), 'utf8');
    const comment = github.comments[0]!.body;
    for (const text of [summary, comment]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('\u202e');
      expect(text).toMatch(/bad\.yaml:5:8 error: teams\.A\.\[REDACTED\]: unknown key "\[REDACTED\]"/);
      // The fence is longer than any backtick run inside, so nothing in the block renders.
      const fence = /^(`{3,})$/m.exec(text)![1]!;
      expect(fence.length).toBeGreaterThan(3);
    }
  });
});
