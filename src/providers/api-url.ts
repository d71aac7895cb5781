/**
 * Where requests (and with them the credentials) go: chosen by the operator, never by a file.
 *
 * The desired-state file and any saved plan are written by pull-request authors, so a `url:` in
 * them must never decide where the Admin API key or the Grafana token is sent (issue 12: a
 * `chartio.url:` received the Basic credentials whenever CHARTIO_URL was unset). The API root
 * comes from `--url`, else the provider's environment variable, else the provider's default (if
 * it has one); a URL in a file is an assertion, checked with `sameApi` before any request.
 */

/** An API root from a trusted source, normalised: http(s), no userinfo, query or fragment, no trailing slash. */
export function trustedApiUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${source} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${source} must be an http:// or https:// URL`);
  // A query or fragment would be dropped from every request but still shown in output (and may
  // hold a secret); userinfo would be a credential outside the environment's credential variables.
  if (url.username !== '' || url.password !== '') throw new Error(`${source} must not contain a user or password; credentials come from their own variables`);
  if (url.search !== '' || value.includes('?')) throw new Error(`${source} must not contain a query string`);
  if (url.hash !== '' || value.includes('#')) throw new Error(`${source} must not contain a fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The API root for a run: `--url`, else the provider's environment variable, else its default
 * (Chartio has one; Grafana has none, and then this is undefined). Never a file's value.
 */
export function chosenApiUrl(urlFlag: string | undefined, env: NodeJS.ProcessEnv, variable: string, fallback?: string): string | undefined {
  if (urlFlag) return trustedApiUrl(urlFlag, '--url');
  const value = env[variable];
  if (value) return trustedApiUrl(value, variable);
  return fallback;
}

/** Whether two API roots name the same API (scheme, host, port and path, ignoring case of scheme and host and a trailing slash). */
export function sameApi(a: string, b: string): boolean {
  const normal = (value: string): string | undefined => {
    try {
      const url = new URL(value.trim());
      return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      return undefined;
    }
  };
  const left = normal(a);
  return left !== undefined && left === normal(b);
}
