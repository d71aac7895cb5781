import path from 'node:path';
import { formatIssue, type ConfigIssue } from '../config/config-issue.js';
import { formatPath } from '../config/document-path.js';
import type { LoadedConfig } from '../config/load-config.js';
import { printable } from '../http/errors.js';
import { sameApi } from '../providers/api-url.js';
import { SimulationMismatch } from '../providers/simulation-mismatch.js';
import type { ConnectionSettings, Reconciler, SimulatedTarget, Target, TargetIdentity } from '../providers/types.js';
import { escapeControl } from '../render/escape-text.js';
import { debugEnabled, httpDebugLog } from './http-debug-log.js';
import { annotateIssues } from './annotate-issues.js';
import type { CliIO } from './io.js';
import type { ConnectionFlags } from './options.js';
import { ReportedError } from './reported-error.js';

export interface OpenedTarget {
  target: Target;
  /** Closes the client, and the simulator with --simulate. */
  close: () => Promise<void>;
}

/**
 * Connects a command to its target: the real API (`--url`, the environment), or with
 * `--simulate DATA` the provider's simulator started in-process on loopback and seeded from
 * DATA, the same for every command that reads live state. `config` is the file whose `url:`
 * assertion to check (absent for `export`; with --simulate the simulator stands in for the real
 * target, so there is nothing to check). `check` sees the target before it is named as
 * simulated (a saved plan's target is compared with the real description).
 */
export async function openTarget(
  io: CliIO,
  reconciler: Reconciler<unknown, unknown, unknown>,
  document: unknown,
  options: { flags: ConnectionFlags & { simulate?: string | undefined }; config?: LoadedConfig | undefined; provider?: string; check?: ((target: Target) => void) | undefined },
): Promise<OpenedTarget> {
  const { flags } = options;
  if (flags.simulate && flags.url) {
    io.stderr('error: --url and --simulate exclude each other: --simulate runs against an in-process simulator\n');
    throw new ReportedError('url with simulate');
  }
  const provider = options.config?.provider ?? options.provider ?? '';
  const simulated = flags.simulate ? await startSimulator(io, reconciler, { provider, document, config: options.config }, flags.simulate) : undefined;
  try {
    let target = connectTarget(io, reconciler, document, {
      settings: settingsOf(io, flags),
      env: { ...io.env, ...simulated?.env },
      urlFlag: flags.url,
      config: simulated ? undefined : options.config,
    });
    options.check?.(target);
    if (simulated) target = { ...target, description: `${target.description} [simulator seeded from ${flags.simulate}]` };
    const opened = target;
    return {
      target: opened,
      close: async () => {
        await opened.client.close();
        await simulated?.close();
      },
    };
  } catch (error) {
    await simulated?.close();
    throw error;
  }
}

async function startSimulator(
  io: CliIO,
  reconciler: Reconciler<unknown, unknown, unknown>,
  { provider, document, config }: { provider: string; document: unknown; config: LoadedConfig | undefined },
  dataFile: string,
): Promise<SimulatedTarget> {
  if (!reconciler.simulate) {
    io.stderr(`error: --simulate is not available for provider "${provider}" yet\n`);
    throw new ReportedError('no simulator');
  }
  try {
    return await reconciler.simulate(path.resolve(io.cwd, dataFile), document);
  } catch (error) {
    if (error instanceof SimulationMismatch) {
      // At the file's line when there is a file; `export` has only its flags.
      const message = `${error.reason} (from ${dataFile})`;
      io.stderr(config ? `${formatIssue({ severity: 'error', ...config.locate(error.path, 'value'), path: formatPath(error.path), message })}\n` : `error: ${escapeControl(message)}\n`);
      throw new ReportedError('simulated target differs');
    }
    io.stderr(`error: cannot start the simulator from ${dataFile}: ${escapeControl((error as Error).message)}\n`);
    throw new ReportedError('simulator failed');
  }
}

export function settingsOf(
  io: CliIO,
  options: Omit<ConnectionFlags, 'url'>,
): ConnectionSettings {
  return {
    parallelism: options.parallelism,
    rateLimit: options.rateLimit,
    ...(options.timeout !== undefined ? { timeoutMs: Math.round(options.timeout * 1000) } : {}),
    ...(options.maxReadMib !== undefined ? { maxReadBytes: options.maxReadMib * 1024 * 1024 } : {}),
    ...(options.maxRequests !== undefined ? { maxRequests: options.maxRequests } : {}),
    ...(options.deadline !== undefined ? { deadlineMs: Math.round(options.deadline * 1000) } : {}),
    ...(debugEnabled(io.env) ? { onHttpEvent: httpDebugLog(io) } : {}),
    env: io.env,
  };
}

/**
 * Names the target from trusted sources only (`--url`, the environment, the provider's default),
 * checks the file's `url:` assertion against it, and connects; nothing is sent before both
 * checks pass (DESIGN §1 principle 5). `config` is the loaded file whose assertion to check
 * (absent for `export`, and with `--simulate`, where the simulator stands in for the target).
 */
export function connectTarget(
  io: CliIO,
  reconciler: Reconciler<unknown, unknown, unknown>,
  document: unknown,
  options: { settings: ConnectionSettings; env?: NodeJS.ProcessEnv; urlFlag?: string | undefined; config?: LoadedConfig | undefined },
): Target {
  const env = options.env ?? io.env;
  let identity: TargetIdentity;
  try {
    identity = reconciler.identify(document, env, options.urlFlag);
  } catch (error) {
    io.stderr(`error: ${escapeControl((error as Error).message)}\n`);
    throw new ReportedError('no target');
  }
  const declared = options.config ? reconciler.declaredUrl(document) : undefined;
  if (declared && options.config && !sameApi(declared.url, identity.url ?? '')) {
    const where = options.config.locate(declared.path, 'value');
    const chosenBy = options.urlFlag ? '--url' : 'the environment or the default';
    const issue: ConfigIssue = {
      severity: 'error',
      ...where,
      path: declared.path.join('.'),
      message: `the file asserts ${printable(declared.url, 200)}, but this run's API is ${identity.url} (from ${chosenBy}); a file never chooses where credentials are sent, so nothing was sent. Point --url or the environment at it, or correct the file`,
    };
    io.stderr(`${formatIssue(issue)}\n`);
    annotateIssues(io, [issue]);
    throw new ReportedError('url assertion');
  }
  return connectOrReport(io, () => reconciler.connect(identity, { ...options.settings, env }, document));
}

function connectOrReport(io: CliIO, connect: () => Target): Target {
  try {
    return connect();
  } catch (error) {
    io.stderr(`error: ${escapeControl((error as Error).message)}\n`);
    throw new ReportedError('cannot connect');
  }
}
