import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface SimProcess {
  url: string;
  stop: () => Promise<void>;
}

/** Runs `accessctl sim <target> ...` in its own process on 127.0.0.1, so the client's CPU is its own. */
export async function startSimProcess(args: string[], target: 'chartio' | 'grafana' = 'chartio'): Promise<SimProcess> {
  const child = spawn(process.execPath, [CLI, 'sim', target, '--host', '127.0.0.1', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`simulator exited with ${String(code)} before listening`);
    }),
  ])) as [string];
  const url = /listening on (\S+)/.exec(line)?.[1];
  if (!url) throw new Error(`unexpected simulator output: ${line}`);
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
