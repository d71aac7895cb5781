import type { CredentialHint, TargetIdentity } from '../types.js';

/**
 * What a Chartio refusal means (seed: 401 for a missing or wrong api_key/secret, 403 for a URL
 * the key may not access): a 401 is the key and secret, a 403 is the org in the path, which
 * comes from the file's `chartio.org`, so the hint points there. Names variables, never values.
 */
export function chartioCredentialHint(identity: TargetIdentity, status: 401 | 403): CredentialHint {
  if (status === 401) return { message: `CHARTIO_API_KEY and CHARTIO_API_SECRET were refused by ${identity.url ?? 'the API'}` };
  return { message: `CHARTIO_API_KEY was refused for org ${JSON.stringify(identity.org ?? '')}`, path: ['chartio', 'org'] };
}
