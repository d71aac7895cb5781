import { createRedactor, secretRoots, type Credentials, type Redactor } from './redact.js';

/**
 * The credentials the environment hands accessctl, as the providers read them: Chartio's
 * API key and secret (Basic), Grafana's user and password (Basic) or its service-account
 * token (Bearer). The Action masks these; the CLI redacts them from everything it prints.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials[] {
  const credentials: Credentials[] = [];
  if (env.CHARTIO_API_SECRET) credentials.push({ kind: 'basic', user: env.CHARTIO_API_KEY ?? '', password: env.CHARTIO_API_SECRET });
  if (env.GRAFANA_PASSWORD) credentials.push({ kind: 'basic', user: env.GRAFANA_USER ?? '', password: env.GRAFANA_PASSWORD });
  if (env.GRAFANA_TOKEN) credentials.push({ kind: 'bearer', token: env.GRAFANA_TOKEN });
  return credentials;
}

/**
 * A redactor for text that never went through an HTTP client (config-file errors quoting a
 * value, a simulator's message, a stack trace): every encoding of `CHARTIO_API_SECRET`,
 * `CHARTIO_API_KEY:CHARTIO_API_SECRET`, `GRAFANA_PASSWORD`, `GRAFANA_USER:GRAFANA_PASSWORD`
 * and `GRAFANA_TOKEN`. `extra` adds other secrets (the Action's GitHub token).
 */
export function redactorFromEnv(env: NodeJS.ProcessEnv, extra: readonly string[] = []): Redactor {
  return createRedactor([...credentialsFromEnv(env).flatMap(secretRoots), ...extra]);
}
