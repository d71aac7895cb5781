import { credentialsFromEnv } from '../http/env-redactor.js';
import { secretForms, type Credentials } from '../http/redact.js';

/**
 * `::add-mask::` lines for every credential the run can see and every form it could take in
 * output (Base64 `key:secret`, URL-encoded, hex), printed before anything else so the runner
 * scrubs them from the log whatever happens later.
 */
export function maskCommands(env: NodeJS.ProcessEnv, githubToken: string): string[] {
  const credentials: Credentials[] = credentialsFromEnv(env);
  if (githubToken) credentials.push({ kind: 'bearer', token: githubToken });
  const forms = new Set(credentials.flatMap(secretForms));
  // A mask value is one line; a secret with a newline is masked line by line.
  return [...forms].flatMap((form) => form.split(/\r?\n/)).filter((form) => form.length > 0).map((form) => `::add-mask::${form}`);
}
