import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { startChartioSim } from '../sim/chartio/server.js';
import { startGrafanaSim } from '../sim/grafana/server.js';
import { DEFAULT_GRAFANA_VERSION, GRAFANA_VERSIONS, type GrafanaVersion } from '../sim/grafana/version.js';
import { FAULT_KINDS } from '../sim/shared/faults.js';
import type { RateLimit } from '../core/rate-limit-spec.js';
import { rateLimitOption } from './options.js';
import type { CliIO } from './io.js';
import { escapeControl } from '../render/escape-text.js';

/**
 * `accessctl sim <target>`: in-memory simulators of the target APIs (DESIGN §6). One
 * sub-command per target; both share the knobs (`commonSimOptions`) and the serve-until-signal
 * loop (`serve`).
 */
export function simCommand(io: CliIO): Command {
  return new Command('sim')
    .description('run an in-memory simulator of a target API on loopback (for the quick start, tests and benchmarks)')
    .addCommand(chartioSimCommand(io))
    .addCommand(grafanaSimCommand(io));
}

/** The flags every simulator takes. */
interface CommonFlags {
  host: string;
  port: number;
  data?: string;
  generate?: 'small' | 'large';
  latency: number;
  pageSize: number;
  rateLimit?: RateLimit;
  faults?: string;
  seed: number;
}

interface ChartioFlags extends CommonFlags {
  org?: string;
  credentials: string;
  syncDelay: number;
}

function commonSimOptions(command: Command, what: string, defaultPageSize: number): Command {
  return command
    .option('--host <host>', 'address to listen on (/__sim/ endpoints only on loopback)', '127.0.0.1')
    .option('--port <n>', 'port; 0 picks a free one', integer(0, 65535), 0)
    .addOption(new Option('--data <file>', `initial ${what}, YAML or JSON`).conflicts('generate'))
    .addOption(new Option('--generate <size>', `generated ${what}: small (demo) or large (benchmark size)`).choices(['small', 'large']))
    .option('--latency <ms>', 'delay every API response by this many milliseconds', integer(0, 600_000), 0)
    .option('--page-size <n>', 'items per page of every collection', integer(1, 100_000), defaultPageSize)
    .addOption(rateLimitOption('simulator'))
    // The kinds from the list the injector checks against, so help can never fall behind it.
    .option('--faults <spec>', `fault injection, e.g. 500:0.05,reset:0.01 (kinds ${FAULT_KINDS.join(' ')})`)
    .option('--seed <n>', 'seed for generated data and faults', integer(0, 2 ** 32 - 1), 1);
}

/** The options both `start*Sim` functions take, from the common flags. */
function commonStartOptions(io: CliIO, flags: CommonFlags) {
  return {
    host: flags.host,
    port: flags.port,
    dataFile: flags.data === undefined ? undefined : resolve(io.cwd, flags.data),
    generate: flags.generate,
    latencyMs: flags.latency,
    pageSize: flags.pageSize,
    rateLimit: flags.rateLimit,
    faults: flags.faults,
    seed: flags.seed,
  };
}

function chartioSimCommand(io: CliIO): Command {
  return commonSimOptions(new Command('chartio').description('serve the Chartio Admin API v1 from memory until SIGINT or SIGTERM'), 'org', 100)
    .option('--org <slug>', 'org slug (default: the data file\'s org, else example-org)')
    .option('--credentials <key:secret>', 'Basic auth credentials the API accepts', 'sim-key:sim-secret')
    .option('--sync-delay <ms>', 'how long a schema sync takes', integer(0, 86_400_000), 2000)
    .action((flags: ChartioFlags) =>
      serve(io, 'chartio', async () => {
        const sim = await startChartioSim({ ...commonStartOptions(io, flags), org: flags.org, credentials: flags.credentials, syncDelayMs: flags.syncDelay });
        return { sim, line: `chartio simulator listening on ${sim.url} (org ${sim.org})` };
      }),
    );
}

function grafanaSimCommand(io: CliIO): Command {
  return commonSimOptions(
    new Command('grafana').description('serve the Grafana HTTP API (orgs, users, teams, folders, dashboards, permissions) from memory until SIGINT or SIGTERM'),
    'users and orgs',
    1000,
  )
    .addOption(new Option('--grafana-version <version>', 'the Grafana release line to imitate where versions differ').choices([...GRAFANA_VERSIONS]).default(DEFAULT_GRAFANA_VERSION))
    .action((flags: CommonFlags & { grafanaVersion: GrafanaVersion }) =>
    serve(io, 'grafana', async () => {
      const sim = await startGrafanaSim({ ...commonStartOptions(io, flags), grafanaVersion: flags.grafanaVersion });
      return { sim, line: `grafana simulator listening on ${sim.url} (Grafana ${flags.grafanaVersion})` };
    }),
  );
}

/** Starts a simulator, prints its one line, serves until SIGINT or SIGTERM, exits 0 (1 if it cannot start). */
async function serve(io: CliIO, target: string, start: () => Promise<{ sim: { close(): Promise<void> }; line: string }>): Promise<void> {
  let started;
  try {
    started = await start();
  } catch (error) {
    io.stderr(`accessctl sim ${target}: ${escapeControl((error as Error).message)}\n`);
    io.setExitCode(1);
    return;
  }
  io.stdout(`${started.line}\n`);
  await untilSignal();
  await started.sim.close();
  io.setExitCode(0);
}

/** Resolves on the first SIGINT or SIGTERM; the listeners also stop Node's default exit. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolveSignal(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    }
    return n;
  };
}
