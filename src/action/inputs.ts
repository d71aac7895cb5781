/** The Action's inputs, as the composite action passes them (`INPUT_*` environment variables). */
export interface ActionInputs {
  command: 'plan' | 'apply' | 'drift' | 'audit';
  path: string;
  parallelism: string;
  comment: boolean;
  githubToken: string;
  workingDirectory: string;
  args: string[];
  /** drift: also list live access no file manages (`--unmanaged`). */
  unmanaged: boolean;
  /** audit: `--stale-days N`, passed through for the CLI to check. */
  staleDays: string;
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const input = (name: string, fallback = '') => (env[`INPUT_${name.toUpperCase().replace(/ /g, '_')}`] ?? fallback).trim();
  const command = input('command', 'plan');
  if (command !== 'plan' && command !== 'apply' && command !== 'drift' && command !== 'audit') {
    throw new Error(`input "command" must be plan, apply, drift or audit, not "${command}"`);
  }
  return {
    command,
    path: input('path', 'access.yaml') || 'access.yaml',
    parallelism: input('parallelism', '8') || '8',
    comment: input('comment', 'true') !== 'false',
    githubToken: input('github-token'),
    workingDirectory: input('working-directory', '.') || '.',
    // Extra flags, split on whitespace (quotes are not interpreted: flags here need none).
    args: input('args').split(/\s+/).filter(Boolean),
    unmanaged: input('unmanaged', 'false') === 'true',
    staleDays: input('stale-days', '90') || '90',
  };
}
