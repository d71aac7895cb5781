import { describe, expect, it } from 'vitest';
import { apiPath, UnsafePathSegmentError } from '../../src/http/api-path.js';
import { resolveLink } from '../../src/http/resolve-link.js';

describe('apiPath makes every value exactly one path segment', () => {
  it.each<[string, string | number, string]>([
    ['a positive id', 9, '/x/9/y'],
    ['the largest safe integer', Number.MAX_SAFE_INTEGER, '/x/9007199254740991/y'],
    ['a slug', 'example-org', '/x/example-org/y'],
    ['an email', 'a+b@example.com', '/x/a%2Bb%40example.com/y'],
    ['a name with a space and a dot', 'Main Org.', '/x/Main%20Org./y'],
    ['a climbing id', '../../../teams/9', '/x/..%2F..%2F..%2Fteams%2F9/y'],
    ['a query and a fragment', 'a?b#c', '/x/a%3Fb%23c/y'],
    ['an encoded dot segment', '%2e%2e', '/x/%252e%252e/y'],
    ['a backslash', '..\\..', '/x/..%5C../y'],
    ['three dots (not a dot segment)', '...', '/x/.../y'],
  ])('%s', (_name, value, expected) => {
    const path = apiPath`/x/${value}/y`;
    expect(path).toBe(expected);
    // And the URL parser keeps it where it was put: same segment count, same prefix and suffix.
    const url = resolveLink('http://127.0.0.1:3000/v1', path);
    expect(url.pathname.split('/')).toHaveLength(5);
    expect(url.pathname).toMatch(/^\/v1\/x\/[^/]+\/y$/);
  });

  it('interpolates several values', () => {
    expect(apiPath`/api/teams/${1}/members/${2}`).toBe('/api/teams/1/members/2');
    expect(apiPath`/${'org'}/dashboards/${3}/permissions/${4}`).toBe('/org/dashboards/3/permissions/4');
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['a dot', '.'],
    ['two dots', '..'],
    ['zero', 0],
    ['negative', -1],
    ['fractional', 1.5],
    ['beyond 2^53', 9007199254740993],
    ['1e21 (prints as exponent)', 1e21],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['undefined', undefined],
    ['null', null],
    ['an object', { id: 1 }],
  ])('refuses %s before any request', (_name, value) => {
    expect(() => apiPath`/api/teams/${value as string}/members`).toThrow(UnsafePathSegmentError);
  });

  it('names the template and the refused value, and no other value', () => {
    const error = (() => {
      try {
        apiPath`/api/orgs/${1}/users/${'..'}`;
      } catch (caught) {
        return caught as UnsafePathSegmentError;
      }
      throw new Error('expected a throw');
    })();
    expect({ template: error.template, value: error.value }).toEqual({ template: '/api/orgs/:_/users/:value', value: '".."' });
    expect(() => apiPath`/x/${'secret-looking-name'}/${-1}`).toThrow(/^refused to build \/x\/:_\/:value: -1 is not a positive safe integer id$/);
  });
});
