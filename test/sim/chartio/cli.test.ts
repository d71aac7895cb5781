import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, MAIN, startSimCli } from '../shared/cli-process.js';
import { AUTH } from './helpers.js';

const LINE = /^chartio simulator listening on (http:\/\/127\.0\.0\.1:(\d+)\/v1) \(org ([\w-]+)\)$/;
const startCli = (args: string[]) => startSimCli('chartio', args);

describe('accessctl sim chartio (the real CLI)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chartio-sim-cli-'));
    await ensureBuilt();
    expect(existsSync(MAIN)).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints exactly one line, serves the API, and exits 0 on SIGTERM', async () => {
    const data = join(dir, 'org.yaml');
    await writeFile(
      data,
      'org: acme\nusers:\n  - { email: owner@acme.test }\n  - { email: ann@acme.test }\nteams:\n  - { name: Owners, members: [owner@acme.test] }\n  - { name: Data, members: [ann@acme.test] }\n',
    );
    const run = await startCli(['--port', '0', '--data', data, '--page-size', '1', '--seed', '3']);
    try {
      const match = LINE.exec(run.line);
      expect(match, `line: ${run.line}; stderr: ${run.stderr()}`).not.toBeNull();
      const [, url, port, org] = match as RegExpExecArray;
      expect(Number(port)).toBeGreaterThan(0);
      expect(org).toBe('acme');
      const res = await fetch(`${url}/acme/teams`, { headers: { authorization: AUTH } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { count: number; teams: unknown[]; _links: { next?: { href: string } } };
      expect(body.count).toBe(2);
      expect(body.teams).toHaveLength(1);
      expect(body._links.next?.href).toBe('/acme/teams/?page=2');
      expect((await fetch(`${url}/acme/teams`)).status).toBe(401);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toBe(`${run.line}\n`);
  });

  it('exits 0 on SIGINT too, with the default org and credentials', async () => {
    const run = await startCli(['--generate', 'small']);
    try {
      const [, url, , org] = LINE.exec(run.line) ?? [];
      expect(org).toBe('example-org');
      const res = await fetch(`${url}/example-org/users?page=1`, { headers: { authorization: AUTH } });
      expect(((await res.json()) as { count: number }).count).toBe(20);
    } finally {
      run.child.kill('SIGINT');
    }
    expect((await run.exit).code).toBe(0);
  });

  it.each([
    [['--faults', 'teapot:0.5'], /unknown fault kind/],
    [['--rate-limit', 'fast'], /--rate-limit .*'fast' is invalid\. expected N or N\/SECONDS/],
    [['--data', 'no-such-file.yaml'], /no-such-file\.yaml/],
    [['--port', 'x'], /--port/],
    [['--generate', 'huge'], /--generate/],
  ])('refuses %j with exit code 1 and a message', async (args, message) => {
    const run = await startCli(args);
    const { code } = await run.exit;
    expect(code).toBe(1);
    expect(run.line).toBe('');
    expect(run.stderr()).toMatch(message);
  });
});
