import { describe, expect, it } from 'vitest';
import { ForeignLinkError } from '../../src/http/errors.js';
import { parseBaseUrl, resolveLink } from '../../src/http/resolve-link.js';

const BASE = 'https://api.chartio.com/v1';

describe('resolveLink accepts links on the API', () => {
  it.each([
    ['/example-org/users/?page=2', 'https://api.chartio.com/v1/example-org/users/?page=2'],
    ['example-org/users', 'https://api.chartio.com/v1/example-org/users'],
    ['/example-org/teams#frag', 'https://api.chartio.com/v1/example-org/teams'],
    ['https://api.chartio.com/v1/example-org/users/?page=3', 'https://api.chartio.com/v1/example-org/users/?page=3'],
    ['https://api.chartio.com:443/v1/x', 'https://api.chartio.com/v1/x'],
    ['HTTPS://API.CHARTIO.COM/v1/x', 'https://api.chartio.com/v1/x'],
  ])('%j', (href, expected) => {
    expect(resolveLink(BASE, href).href).toBe(expected);
  });

  it('treats a base with a trailing slash and a root base alike', () => {
    expect(resolveLink(`${BASE}/`, '/org/users').href).toBe('https://api.chartio.com/v1/org/users');
    expect(resolveLink('http://127.0.0.1:3000', '/api/orgs?page=1').href).toBe('http://127.0.0.1:3000/api/orgs?page=1');
  });
});

describe('resolveLink refuses links off the API', () => {
  it.each([
    ['another host', 'https://evil.example/v1/example-org/users/?page=2'],
    ['another scheme', 'http://api.chartio.com/v1/example-org/users/?page=2'],
    ['another port', 'https://api.chartio.com:8443/v1/example-org/users/?page=2'],
    ['userinfo', 'https://user:pw@api.chartio.com/v1/example-org/users/?page=2'],
    ['userinfo without password', 'https://user@api.chartio.com/v1/x'],
    ['a network-path reference', '//evil.example/v1/x'],
    ['backslashes', '\\\\evil.example\\v1\\x'],
    ['slash-backslash', '/\\evil.example/x'],
    ['another scheme entirely', 'javascript:alert(1)'],
    ['a path outside the API root', '/../admin'],
    ['an absolute path outside the API root', 'https://api.chartio.com/other'],
    // Inside the root after normalisation, but not the endpoint the path names.
    ['a dot-dot segment', '/example-org/dashboards/1/permissions/../../../teams/9'],
    ['a dot segment', '/example-org/./teams'],
    ['a trailing dot-dot', '/example-org/teams/1/..'],
    ['an encoded dot-dot', '/example-org/teams/%2e%2E/9'],
    ['a half-encoded dot-dot', '/example-org/teams/.%2e/9'],
    ['a dot-dot between backslashes', '/example-org/teams\\..\\9'],
    ['a dot-dot in an absolute link', 'https://api.chartio.com/v1/example-org/../other-org/users'],
    ['a dot-dot split by a tab the URL parser drops', '/example-org/users/.\t./.\t./teams/?page=2'],
    ['a dot-dot split by a line break', '/example-org/teams/.\n./9'],
  ])('%s', (_name, href) => {
    expect(() => resolveLink(BASE, href)).toThrow(ForeignLinkError);
  });

  it('never shows userinfo or the query in the error', () => {
    const error = (() => {
      try {
        resolveLink(BASE, 'https://user:hunter2@evil.example/v1/x?token=hunter2');
      } catch (caught) {
        return caught as ForeignLinkError;
      }
      throw new Error('expected a throw');
    })();
    expect(error.href).toBe('https://evil.example/v1/x');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('hunter2');
  });

  it('refuses a base URL with credentials or another scheme', () => {
    expect(() => parseBaseUrl('https://k:s@api.chartio.com/v1')).toThrow(/must not contain credentials/);
    expect(() => parseBaseUrl('ftp://api.chartio.com/v1')).toThrow(/http or https/);
    expect(() => parseBaseUrl('not a url')).toThrow(ForeignLinkError);
  });
});
