/**
 * Turning a request path or a server-provided link into a URL, refusing anything that would
 * leave the configured API.
 *
 * Chartio's HAL `href`s are relative to the API root, not to the host: `/example-org/users/?page=2`
 * under `https://api.chartio.com/v1` means `https://api.chartio.com/v1/example-org/users/?page=2`
 * (DESIGN §4). An absolute `href` is accepted only when it points at the same scheme, host and
 * port as the base and carries no userinfo. Every request carries the credentials, so a link
 * elsewhere, a server that gets to choose where our next request goes, is refused before any
 * byte is sent. The final check compares the parsed result with the base, whatever the input
 * looked like, so parser quirks (`/\evil.example`, tabs, `@`) cannot get around it.
 */

import { ForeignLinkError } from './errors.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Parses and checks a base URL: http(s), no userinfo (credentials belong in `auth`). */
export function parseBaseUrl(baseUrl: string | URL): URL {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new ForeignLinkError({ href: '(unparseable base URL)', reason: 'base URL is not a valid URL' });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new ForeignLinkError({ href: base.protocol, reason: 'base URL must use http or https' });
  }
  if (base.username !== '' || base.password !== '') {
    throw new ForeignLinkError({ href: displayable(base), reason: 'base URL must not contain credentials; pass them as auth' });
  }
  base.search = '';
  base.hash = '';
  return base;
}

/** The API root's path without a trailing slash: `/v1` for `http://h/v1/`, `` for `http://h`. */
function rootPath(base: URL): string {
  return base.pathname.replace(/\/+$/, '');
}

/**
 * Resolves `href` (relative to the API root, or absolute on the same origin) against `baseUrl`.
 * Throws `ForeignLinkError` for another scheme, host or port, userinfo, or a path that climbs
 * out of the API root.
 */
export function resolveLink(baseUrl: string | URL, href: string): URL {
  const base = parseBaseUrl(baseUrl);
  const root = rootPath(base);
  const trimmed = href.trim();
  if (hasDotSegment(trimmed)) {
    // Defence in depth behind `apiPath`: `..` would be normalised away by the URL parser, so the
    // request would reach another endpoint than the one its path names (`/teams/1/../9`).
    throw new ForeignLinkError({ href: displayableText(trimmed), reason: 'a path with "." or ".." segments is never sent' });
  }
  // `//host/x` and `\\host\x` are network-path references: absolute in all but name.
  const absolute = SCHEME.test(trimmed) || /^[/\\]{2}/.test(trimmed);
  let url: URL;
  try {
    url = absolute
      ? new URL(trimmed)
      : new URL(`${root}${trimmed.startsWith('/') ? '' : '/'}${trimmed}`, base.origin);
  } catch {
    throw new ForeignLinkError({ href: displayableText(trimmed), reason: 'not a valid URL' });
  }
  if (url.username !== '' || url.password !== '') {
    throw new ForeignLinkError({ href: displayable(url), reason: 'links with userinfo are never followed' });
  }
  if (url.protocol !== base.protocol || url.host !== base.host) {
    throw new ForeignLinkError({
      href: displayable(url),
      reason: `not on the API's origin ${base.origin}; credentials are only sent there`,
    });
  }
  if (root !== '' && url.pathname !== root && !url.pathname.startsWith(`${root}/`)) {
    throw new ForeignLinkError({ href: displayable(url), reason: `outside the API root ${root}` });
  }
  url.hash = '';
  return url;
}

/**
 * Whether the path part has a `.` or `..` segment, in any spelling the WHATWG URL parser
 * treats as one (`%2e`, `.%2E`) and with `\` as a separator, as it is for http(s).
 */
function hasDotSegment(href: string): boolean {
  // The URL parser drops tabs and line breaks anywhere (WHATWG URL), so `.\t.` is `..` to it.
  const path = href.replace(/[\t\n\r]/g, '').split(/[?#]/, 1)[0] ?? '';
  return path.split(/[/\\]/).some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

/** Origin and path only: no userinfo, no query (either may carry a secret). */
export function displayable(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function displayableText(text: string): string {
  const noUserinfo = text.replace(/\/\/[^/@]*@/, '//');
  const noQuery = noUserinfo.split(/[?#]/, 1)[0] ?? '';
  return noQuery.length > 100 ? `${noQuery.slice(0, 100)}…` : noQuery;
}
