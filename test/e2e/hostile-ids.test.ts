import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile as loadChartioSeed } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim } from '../../src/sim/chartio/server.js';
import { loadSeedFile as loadGrafanaSeed } from '../../src/sim/grafana/seed-data.js';
import { startGrafanaSim } from '../../src/sim/grafana/server.js';
import { canaryFindings } from '../helpers/credential-canary.js';
import { startFaultProxy } from '../helpers/fault-proxy.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Server-supplied ids and uids steer requests when they reach a URL unchecked: a Chartio
 * permission id `../../../teams/9` turned a revoke into `DELETE /v1/example-org/teams/9`, a
 * Grafana uid `..` sent the next request to `/api/permissions`. Here a loopback proxy in front
 * of the real simulator rewrites one field of a real answer; the refresh must fail before
 * anything is planned, naming the request and the value, and no write may reach the server.
 */

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

/** `body` with the first item of `key` given `field` = `literal` (raw JSON, so 2^53+1 survives). */
function withFirst(body: string, key: string, field: string, literal: string): string {
  const parsed = JSON.parse(body) as Record<string, Record<string, unknown>[]>;
  const items = Array.isArray(parsed) ? (parsed as Record<string, unknown>[]) : parsed[key];
  if (!items?.[0]) return body;
  items[0][field] = '@@VALUE@@';
  return JSON.stringify(parsed).replace('"@@VALUE@@"', literal);
}

const CHARTIO_EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');
const CHARTIO_ORG = path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml');

describe('Chartio: an id in an answer that is not a positive integer fails the refresh, and nothing is written', () => {
  it.each([
    { field: 'permissions[].id', collection: /\/dashboards\/\d+\/permissions\/?$/, key: 'permissions', literal: '"../../../teams/9"' },
    { field: 'permissions[].id', collection: /\/dashboards\/\d+\/permissions\/?$/, key: 'permissions', literal: '"1e3"' },
    { field: 'permissions[].id', collection: /\/dashboards\/\d+\/permissions\/?$/, key: 'permissions', literal: '-1' },
    { field: 'permissions[].id', collection: /\/dashboards\/\d+\/permissions\/?$/, key: 'permissions', literal: '1.5' },
    { field: 'permissions[].id', collection: /\/dashboards\/\d+\/permissions\/?$/, key: 'permissions', literal: '9007199254740993' },
    { field: 'teams[].id', collection: /\/example-org\/teams\/?$/, key: 'teams', literal: '"../../../teams/9"' },
    { field: 'dashboards[].id', collection: /\/example-org\/dashboards\/?$/, key: 'dashboards', literal: '"1/../../teams/9"' },
  ])('$field = $literal', async ({ field, collection, key, literal }) => {
    const sim = await startChartioSim({ data: await loadChartioSeed(CHARTIO_ORG), credentials: 'ids-key:ids-secret' });
    cleanup.push(() => sim.close());
    const proxy = await startFaultProxy(sim.url, (req) => {
      const { pathname } = new URL(req.url ?? '/', 'http://x');
      return req.method === 'GET' && collection.test(pathname) ? { rewrite: (body) => withFirst(body, key, field.split('.').at(-1)!, literal) } : 'pass';
    });
    cleanup.push(() => proxy.close());

    const run = await runCli(['apply', '-f', CHARTIO_EXAMPLE, '--auto-approve'], {
      env: { CHARTIO_URL: proxy.url, CHARTIO_API_KEY: 'ids-key', CHARTIO_API_SECRET: 'ids-secret' },
    });

    expect(proxy.faults()).toBeGreaterThan(0);
    expect(run.code).toBe(1);
    expect(sim.requests.list().filter((r) => r.method !== 'GET')).toEqual([]);
    const shown = JSON.stringify(JSON.parse(literal));
    expect(run.stderr).toMatch(new RegExp(`GET /example-org/\\S*: the answer's ${field.replace(/[[\].]/g, '\\$&')} `));
    expect(run.stderr).toContain(shown);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('an id that echoes the credentials is shown redacted', () => {
  it('Chartio: a permission id made of the Authorization header and what it decodes to', async () => {
    const canary = { user: 'ids-key', secret: 'ids-secret-canary-%/+ 7f3a9c' };
    const sim = await startChartioSim({ data: await loadChartioSeed(CHARTIO_ORG), credentials: `${canary.user}:${canary.secret}` });
    cleanup.push(() => sim.close());
    const proxy = await startFaultProxy(sim.url, (req) => {
      const { pathname } = new URL(req.url ?? '/', 'http://x');
      if (req.method !== 'GET' || !/\/permissions\/?$/.test(pathname)) return 'pass';
      const header = req.headers.authorization ?? '';
      const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
      return { rewrite: (body) => withFirst(body, 'permissions', 'id', JSON.stringify(`${header} ${decoded} ${encodeURIComponent(canary.secret)}`)) };
    });
    cleanup.push(() => proxy.close());

    const run = await runCli(['plan', '-f', CHARTIO_EXAMPLE], {
      env: { CHARTIO_URL: proxy.url, CHARTIO_API_KEY: canary.user, CHARTIO_API_SECRET: canary.secret },
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the answer's permissions[].id ");
    expect(canaryFindings({ stdout: run.stdout, stderr: run.stderr }, [canary])).toEqual([]);
  });
});

const GRAFANA_INSTANCE = path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml');
const GRAFANA_ENV = { GRAFANA_TOKEN: '', GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' };
/** The only paths a permission read may take: one uid segment within Grafana's alphabet. */
const PERMISSION_PATH = /^\/api\/(?:folders|dashboards\/uid)\/[A-Za-z0-9_-]{1,40}\/permissions$/;

describe('Grafana: a uid in a search answer outside Grafana\'s alphabet fails the refresh before it reaches a path', () => {
  it.each(['.', '..', 'a/b', 'u'.repeat(41)])('uid %j', async (uid) => {
    const sim = await startGrafanaSim({ host: '127.0.0.1', data: await loadGrafanaSeed(GRAFANA_INSTANCE) });
    cleanup.push(() => sim.close());
    const proxy = await startFaultProxy(sim.url, (req) =>
      req.method === 'GET' && (req.url ?? '').startsWith('/api/search?') ? { rewrite: (body) => withFirst(body, '', 'uid', JSON.stringify(uid)) } : 'pass',
    );
    cleanup.push(() => proxy.close());

    // `export` reads every folder and dashboard found by search, then each one's permissions.
    const run = await runCli(['export', 'grafana'], { env: { ...GRAFANA_ENV, GRAFANA_URL: proxy.url } });

    expect(proxy.faults()).toBeGreaterThan(0);
    expect(run.code).toBe(1);
    const permissionReads = sim.requests
      .list()
      .map((r) => r.path.split('?')[0]!)
      .filter((p) => p.includes('permissions'));
    expect(permissionReads.filter((p) => !PERMISSION_PATH.test(p))).toEqual([]);
    expect(run.stderr).toContain('GET /api/search: ');
    expect(run.stderr).toContain(JSON.stringify(uid));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

const GRAFANA_EXAMPLE = path.join(REPO_ROOT, 'examples/grafana.yaml');

describe('Grafana: an id in an answer that is not a positive integer fails the refresh, and nothing is written', () => {
  it.each([
    { request: /^\/api\/orgs\?/, key: '', field: 'id', literal: '-1' },
    { request: /^\/api\/users\/search\?/, key: 'users', field: 'id', literal: '1.5' },
    { request: /^\/api\/orgs\/\d+\/users\/search\?/, key: 'orgUsers', field: 'userId', literal: '"2/../../../orgs/1/users/3"' },
    { request: /^\/api\/teams\/search\?/, key: 'teams', field: 'id', literal: '"../../orgs/2"' },
    { request: /^\/api\/teams\/\d+\/members$/, key: '', field: 'userId', literal: '9007199254740993' },
    { request: /^\/api\/folders\/ops\/permissions$/, key: '', field: 'teamId', literal: '"../1"' },
  ])('$request.source: $field = $literal', async ({ request, key, field, literal }) => {
    const sim = await startGrafanaSim({ host: '127.0.0.1', data: await loadGrafanaSeed(GRAFANA_INSTANCE) });
    cleanup.push(() => sim.close());
    let rewritten = false;
    const proxy = await startFaultProxy(sim.url, (req) => {
      if (req.method !== 'GET' || !request.test(req.url ?? '') || rewritten) return 'pass';
      return {
        rewrite: (body) => {
          const changed = withFirst(body, key, field, literal);
          rewritten ||= changed !== body;
          return changed;
        },
      };
    });
    cleanup.push(() => proxy.close());

    const run = await runCli(['apply', '-f', GRAFANA_EXAMPLE, '--auto-approve'], { env: { ...GRAFANA_ENV, GRAFANA_URL: proxy.url } });

    expect(rewritten).toBe(true);
    expect(run.code).toBe(1);
    expect(sim.requests.list().filter((r) => r.method !== 'GET')).toEqual([]);
    expect(run.stderr).toMatch(new RegExp(`GET /api/\\S*: the answer's (?:\\S+\\.)?${field} ${JSON.stringify(JSON.parse(literal)).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `));
  });
});

describe('desired-state files: Grafana uid keys outside the alphabet are errors at their line', () => {
  it('names each bad key at its line and column', async () => {
    const { dir, remove } = await tempFiles({
      'uids.yaml': [
        'version: 1',
        'provider: grafana',
        'orgs:',
        '  Main Org.:',
        '    folders:',
        '      "..": { permissions: { roles: { Viewer: View } } }',
        '      ops: { permissions: { roles: { Viewer: View } } }',
        '      ".": { permissions: { roles: { Viewer: View } } }',
        '    dashboards:',
        '      a/b: { permissions: { roles: { Viewer: View } } }',
        `      ${'u'.repeat(41)}: { permissions: { roles: { Viewer: View } } }`,
        `      ${'u'.repeat(40)}: { permissions: { roles: { Viewer: View } } }`,
        '',
      ].join('\n'),
    });
    cleanup.push(remove);
    const run = await runCli(['validate', '-f', path.join(dir, 'uids.yaml'), '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { results: { issues: { severity: string; line: number; col: number; path: string }[] }[] };
    expect(report.results[0]!.issues.map(({ severity, line, col, path: at }) => ({ severity, line, col, at }))).toEqual([
      { severity: 'error', line: 6, col: 7, at: 'orgs["Main Org."].folders[".."]' },
      { severity: 'error', line: 8, col: 7, at: 'orgs["Main Org."].folders["."]' },
      { severity: 'error', line: 10, col: 7, at: 'orgs["Main Org."].dashboards["a/b"]' },
      // The path quotes the key cut to 40 characters (file text in messages is never longer).
      { severity: 'error', line: 11, col: 7, at: `orgs["Main Org."].dashboards["${'u'.repeat(40)}…"]` },
    ]);
  });
});
