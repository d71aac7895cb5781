/**
 * Scenario 7 (issue 7), in its own process: refresh a large Grafana instance (everything:
 * users, orgs, org users, teams and members, folders and dashboards with permission lists),
 * then apply a change set to it. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { executeGraph } from '../src/core/execute-graph.js';
import { HttpClient } from '../src/http/client.js';
import { applyGrafanaOperation } from '../src/providers/grafana/apply-operation.js';
import { GrafanaCreatedIds } from '../src/providers/grafana/created-ids.js';
import { exportGrafanaDocument } from '../src/providers/grafana/export-document.js';
import type { GrafanaLive } from '../src/providers/grafana/live-state.js';
import { EVERYTHING } from '../src/providers/grafana/live-scope.js';
import { planGrafana } from '../src/providers/grafana/plan-grafana.js';
import { readGrafanaLive } from '../src/providers/grafana/read-live.js';
import { dependencyDepth } from './bounds.js';

const PER_PAGE = 1000;
const searchPages = (n: number) => Math.max(1, Math.ceil(n / PER_PAGE));
/**
 * Array endpoints (`/api/orgs`, `/api/search`) give no total, and a server may serve fewer
 * items than asked, so the reader confirms the end with one more page unless a page came back
 * shorter than the first: at least two requests for a non-empty collection.
 */
const arrayPages = (n: number) => (n === 0 ? 1 : Math.max(2, Math.floor(n / PER_PAGE) + 1));

/** The fewest requests for an everything-read, from the sizes of what was read. */
export function minimumGrafanaRequests(live: GrafanaLive): number {
  let total = 1 + searchPages(live.users.length) + arrayPages(live.orgs.length);
  for (const org of live.orgs) {
    const teams = org.teams ?? [];
    total += searchPages(org.users?.length ?? 0) + searchPages(teams.length) + teams.length;
    total += arrayPages(org.folders?.length ?? 0) + arrayPages(org.dashboards?.length ?? 0);
    total += (org.folders?.length ?? 0) + (org.dashboards?.length ?? 0);
  }
  return total;
}

async function main(): Promise<void> {
  const { url, parallelism } = JSON.parse(process.argv[2] ?? '{}') as { url: string; parallelism: number };
  let requests = 0;
  const client = new HttpClient({ baseUrl: url, auth: { kind: 'basic', user: 'admin', password: 'admin' }, concurrency: parallelism, onEvent: () => void requests++ });
  const cpu = process.cpuUsage();
  let started = performance.now();
  const live = await readGrafanaLive(client, EVERYTHING);
  const refresh = { requests, minimum: minimumGrafanaRequests(live), wallSeconds: (performance.now() - started) / 1000 };

  // The change set: one in ten org users promoted Viewer -> Editor, and every team of the first
  // five orgs gains one org user: role updates and member adds (with their fresh reads avoided).
  const desired = exportGrafanaDocument(live);
  let touched = 0;
  for (const [orgName, org] of Object.entries(desired.orgs ?? {})) {
    for (const [login, role] of Object.entries(org.users ?? {})) {
      if (role === 'Viewer' && touched++ % 10 === 0) org.users![login] = 'Editor';
    }
    const orgIndex = live.orgs.findIndex((o) => o.name === orgName);
    if (orgIndex < 5) {
      const logins = Object.keys(org.users ?? {});
      Object.values(org.teams ?? {}).forEach((team, i) => {
        const extra = logins.find((login, j) => j >= i && !(team.members ?? []).includes(login));
        if (extra) team.members = [...(team.members ?? []), extra];
      });
    }
  }
  const plan = planGrafana(desired, live);
  const ids = new GrafanaCreatedIds();
  requests = 0;
  started = performance.now();
  const outcome = await executeGraph(plan.changes, (change) => applyGrafanaOperation(client, change.operation, ids), { concurrency: parallelism });
  const apply = {
    requests,
    changes: plan.changes.length,
    depth: dependencyDepth(plan.changes),
    failed: outcome.failed.length + outcome.skipped.length,
    wallSeconds: (performance.now() - started) / 1000,
  };
  const used = process.cpuUsage(cpu);
  await client.close();
  process.stdout.write(`${JSON.stringify({ refresh, apply, cpuSeconds: (used.user + used.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

if (process.argv[1]?.endsWith("grafana-scenario.js")) await main();
