import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Issue 12, item 11: two overlapping applies could both skip the same change, so the next plan
 * was not empty although the README said it would be. Now a run whose failures are all
 * conflicts (409, 404) reads live state once more and finishes the approved plan, never more.
 * The "other writer" is a proxy that passes a create on to the real simulator (so it happens)
 * and answers 409, as a run that lost the race to another run sees it.
 */
const FILE = [
  'version: 1',
  'provider: chartio',
  'chartio: { org: example-org }',
  'teams:',
  '  Owners: { members: [owner@example.com] }',
  '  Partners: { members: [alice@example.com] }',
  '',
].join('\n');

let sim: ChartioSim;
let proxy: FaultProxy;
let raced = 0;
beforeEach(async () => {
  sim = await startChartioSim({ data: await loadSeedFile(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')) });
  raced = 0;
  proxy = await startFaultProxy(sim.url, (req) =>
    req.method === 'POST' && /\/teams\/?$/.test(req.url ?? '') && raced++ === 0 ? { status: 409, message: 'Team name taken', forward: true } : 'pass',
  );
});
afterEach(async () => {
  await proxy.close();
  await sim.close();
});

const env = () => ({ CHARTIO_URL: proxy.url, CHARTIO_API_KEY: 'sim-key', CHARTIO_API_SECRET: 'sim-secret' });

describe('apply after losing a race', () => {
  it('reads live state again and finishes the approved plan; the next plan is empty', async () => {
    const temp = await tempFiles({ 'access.yaml': FILE });
    try {
      const run = await runCli(['apply', '--auto-approve'], { cwd: temp.dir, env: env() });
      expect(run.stderr).toMatch(/failed: \+ create team "Partners"\n  POST http:\/\/127\.0\.0\.1:\d+\/v1\/example-org\/teams -> 409: Team name taken/);
      expect(run.stderr).toContain('skipped: + add alice@example.com to team "Partners"');
      expect(run.stdout).toContain('1 change met a conflict: another writer changed the org meanwhile. Reading live state again to finish the approved plan.');
      expect(run.stdout).toMatch(/done: \+ add alice@example\.com to team "Partners"\n/);
      expect(run.stdout).toMatch(/Apply complete: \d+ done, 0 failed, 0 skipped\./);
      expect(run.code).toBe(0);
      // One team of that name, created once (by the "other writer"), with the member the file names.
      const state = sim.store.toJSON() as { teams: { name: string; member_ids: number[] }[]; users: { id: number; email: string }[] };
      const partners = state.teams.filter((t) => t.name === 'Partners');
      expect(partners).toHaveLength(1);
      expect(partners[0]!.member_ids.map((id) => state.users.find((u) => u.id === id)!.email)).toEqual(['alice@example.com']);
      const again = await runCli(['plan', '--detailed-exitcode'], { cwd: temp.dir, env: env() });
      expect(again.code).toBe(0);
    } finally {
      await temp.remove();
    }
  });

  it('never runs what the operator did not approve: a change only live state now needs is left for the next plan', async () => {
    // The other writer also puts carol into Partners: the file's authoritative members now need a
    // removal that was not in the plan shown.
    await proxy.close();
    raced = 0;
    let added = false;
    proxy = await startFaultProxy(sim.url, (req) => {
      if (req.method === 'POST' && /\/teams\/?$/.test(req.url ?? '') && raced++ === 0) return { status: 409, message: 'Team name taken', forward: true };
      // The next read of the teams is the second one, after the conflict: by then the other
      // writer has also added carol (who is on another team too).
      if (raced > 0 && !added && req.method === 'GET' && /\/teams\/?(\?|$)/.test(req.url ?? '')) {
        const state = sim.store.toJSON() as { teams: { id: number; name: string }[]; users: { id: number; email: string }[] };
        const team = state.teams.find((t) => t.name === 'Partners')!;
        sim.store.addTeamMember(String(team.id), { email: 'carol@example.com' });
        added = true;
      }
      return 'pass';
    });
    const temp = await tempFiles({ 'access.yaml': FILE });
    try {
      const run = await runCli(['apply', '--auto-approve'], { cwd: temp.dir, env: env() });
      expect(run.stderr).toMatch(/not applied: 1 change that live state now needs was not in the approved plan \(team\[Partners\]\.member\[carol@example\.com\]\)/);
      expect(run.code).toBe(1);
      const left = await runCli(['plan', '--format', 'json'], { cwd: temp.dir, env: env() });
      expect((JSON.parse(left.stdout) as { changes: { action: string }[] }).changes.map((c) => c.action)).toEqual(['delete']);
    } finally {
      await temp.remove();
    }
  });
});
