/**
 * `npm run bench [-- --quick]`: benchmark scenarios of issue 7 against the Chartio simulator
 * in its own process on 127.0.0.1. Prints a table and writes bench/results.json (with --quick:
 * bench/results-quick.json, see bench-options.ts) with each figure next to its computed lower
 * bound. Not part of `npm test`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateSeedDocument } from '../src/sim/chartio/generate.js';
import { parseBenchArgs } from './bench-options.js';
import { minimumRefreshRequests, rateBoundSeconds, timeBoundSeconds } from './bounds.js';
import { addTeams, desiredFromSeed, mutate, type SeedDoc } from './desired-from-seed.js';
import type { ScenarioInput, ScenarioOutput } from './scenario.js';
import { startSimProcess } from './sim-process.js';

const SCENARIO = fileURLToPath(new URL('./scenario.js', import.meta.url));
const GRAFANA_SCENARIO = fileURLToPath(new URL('./grafana-scenario.js', import.meta.url));
// Compiled to dist-bench/bench/: the sources' bench/ folder is two levels up.
const BENCH_DIR = fileURLToPath(new URL('../../bench/', import.meta.url));
const LATENCY = 20;
const PAGE_SIZE = 100;
const PARALLELISM = 16;

interface Row {
  scenario: string;
  requests: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  bound: number;
  boundUnit: string;
  ratio: number;
  target: string;
  met: boolean;
  notes: string;
}

async function runScenario(input: ScenarioInput): Promise<ScenarioOutput> {
  const { stdout } = await promisify(execFile)(process.execPath, [SCENARIO, JSON.stringify(input)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ScenarioOutput;
}

function sizesOf(seed: SeedDoc) {
  return {
    teams: seed.teams.length,
    users: seed.users.length,
    dashboards: seed.dashboards.length,
    datasources: seed.datasources.length,
    permissionLists: [...seed.dashboards, ...seed.datasources].map((o) => o.permissions.length),
  };
}

async function withSim<T>(dir: string, seed: SeedDoc, extra: string[], body: (url: string) => Promise<T>): Promise<T> {
  const dataFile = path.join(dir, `org-${seed.users.length}.json`);
  await writeFile(dataFile, JSON.stringify(seed));
  const sim = await startSimProcess(['--data', dataFile, '--latency', String(LATENCY), '--page-size', String(PAGE_SIZE), ...extra]);
  try {
    return await body(sim.url);
  } finally {
    await sim.stop();
  }
}

async function main(): Promise<void> {
  const { quick, resultsFile } = parseBenchArgs(process.argv.slice(2), BENCH_DIR);
  const scale = quick ? 0.1 : 1;
  const dir = await mkdtemp(path.join(tmpdir(), 'accessctl-bench-'));
  const rows: Row[] = [];
  const seedAt = (s: number) => generateSeedDocument('large', 1, 'example-org', s) as unknown as SeedDoc;
  try {
    const seed = seedAt(scale);
    const minimum = minimumRefreshRequests(sizesOf(seed), PAGE_SIZE);

    // 1. Refresh of the max org.
    const refresh = await withSim(dir, seed, [], (url) => runScenario({ kind: 'refresh', url, parallelism: PARALLELISM }));
    const refreshBound = timeBoundSeconds(minimum, LATENCY, PARALLELISM, 4);
    rows.push(row('1 refresh, max org', refresh, refreshBound, 's', 1.25, `${refresh.requests} requests, minimum ${minimum}`, refresh.requests === minimum));

    // 2. Plan with 10% of memberships and permissions changed.
    const planFile = path.join(dir, 'desired-10pct.json');
    await writeFile(planFile, JSON.stringify(mutate(desiredFromSeed(seed), seed, 0.1)));
    const plan = await withSim(dir, seed, [], (url) => runScenario({ kind: 'plan', url, parallelism: PARALLELISM, desiredFile: planFile }));
    rows.push({
      ...row('2 plan, 10% changed', plan, 250, 'ms CPU', 1, `${plan.changes} changes; diff+order ${plan.planCpuMs!.toFixed(0)} ms CPU; peak RSS ${plan.peakRssMb.toFixed(0)} MB (target 300)`, plan.peakRssMb <= 300),
      ratio: round(plan.planCpuMs! / 250),
      met: plan.planCpuMs! <= 250 && plan.peakRssMb <= 300,
      bound: 250,
    });

    // 3. Apply of about 2,000 mixed changes (creates with dependent adds, level changes, grants, revokes, moves),
    // on half the max org: the full one is at the 2,000-team limit, where the API refuses new teams.
    const applySeed = seedAt(quick ? 0.05 : 0.5);
    const applyFile = path.join(dir, 'desired-apply.json');
    const applyDoc = addTeams(mutate(desiredFromSeed(applySeed), applySeed, 0.2), applySeed, quick ? 5 : 50, 4);
    await writeFile(applyFile, JSON.stringify(applyDoc));
    const apply = await withSim(dir, applySeed, [], (url) => runScenario({ kind: 'apply', url, parallelism: PARALLELISM, desiredFile: applyFile }));
    const applyBound = timeBoundSeconds(apply.changes!, LATENCY, PARALLELISM, apply.depth!);
    rows.push(
      row('3 apply, mixed changes', apply, applyBound, 's', 1.25, `${apply.changes} changes, depth ${apply.depth}, ${apply.requests} requests, ${apply.failed} failed${apply.failures?.length ? ` (${apply.failures.join('; ')})` : ''}`, apply.requests === apply.changes && apply.failed === 0),
    );

    // 4. Rate limited: simulator and client both at 50/1, about 3,000 requests.
    const rateSeed = seedAt(quick ? 0.05 : 0.5);
    const rateMinimum = minimumRefreshRequests(sizesOf(rateSeed), PAGE_SIZE);
    const rated = await withSim(dir, rateSeed, ['--rate-limit', '50/1'], (url) =>
      runScenario({ kind: 'refresh', url, parallelism: PARALLELISM, rateLimit: '50/1' }),
    );
    const share429 = rated.throttled / rated.requests;
    rows.push(
      row('4 refresh, rate limited 50/s', rated, rateBoundSeconds(rateMinimum, 50), 's', 1.1, `${rated.requests} requests (minimum ${rateMinimum}), ${(share429 * 100).toFixed(1)}% answered 429 (target <= 2%)`, share429 <= 0.02),
    );

    // 5. Baseline: scenario 1 one request at a time.
    const sequential = await withSim(dir, quick ? seedAt(0.02) : seed, [], (url) => runScenario({ kind: 'refresh', url, parallelism: 1 }));
    rows.push(
      row('5 refresh, parallelism 1', sequential, timeBoundSeconds(sequential.requests, LATENCY, 1, 0), 's', Infinity, `speed-up of scenario 1 over this: ${((sequential.wallSeconds / sequential.requests) * refresh.requests / refresh.wallSeconds).toFixed(1)}x`, true),
    );

    // 6. Scaling: wall and RSS at 10%, 25%, 50%, 100% of the max org.
    for (const fraction of quick ? [0.025, 0.05, 0.1] : [0.1, 0.25, 0.5, 1]) {
      const scaled = seedAt(fraction);
      const run = await withSim(dir, scaled, [], (url) => runScenario({ kind: 'refresh', url, parallelism: PARALLELISM }));
      const bound = timeBoundSeconds(minimumRefreshRequests(sizesOf(scaled), PAGE_SIZE), LATENCY, PARALLELISM, 4);
      rows.push(row(`6 refresh at ${fraction * 100}%`, run, bound, 's', 1.25, `${run.requests} requests, ${run.peakRssMb.toFixed(0)} MB`, true));
    }
    // 7. Grafana: refresh of an instance with 5,000 users, 20 orgs, 500 teams, 1,000 folders (and 2,000
    // dashboards), then apply a change set of role updates and member additions.
    const grafanaSim = await startSimProcess(['--generate', quick ? 'small' : 'large', '--latency', String(LATENCY)], 'grafana');
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [GRAFANA_SCENARIO, JSON.stringify({ url: grafanaSim.url, parallelism: PARALLELISM })], { maxBuffer: 1 << 20 });
      const g = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        refresh: { requests: number; minimum: number; wallSeconds: number };
        apply: { requests: number; changes: number; depth: number; failed: number; wallSeconds: number };
        cpuSeconds: number;
        peakRssMb: number;
      };
      const base = { throttled: 0, failed: g.apply.failed, cpuSeconds: g.cpuSeconds, peakRssMb: g.peakRssMb };
      rows.push(
        row('7 grafana refresh', { ...base, requests: g.refresh.requests, wallSeconds: g.refresh.wallSeconds }, timeBoundSeconds(g.refresh.minimum, LATENCY, PARALLELISM, 4), 's', 1.25, `${g.refresh.requests} requests, minimum ${g.refresh.minimum}`, g.refresh.requests === g.refresh.minimum),
      );
      rows.push(
        row('7 grafana apply', { ...base, requests: g.apply.requests, wallSeconds: g.apply.wallSeconds }, timeBoundSeconds(g.apply.changes, LATENCY, PARALLELISM, g.apply.depth), 's', 1.25, `${g.apply.changes} changes, depth ${g.apply.depth}, ${g.apply.requests} requests, ${g.apply.failed} failed`, g.apply.requests === g.apply.changes && g.apply.failed === 0),
      );
    } finally {
      await grafanaSim.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  printTable(rows);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  await writeFile(resultsFile, `${JSON.stringify({ date: new Date().toISOString(), quick, latencyMs: LATENCY, pageSize: PAGE_SIZE, parallelism: PARALLELISM, machine, rows }, null, 2)}\n`);
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), resultsFile)}\n`);
}

function row(scenario: string, out: ScenarioOutput, bound: number, boundUnit: string, target: number, notes: string, extraOk: boolean): Row {
  const ratio = out.wallSeconds / bound;
  return {
    scenario,
    requests: out.requests,
    wallSeconds: round(out.wallSeconds),
    cpuSeconds: round(out.cpuSeconds),
    peakRssMb: round(out.peakRssMb),
    bound: round(bound),
    boundUnit,
    ratio: round(ratio),
    target: Number.isFinite(target) ? `<= ${target}x` : 'report',
    met: (ratio <= target || !Number.isFinite(target)) && extraOk,
    notes,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function printTable(rows: Row[]): void {
  const header = ['scenario', 'requests', 'wall s', 'cpu s', 'rss MB', 'bound', 'ratio', 'target', 'met', 'notes'];
  const body = rows.map((r) => [r.scenario, r.requests, r.wallSeconds, r.cpuSeconds, r.peakRssMb, `${r.bound} ${r.boundUnit}`, r.ratio, r.target, r.met ? 'yes' : 'NO', r.notes].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  for (const line of [header, ...body]) process.stdout.write(`${line.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`);
}

await main();
