import type { CredentialHint, TargetIdentity } from '../types.js';

/**
 * What a Grafana refusal means for the credentials in use: a 401 is the user and password (or
 * the token) themselves; a 403 with Basic auth is a user who is not a server admin (`/api/orgs`
 * and `/api/users` need one), with a token a role below Admin in its org. The instance comes from
 * GRAFANA_URL or --url, never from the file, so there is no line to point at.
 */
export function grafanaCredentialHint(identity: TargetIdentity, status: 401 | 403): CredentialHint {
  const url = identity.url ?? 'the instance';
  const byToken = identity.access === 'org-token';
  if (status === 401) return { message: byToken ? `GRAFANA_TOKEN was refused by ${url}` : `GRAFANA_USER and GRAFANA_PASSWORD were refused by ${url}` };
  return {
    message: byToken
      ? `GRAFANA_TOKEN may not do this at ${url}: accessctl needs a service-account token with the Admin role in its org`
      : `GRAFANA_USER is not a Grafana server admin at ${url}: accessctl needs one for /api/orgs and /api/users (or GRAFANA_TOKEN alone, for its own org)`,
  };
}
