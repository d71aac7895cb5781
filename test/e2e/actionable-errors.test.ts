import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeedFile as loadChartioSeed } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim } from '../../src/sim/chartio/server.js';
import { loadSeedFile as loadGrafanaSeed } from '../../src/sim/grafana/seed-data.js';
import { startGrafanaSim } from '../../src/sim/grafana/server.js';
import { NO_GRAFANA_ENV } from '../helpers/grafana-env.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Errors that say what to do (issue 15), through the built CLI against the real simulators on
 * loopback: a refusal (401/403) names the credential variables and what they were used for, with
 * the file's line of `chartio.org` where the file chose it; a connection failure names the origin;
 * `--simulate` refuses a file for another org than the data's.
 */

const CHARTIO_EXAMPLE = path.join(REPO_ROOT, 'examples/chartio.yaml');
const GRAFANA_EXAMPLE = path.join(REPO_ROOT, 'examples/grafana.yaml');
const CHARTIO_DATA = 'examples/sim/chartio-org.yaml';
const GRAFANA_DATA = path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml');
const NO_CHARTIO_ENV = { CHARTIO_URL: '', CHARTIO_API_KEY: '', CHARTIO_API_SECRET: '' };

/** What a test registers to be closed when it ends (the tests of a block run concurrently). */
type Keep = (cleanup: () => Promise<void>) => void;

/** The example file with another org slug, in a temp dir; where its `org:` value is. */
async function chartioFileFor(org: string, keep: Keep): Promise<{ dir: string; line: number; col: number }> {
  const text = (await readFile(CHARTIO_EXAMPLE, 'utf8')).replace('org: example-org', `org: ${org}`);
  const temp = await tempFiles({ 'access.yaml': text });
  keep(temp.remove);
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.startsWith('  org: '));
  return { dir: temp.dir, line: index + 1, col: lines[index]!.indexOf(org) + 1 };
}

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.concurrent('a refusal (401, 403) names the credential variables and what they were used for', () => {
  it('Chartio 403 for a misspelled org: CHARTIO_API_KEY, the org, and the line of chartio.org', async ({ onTestFinished }) => {
    const sim = await startChartioSim({ data: await loadChartioSeed(path.join(REPO_ROOT, CHARTIO_DATA)), credentials: 'key-1:secret-refused-403' });
    onTestFinished(() => sim.close());
    const file = await chartioFileFor('exampel-org', onTestFinished);
    const run = await runCli(['plan'], {
      cwd: file.dir,
      env: { CHARTIO_URL: sim.url, CHARTIO_API_KEY: 'key-1', CHARTIO_API_SECRET: 'secret-refused-403' },
    });
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('error: reading live state failed; nothing was planned or changed.');
    expect(lines[1]).toMatch(new RegExp(`^  GET ${escape(new URL(sim.url).origin)}/v1/exampel-org/\\S+ -> 403: Forbidden\\. `));
    expect(lines[1]).toMatch(new RegExp(` — CHARTIO_API_KEY was refused for org "exampel-org" \\(access\\.yaml:${file.line}:${file.col} chartio\\.org\\)$`));
    expect(run.stdout + run.stderr).not.toContain('secret-refused-403');
  });

  it.for([
    {
      name: 'Chartio 401 (wrong secret)',
      start: async () => startChartioSim({ data: await loadChartioSeed(path.join(REPO_ROOT, CHARTIO_DATA)) }),
      args: ['plan', '-f', CHARTIO_EXAMPLE],
      env: (url: string) => ({ ...NO_GRAFANA_ENV, CHARTIO_URL: url, CHARTIO_API_KEY: 'sim-key', CHARTIO_API_SECRET: 'wrong-secret-5e1f' }),
      status: 401,
      hint: (url: string) => `CHARTIO_API_KEY and CHARTIO_API_SECRET were refused by ${url}`,
      secret: 'wrong-secret-5e1f',
    },
    {
      name: 'Grafana 401 (wrong password)',
      start: async () => startGrafanaSim({ data: await loadGrafanaSeed(GRAFANA_DATA) }),
      args: ['plan', '-f', GRAFANA_EXAMPLE],
      env: (url: string) => ({ ...NO_CHARTIO_ENV, ...NO_GRAFANA_ENV, GRAFANA_URL: url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'wrong-pass-77c2' }),
      status: 401,
      hint: (url: string) => `GRAFANA_USER and GRAFANA_PASSWORD were refused by ${url}`,
      secret: 'wrong-pass-77c2',
    },
    {
      name: 'Grafana 403 (a user who is not a server admin)',
      start: async () => startGrafanaSim({ data: await loadGrafanaSeed(GRAFANA_DATA) }),
      args: ['drift', '-f', GRAFANA_EXAMPLE],
      // alice is a Viewer of Main Org. with a password in the demo data, not a server admin.
      env: (url: string) => ({ ...NO_CHARTIO_ENV, ...NO_GRAFANA_ENV, GRAFANA_URL: url, GRAFANA_USER: 'alice', GRAFANA_PASSWORD: 'alice-demo' }),
      status: 403,
      hint: (url: string) =>
        `GRAFANA_USER is not a Grafana server admin at ${url}: accessctl needs one for /api/orgs and /api/users (or GRAFANA_TOKEN alone, for its own org)`,
      secret: 'alice-demo',
    },
    {
      name: 'Grafana 401 (a token the instance does not know)',
      start: async () => startGrafanaSim({ data: await loadGrafanaSeed(GRAFANA_DATA) }),
      args: ['plan', '-f', GRAFANA_EXAMPLE],
      env: (url: string) => ({ ...NO_CHARTIO_ENV, ...NO_GRAFANA_ENV, GRAFANA_URL: url, GRAFANA_TOKEN: 'glsa_unknown_token_0c4d' }),
      status: 401,
      hint: (url: string) => `GRAFANA_TOKEN was refused by ${url}`,
      secret: 'glsa_unknown_token_0c4d',
    },
    {
      name: 'Grafana 403 (a token with the Viewer role)',
      start: async () => {
        const data = (await loadGrafanaSeed(GRAFANA_DATA)) as Record<string, unknown>;
        return startGrafanaSim({ data: { ...data, tokens: [{ token: 'glsa_viewer_token_9a3b', org: 'Main Org.', role: 'Viewer', name: 'ci' }] } });
      },
      args: ['plan', '-f', GRAFANA_EXAMPLE],
      env: (url: string) => ({ ...NO_CHARTIO_ENV, ...NO_GRAFANA_ENV, GRAFANA_URL: url, GRAFANA_TOKEN: 'glsa_viewer_token_9a3b' }),
      status: 403,
      hint: (url: string) => `GRAFANA_TOKEN may not do this at ${url}: accessctl needs a service-account token with the Admin role in its org`,
      secret: 'glsa_viewer_token_9a3b',
    },
  ])('$name', async ({ start, args, env, status, hint, secret }, { onTestFinished }) => {
    const sim = await start();
    onTestFinished(() => sim.close());
    const run = await runCli(args, { env: env(sim.url) });
    expect(run.code).toBe(1);
    const detail = run.stderr.split('\n')[1] ?? '';
    expect(detail).toMatch(new RegExp(`^  GET ${escape(new URL(sim.url).origin)}/\\S+ -> ${status}: `));
    expect(detail.endsWith(` — ${hint(sim.url)}`)).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(secret);
  });
});

describe.concurrent('a connection failure names the origin', () => {
  it.for([
    { name: 'chartio', args: ['plan', '-f', CHARTIO_EXAMPLE], env: (origin: string) => ({ CHARTIO_URL: `${origin}/v1`, CHARTIO_API_KEY: 'k', CHARTIO_API_SECRET: 's3cret-k' }), path: '/v1/example-org/' },
    { name: 'grafana', args: ['plan', '-f', GRAFANA_EXAMPLE], env: (origin: string) => ({ ...NO_GRAFANA_ENV, GRAFANA_URL: origin, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' }), path: '/api/' },
  ])('$name: METHOD ORIGIN/PATH: connection failed (ECONNREFUSED)', async ({ args, env, path: apiPath }) => {
    const origin = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli(args, { env: env(origin) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^  GET ${escape(origin + apiPath)}\\S*: connection failed \\(ECONNREFUSED\\) \\(after 5 attempts\\)$`, 'm'));
  });
});

describe.concurrent('--simulate refuses a file for another org than the data', () => {
  it.for([['plan'], ['apply', '--auto-approve'], ['drift']])('%s: FILE:L:C error at chartio.org, exit 1, nothing else', async (command, { onTestFinished }) => {
    const file = await chartioFileFor('exampel-org', onTestFinished);
    const run = await runCli([...command, '-f', 'access.yaml', '--simulate', path.join(REPO_ROOT, CHARTIO_DATA)], { cwd: file.dir, env: NO_CHARTIO_ENV });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `access.yaml:${file.line}:${file.col} error: chartio.org: the file's org "exampel-org" is not the simulated org "example-org" (from ${path.join(REPO_ROOT, CHARTIO_DATA)})\n`,
    );
  });

  it('data that names no org is served as the file\'s org', async ({ onTestFinished }) => {
    const data = (await readFile(path.join(REPO_ROOT, CHARTIO_DATA), 'utf8')).replace(/^org: .*$/m, '');
    const file = await chartioFileFor('another-org', onTestFinished);
    const temp = await tempFiles({ 'data.yaml': data });
    onTestFinished(temp.remove);
    const run = await runCli(['plan', '-f', 'access.yaml', '--simulate', path.join(temp.dir, 'data.yaml')], { cwd: file.dir, env: NO_CHARTIO_ENV });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('chartio org another-org');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
