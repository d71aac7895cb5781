import { describe, expect, it } from 'vitest';
import { openApiChecker } from './openapi.js';

/** The checker itself: it must reject what the contract suite relies on it to reject. */
describe('OpenAPI response checker', () => {
  const openapi = openApiChecker();

  it('finds operations by path template, literal segments first', () => {
    expect(openapi.operation('GET', '/api/orgs/name/Ops')).toBe('/orgs/name/{org_name}');
    expect(openapi.operation('GET', '/api/orgs/2/users?perpage=1')).toBe('/orgs/{org_id}/users');
    expect(openapi.operation('GET', '/api/teams/search')).toBe('/teams/search');
    expect(openapi.operation('PUT', '/api/teams/1/members')).toBeUndefined();
  });

  it('accepts a well-formed body and rejects wrong types', () => {
    expect(openapi.check('GET', '/api/orgs/1', 200, { id: 1, name: 'Main Org.' })).toEqual([]);
    expect(openapi.check('GET', '/api/orgs/1', 200, { id: '1', name: 'Main Org.' })).not.toEqual([]);
    expect(openapi.check('GET', '/api/teams/search', 200, { totalCount: 1, teams: [{ id: 1, memberCount: 'x' }] })).not.toEqual([]);
  });

  it('rejects invented fields on named definitions', () => {
    expect(openapi.check('GET', '/api/org', 200, { id: 1, name: 'x', extra: true })).not.toEqual([]);
  });

  it('rejects an array where the spec has an object, and an error without a message', () => {
    expect(openapi.check('GET', '/api/users/search', 200, [])).not.toEqual([]);
    expect(openapi.check('GET', '/api/org', 403, { error: 'x' })).not.toEqual([]);
    expect(openapi.check('GET', '/api/org', 403, { message: 7 })).not.toEqual([]);
    expect(openapi.check('GET', '/api/orgs/1', 404, { message: 'Organization not found' })).toEqual([]);
  });

  it('refuses a request that matches no operation', () => {
    expect(() => openapi.check('GET', '/api/nope', 404, {})).toThrow(/no OpenAPI operation/);
  });
});
