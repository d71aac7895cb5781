import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, MAIN, startSimCli } from '../shared/cli-process.js';
import { ADMIN, basic } from './helpers.js';

const LINE = /^grafana simulator listening on (http:\/\/127\.0\.0\.1:(\d+)) \(Grafana (10\.4|11|12)\)$/;
const startCli = (args: string[]) => startSimCli('grafana', args);

describe('accessctl sim grafana (the real CLI)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'grafana-sim-cli-'));
    await ensureBuilt();
    expect(existsSync(MAIN)).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints exactly one line, serves the API, and exits 0 on SIGTERM', async () => {
    const data = join(dir, 'grafana.yaml');
    await writeFile(data, 'users:\n  - { login: ann, password: ann-pw }\norgs:\n  - name: Acme\n    users: [{ user: ann, role: Admin }]\n    teams: [{ name: A }, { name: B }]\n');
    const run = await startCli(['--port', '0', '--data', data, '--page-size', '1', '--seed', '3']);
    try {
      const match = LINE.exec(run.line);
      expect(match, `line: ${run.line}; stderr: ${run.stderr()}`).not.toBeNull();
      const [, url] = match as RegExpExecArray;
      const res = await fetch(`${url}/api/teams/search`, { headers: { authorization: basic('ann', 'ann-pw') } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ totalCount: 2, perPage: 1, teams: [{ name: 'A' }] });
      expect((await fetch(`${url}/api/org`)).status).toBe(401);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toBe(`${run.line}\n`);
  });

  it('exits 0 on SIGINT too, with generated data and the default admin', async () => {
    const run = await startCli(['--generate', 'small']);
    try {
      const [, url] = LINE.exec(run.line) ?? [];
      const res = await fetch(`${url}/api/orgs`, { headers: { authorization: ADMIN } });
      expect(((await res.json()) as unknown[]).length).toBe(2);
    } finally {
      run.child.kill('SIGINT');
    }
    expect((await run.exit).code).toBe(0);
  });

  it.each([
    [[], '12', '12.'],
    [['--grafana-version', '10.4'], '10.4', '10.4.'],
    [['--grafana-version', '11'], '11', '11.'],
  ])('with %j imitates Grafana %s and says so in its line and /api/health', async (args, line, health) => {
    const run = await startCli(args);
    try {
      const [, url, , version] = LINE.exec(run.line) ?? [];
      expect(version).toBe(line);
      const body = (await (await fetch(`${url}/api/health`)).json()) as { version: string };
      expect(body.version.startsWith(health)).toBe(true);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect((await run.exit).code).toBe(0);
  });

  it.each([
    [['--grafana-version', '9'], /--grafana-version/],
    [['--faults', 'teapot:0.5'], /unknown fault kind/],
    [['--data', 'no-such-file.yaml'], /no-such-file\.yaml/],
    [['--generate', 'huge'], /--generate/],
  ])('refuses %j with exit code 1 and a message', async (args, message) => {
    const run = await startCli(args);
    expect((await run.exit).code).toBe(1);
    expect(run.line).toBe('');
    expect(run.stderr()).toMatch(message);
  });
});
