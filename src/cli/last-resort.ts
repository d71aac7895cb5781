import { redactorFromEnv } from '../http/env-redactor.js';
import { printable } from '../http/errors.js';
import { escapeControl } from '../render/escape-text.js';
import { debugEnabled } from './http-debug-log.js';

export const DEBUG_HINT = '(run with ACCESSCTL_DEBUG=1 for details)';

/**
 * What the user sees of an error nobody expected (a bug, a closed stdout, a working directory
 * deleted under the run): one `error:` line, never Node's default report, which prints a stack
 * and the error's own properties (request options, a quoted value) raw. With ACCESSCTL_DEBUG=1
 * the stack follows, with its causes. Everything is redacted of the environment's credentials
 * and escaped: the message may quote a file or a server.
 */
export function describeUnexpected(error: unknown, env: NodeJS.ProcessEnv): string {
  const redact = redactorFromEnv(env);
  const message = printable(redact(error instanceof Error ? error.message : String(error)), 500) || 'unknown error';
  if (!debugEnabled(env)) return `error: ${message} ${DEBUG_HINT}\n`;
  const lines = [`error: ${message}`];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++, current = current.cause) {
    const stack = redact(current.stack ?? `${current.name}: ${current.message}`).split('\n');
    lines.push(...(depth === 0 ? stack : [`caused by: ${stack[0]}`, ...stack.slice(1)]).map((line) => escapeControl(line)));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The handlers of last resort: an exception no code caught (an 'error' event nobody listens to,
 * such as EPIPE when the reader of stdout has gone) or a rejection nobody handled. Reports it
 * in one line and exits 1; the process state is unknown after one, so the run does not go on.
 */
export function installLastResort(process: NodeJS.Process): void {
  const report = (error: unknown) => {
    try {
      process.stderr.write(describeUnexpected(error, process.env));
    } finally {
      process.exit(1);
    }
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}
