/**
 * One benchmark scenario, run in its own process so its CPU time and peak memory are its
 * own: `node dist-bench/bench/scenario.js '<json>'`. Prints one JSON line with the figures.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { executeGraph } from '../src/core/execute-graph.js';
import { HttpClient } from '../src/http/client.js';
import { applyChartioOperation } from '../src/providers/chartio/apply-operation.js';
import { CreatedIds } from '../src/providers/chartio/created-ids.js';
import type { ChartioDocument } from '../src/providers/chartio/desired-state.js';
import { planChartio } from '../src/providers/chartio/plan-chartio.js';
import { readChartioLive } from '../src/providers/chartio/read-live.js';
import { dependencyDepth } from './bounds.js';

export interface ScenarioInput {
  kind: 'refresh' | 'plan' | 'apply';
  url: string;
  parallelism: number;
  rateLimit?: string;
  desiredFile?: string;
}

export interface ScenarioOutput {
  requests: number;
  throttled: number;
  failed: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  planCpuMs?: number;
  changes?: number;
  depth?: number;
  /** The first few failures, to see what went wrong. */
  failures?: string[];
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as ScenarioInput;
  let requests = 0;
  let throttled = 0;
  const client = new HttpClient({
    baseUrl: input.url,
    auth: { kind: 'basic', user: 'sim-key', password: 'sim-secret' },
    concurrency: input.parallelism,
    ...(input.rateLimit ? { rateLimit: input.rateLimit } : {}),
    onEvent: (event) => {
      requests++;
      if (event.status === 429) throttled++;
    },
  });
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const live = await readChartioLive(client, 'example-org', { dashboards: 'all', datasources: 'all' });
  let output: ScenarioOutput = { requests, throttled, failed: 0, wallSeconds: (performance.now() - started) / 1000, cpuSeconds: 0, peakRssMb: 0 };

  if (input.kind !== 'refresh') {
    const desired = JSON.parse(readFileSync(input.desiredFile!, 'utf8')) as ChartioDocument;
    const planCpu = process.cpuUsage();
    const plan = planChartio(desired, live);
    const planCpuUsed = process.cpuUsage(planCpu);
    output = { ...output, planCpuMs: (planCpuUsed.user + planCpuUsed.system) / 1000, changes: plan.changes.length, depth: dependencyDepth(plan.changes) };
    if (input.kind === 'apply') {
      const created = new CreatedIds();
      requests = 0;
      throttled = 0;
      const applyStarted = performance.now();
      const outcome = await executeGraph(plan.changes, (change) => applyChartioOperation(client, 'example-org', change.operation, created), {
        concurrency: input.parallelism,
      });
      const summaries = new Map(plan.changes.map((c) => [c.id, c.summary]));
      output = {
        ...output,
        requests,
        throttled,
        failed: outcome.failed.length + outcome.skipped.length,
        wallSeconds: (performance.now() - applyStarted) / 1000,
        failures: outcome.failed.slice(0, 5).map((f) => `${summaries.get(f.id)}: ${(f.error as Error).message}`),
      };
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  await client.close();
  output.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  output.peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

await main();
