import { secretForms, type Credentials } from '../http/redact.js';

/**
 * `::add-mask::` lines for every credential the run can see and every form it could take in
 * output (Base64 `key:secret`, URL-encoded), printed before anything else so the runner
 * scrubs them from the log whatever happens later.
 */
export function maskCommands(env: NodeJS.ProcessEnv, githubToken: string): string[] {
  const credentials: Credentials[] = [];
  if (env.CHARTIO_API_SECRET) credentials.push({ kind: 'basic', user: env.CHARTIO_API_KEY ?? '', password: env.CHARTIO_API_SECRET });
  if (env.GRAFANA_PASSWORD) credentials.push({ kind: 'basic', user: env.GRAFANA_USER ?? '', password: env.GRAFANA_PASSWORD });
  if (env.GRAFANA_TOKEN) credentials.push({ kind: 'bearer', token: env.GRAFANA_TOKEN });
  if (githubToken) credentials.push({ kind: 'bearer', token: githubToken });
  const forms = new Set(credentials.flatMap(secretForms));
  // A mask value is one line; a secret with a newline is masked line by line.
  return [...forms].flatMap((form) => form.split(/\r?\n/)).filter((form) => form.length > 0).map((form) => `::add-mask::${form}`);
}
