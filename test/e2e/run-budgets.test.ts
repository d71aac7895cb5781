import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { halCollection } from '../helpers/hal-collection.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { startServer, stallHeaders, type Handler, type ScriptedServer } from '../helpers/scripted-server.js';

/**
 * The run's budgets through the built CLI, against hostile Chartio servers on loopback: a read
 * stopped by `--max-read-mib`, a run stopped by `--deadline`, and bad values for both flags.
 */
const EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');
const COLLECTIONS = ['users', 'teams', 'dashboards', 'datasources'];

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function chartio(handler: Handler): Promise<NodeJS.ProcessEnv> {
  const server = await startServer(handler);
  servers.push(server);
  return { CHARTIO_URL: `${server.origin}/v1`, CHARTIO_API_KEY: 'budget-key', CHARTIO_API_SECRET: 'budget-secret-canary-77c2' };
}

/** Every collection empty, except users: 2,000 of them in pages of about 400 KB (8 MB in all). */
const largePages: Handler = (request, response, index) => {
  const name = COLLECTIONS.find((c) => request.url.startsWith(`/v1/example-org/${c}`)) ?? 'users';
  const padded = (_page: number, body: Record<string, unknown> & { count: number; _links: { self: { href: string } } }) => ({
    ...body,
    users: (body.users as { id: number }[]).map((u) => ({ ...u, email: `u${u.id}@example.com`, display_name: 'x'.repeat(4000) })),
  });
  const collection = halCollection({ path: `/example-org/${name}/`, itemsKey: name, total: name === 'users' ? 2000 : 0, ...(name === 'users' ? { alter: padded } : {}) });
  return collection(request, response, index);
};

describe('run budgets through the CLI', () => {
  it('plan --max-read-mib 1 against large pages: exit 1, one line naming the budget and the flag', async () => {
    const env = await chartio(largePages);
    const run = await runCli(['plan', '-f', EXAMPLE, '--max-read-mib', '1'], { env });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('error: reading live state failed; nothing was planned or changed.');
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(/^ {2}GET http:\/\/127\.0\.0\.1:\d+\/v1\/example-org\/users\/: response would pass the run's read budget of 1 MiB .*--max-read-mib$/);
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(run.stderr).not.toContain('budget-secret-canary-77c2');
  });

  it('plan --deadline 0.5 against a server that never answers: exit 1 at the deadline, not the timeout', async () => {
    const env = await chartio(stallHeaders);
    const started = performance.now();
    const run = await runCli(['plan', '-f', EXAMPLE, '--deadline', '0.5', '--timeout', '10'], { env });
    expect(run.code).toBe(1);
    expect(performance.now() - started).toBeLessThan(5000);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^ {2}GET http:\/\/127\.0\.0\.1:\d+\/v1\/example-org\/\w+\/?: run deadline of 0\.5 s passed$/);
  });

  it('plan --timeout 0.5 against a users page dripped a byte per 50 ms: every attempt stops at 0.5 s, exit 1', async () => {
    const empty = (name: string) => halCollection({ path: `/example-org/${name}/`, itemsKey: name, total: 0 });
    const env = await chartio((request, response, index) => {
      const name = COLLECTIONS.find((c) => request.url.startsWith(`/v1/example-org/${c}`)) ?? 'users';
      if (name !== 'users') return empty(name)(request, response, index);
      // A valid empty page in the end, after 3 s of spaces: never silent for 0.5 s.
      response.writeHead(200, { 'content-type': 'application/hal+json' });
      response.write('{"_links":{"self":{"href":"/example-org/users/"}},"count":0,"users":[]');
      let drops = 60;
      const timer = setInterval(() => {
        if (response.destroyed) return clearInterval(timer);
        if (--drops > 0) return void response.write(' ');
        clearInterval(timer);
        response.end('}');
      }, 50);
      response.once('close', () => clearInterval(timer));
    });
    const run = await runCli(['plan', '-f', EXAMPLE, '--timeout', '0.5'], { env });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`  GET ${new URL(env.CHARTIO_URL!).origin}/v1/example-org/users: timed out waiting for the whole response (500 ms) (after 5 attempts)`);
  });

  it.each([
    [['--max-read-mib', '0'], '--max-read-mib takes a whole number of MiB, from 1 to 65536'],
    [['--max-read-mib', '1.5'], '--max-read-mib takes a whole number of MiB, from 1 to 65536'],
    [['--deadline', 'soon'], '--deadline takes seconds, from 0.1 to 86400'],
    [['--deadline', '0'], '--deadline takes seconds, from 0.1 to 86400'],
  ])('plan %j is refused in one line before any request', async (flags, message) => {
    const env = await chartio(largePages);
    const run = await runCli(['plan', '-f', EXAMPLE, ...flags], { env });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(servers[0]?.requests).toHaveLength(0);
  });
});

describe('the request budget through the CLI', () => {
  it('audit --max-requests 30 against one page listing 5,000 dashboards: exit 1 in one line, no request past the budget', async () => {
    const dashboards = JSON.stringify({ _links: { self: { href: '/example-org/dashboards/' } }, count: 5000, dashboards: Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, slug: `d${i}` })) });
    const empty = (key: string) => JSON.stringify({ _links: { self: { href: `/example-org/${key}/` } }, count: 0, [key]: [] });
    let requests = 0;
    const env = await chartio((request, response) => {
      requests++;
      const path = request.url.split('?')[0]!.replace(/\/$/, '');
      const body = path.endsWith('/dashboards')
        ? dashboards
        : path.endsWith('/teams')
          ? JSON.stringify({ _links: { self: { href: '/example-org/teams/' } }, count: 1, teams: [{ id: 1, name: 'Owners', is_owner: true, _embedded: { users: [{ id: 1, email: 'o@example.com' }] } }] })
          : path.endsWith('/users')
            ? JSON.stringify({ _links: { self: { href: '/example-org/users/' } }, count: 1, users: [{ id: 1, email: 'o@example.com' }] })
            : empty(path.endsWith('/datasources') ? 'datasources' : 'permissions');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    const run = await runCli(['audit', '-f', EXAMPLE, '--max-requests', '30'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: reading live state failed; nothing was planned or changed\.\n  GET http:\/\/127\.0\.0\.1:\d+\/v1\/example-org\/dashboards\/\d+\/permissions: the run has sent its 30 requests \(all requests together\); raise the limit with --max-requests if the org is really that large\n$/);
    expect(requests).toBe(30);
  });
});
