import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim } from '../../src/sim/chartio/server.js';
import { startGrafanaSim } from '../../src/sim/grafana/server.js';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Issue 12, item 1: credentials go only to the origin the environment or `--url` chose. A
 * `url:` in the desired-state file (written by a pull-request author) or in a saved plan is an
 * assertion: when it names another origin the command stops before any request. The "other
 * origin" is a capture server on 127.0.0.2 that records every request; the honest target is
 * the real simulator on 127.0.0.1, which must not be asked anything either.
 */
const SECRET = 'origin-canary-secret-4b1d';

interface Honest {
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}

interface Case {
  provider: 'chartio' | 'grafana';
  start: () => Promise<Honest>;
  /** A file asserting `url`, in the provider's block. */
  file: (url: string) => string;
  /** Credentials only: no URL variable. */
  credentials: Record<string, string>;
  urlVariable: string;
  /** The line and column of the url value in `file`. */
  at: string;
  path: string;
}

const CASES: Case[] = [
  {
    provider: 'chartio',
    start: async () => {
      const sim = await startChartioSim({ data: await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')), credentials: `key:${SECRET}` });
      return { url: sim.url, requests: () => sim.requests.list().length, close: () => sim.close() };
    },
    file: (url) => `version: 1\nprovider: chartio\nchartio:\n  org: example-org\n  url: ${url}\nteams:\n  Owners: { members: [owner@example.com] }\n`,
    credentials: { CHARTIO_API_KEY: 'key', CHARTIO_API_SECRET: SECRET },
    urlVariable: 'CHARTIO_URL',
    at: '5:8',
    path: 'chartio.url',
  },
  {
    provider: 'grafana',
    start: async () => {
      const sim = await startGrafanaSim({ host: '127.0.0.1', data: { users: [{ login: 'admin', email: 'admin@localhost', password: SECRET, isGrafanaAdmin: true }], orgs: [{ name: 'Main Org.', users: [{ user: 'admin', role: 'Admin' }] }] } });
      return { url: sim.url, requests: () => sim.requests.list().length, close: () => sim.close() };
    },
    file: (url) => `version: 1\nprovider: grafana\ngrafana:\n  url: ${url}\norgs:\n  Main Org.:\n    users: { admin: Admin }\n`,
    credentials: { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: SECRET },
    urlVariable: 'GRAFANA_URL',
    at: '4:8',
    path: 'grafana.url',
  },
];

const CLEAN_ENV = { CHARTIO_URL: '', CHARTIO_API_KEY: '', CHARTIO_API_SECRET: '', GRAFANA_URL: '', GRAFANA_USER: '', GRAFANA_PASSWORD: '', GRAFANA_TOKEN: '' };

/** Every command that reads a file and talks to the API. */
const COMMANDS: { name: string; args: string[]; providers: Case['provider'][] }[] = [
  { name: 'plan', args: ['plan'], providers: ['chartio', 'grafana'] },
  { name: 'apply', args: ['apply', '--auto-approve'], providers: ['chartio', 'grafana'] },
  { name: 'drift', args: ['drift'], providers: ['chartio', 'grafana'] },
  { name: 'audit', args: ['audit'], providers: ['chartio', 'grafana'] },
  { name: 'schema-sync', args: ['schema-sync', 'data-warehouse'], providers: ['chartio'] },
];

let capture: CaptureServer;
let honest: Honest | undefined;
beforeEach(async () => {
  capture = await startCaptureServer('127.0.0.2');
});
afterEach(async () => {
  await capture.close();
  await honest?.close();
  honest = undefined;
});

describe.each(CASES)('$provider: a url in the file never receives the credentials', (c) => {
  it.each(COMMANDS.filter((command) => command.providers.includes(c.provider)))(
    '$name stops before any request when the file names another origin than the environment',
    async ({ args }) => {
      honest = await c.start();
      const temp = await tempFiles({ 'access.yaml': c.file(`${capture.origin}/v1`) });
      try {
        const run = await runCli(args, { cwd: temp.dir, env: { ...CLEAN_ENV, ...c.credentials, [c.urlVariable]: honest.url } });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(`access.yaml:${c.at} error: ${c.path}: the file asserts ${capture.origin}/v1, but this run's API is ${honest.url}`);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(capture.requests).toEqual([]);
        expect(honest.requests()).toBe(0);
        expect(run.stdout + run.stderr).not.toContain(SECRET);
      } finally {
        await temp.remove();
      }
    },
  );

  it('with no URL variable, the file alone never chooses where requests go', async () => {
    const temp = await tempFiles({ 'access.yaml': c.file(`${capture.origin}/v1`) });
    try {
      // Chartio falls back to its public default, which differs from the file: stopped before
      // any request (so no request leaves loopback); Grafana has no default at all.
      const run = await runCli(['plan'], { cwd: temp.dir, env: { ...CLEAN_ENV, ...c.credentials } });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        c.provider === 'chartio'
          ? /access\.yaml:5:8 error: chartio\.url: the file asserts .*, but this run's API is https:\/\/api\.chartio\.com\/v1 \(from the environment or the default\)/
          : /GRAFANA_URL \(or --url\) must name the Grafana instance/,
      );
      expect(capture.requests).toEqual([]);
    } finally {
      await temp.remove();
    }
  });

  it('--url is the operator choice: over the environment, and checked against the file', async () => {
    honest = await c.start();
    const temp = await tempFiles({ 'access.yaml': c.file(`${honest.url}/`) });
    try {
      // The environment points at the capture server; --url points at the honest target, which the file asserts.
      const run = await runCli(['plan', '--url', honest.url], { cwd: temp.dir, env: { ...CLEAN_ENV, ...c.credentials, [c.urlVariable]: capture.origin } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(capture.requests).toEqual([]);
      expect(honest.requests()).toBeGreaterThan(0);
    } finally {
      await temp.remove();
    }
  });

  it.each([
    ['a query string', (url: string) => `${url}?token=x`, /must not contain a query string/],
    ['userinfo', (url: string) => url.replace('http://', 'http://user:pw@'), /must not contain a user or password/],
    ['another scheme', () => 'file:///etc/passwd', /must be an http:\/\/ or https:\/\/ URL/],
  ])('refuses a URL variable with %s before any request', async (_name, mangle, message) => {
    honest = await c.start();
    const temp = await tempFiles({ 'access.yaml': c.file(honest.url) });
    try {
      const run = await runCli(['plan'], { cwd: temp.dir, env: { ...CLEAN_ENV, ...c.credentials, [c.urlVariable]: mangle(honest.url) } });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('token=x');
      expect(honest.requests()).toBe(0);
    } finally {
      await temp.remove();
    }
  });

  it('a saved plan pointed at another origin is refused before any request', async () => {
    honest = await c.start();
    const temp = await tempFiles({ 'access.yaml': c.file(honest.url) });
    try {
      const env = { ...CLEAN_ENV, ...c.credentials, [c.urlVariable]: honest.url };
      expect((await runCli(['plan', '--out', 'plan.json'], { cwd: temp.dir, env })).code).toBe(0);
      const planFile = path.join(temp.dir, 'plan.json');
      const plan = JSON.parse(await readFile(planFile, 'utf8'));
      plan.target.identity.url = capture.origin;
      await writeFile(planFile, JSON.stringify(plan));
      const before = honest.requests();
      // Neither with the URL variable set, nor without it (Chartio's default, Grafana's none).
      for (const runEnv of [env, { ...CLEAN_ENV, ...c.credentials }]) {
        const run = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd: temp.dir, env: runEnv });
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/refusing to apply|must name the Grafana instance|the file asserts/);
      }
      expect(capture.requests).toEqual([]);
      expect(honest.requests()).toBe(before);
    } finally {
      await temp.remove();
    }
  });
});
