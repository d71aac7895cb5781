/**
 * Where org-level requests go. A server admin names the org in the path (`/api/orgs/:id/...`,
 * no org header needed); a service-account token may not call those admin endpoints and acts in
 * its own org through `/api/org/...`. Note Grafana's difference on removal: `DELETE
 * /api/orgs/:id/users/:userId` only ends the membership, `DELETE /api/org/users/:userId` also
 * deletes a user who is in no other org (the plan says so in token mode).
 */
import { apiPath } from '../../http/api-path.js';

export interface OrgPaths {
  /** PUT here renames the org. */
  org(orgId: number): string;
  /** POST here adds a user. */
  orgUsers(orgId: number): string;
  /** PATCH sets the role, DELETE removes. */
  orgUser(orgId: number, userId: number): string;
  /** GET here lists every member of the org (not paged). */
  orgUserList(orgId: number): string;
  /** GET here says whether a user exists anywhere; undefined where the credentials may not ask. */
  user(userId: number): string | undefined;
}

export const ADMIN_ORG_PATHS: OrgPaths = {
  org: (orgId) => apiPath`/api/orgs/${orgId}`,
  orgUsers: (orgId) => apiPath`/api/orgs/${orgId}/users`,
  orgUser: (orgId, userId) => apiPath`/api/orgs/${orgId}/users/${userId}`,
  orgUserList: (orgId) => apiPath`/api/orgs/${orgId}/users`,
  user: (userId) => apiPath`/api/users/${userId}`,
};

export const TOKEN_ORG_PATHS: OrgPaths = {
  org: () => '/api/org',
  orgUsers: () => '/api/org/users',
  orgUser: (_orgId, userId) => apiPath`/api/org/users/${userId}`,
  orgUserList: () => '/api/org/users',
  // `/api/users/:id` is a server-admin endpoint.
  user: () => undefined,
};
