import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../shared/api-error.js';
import { permissionDenied } from './errors.js';
import type { GrafanaState, Role, Token, User } from './state.js';

/**
 * Who is calling, and in which org. Basic auth is any user with a password (login or email
 * as the user name); `X-Grafana-Org-Id` picks the org, otherwise the user's current org
 * (`POST /api/user/using/:orgId`). A Bearer token is a service-account token from `--data`:
 * it always acts in its own org, with its own role, and is never a server admin.
 */
export type Identity =
  | { kind: 'user'; user: User; orgId: number; role: Role | undefined }
  | { kind: 'token'; token: Token; orgId: number; role: Role };

/** Grafana's answer to missing or wrong credentials. */
export const unauthorized = (): ApiError => new ApiError(401, 'Unauthorized');

export function authenticate(state: GrafanaState, authorization: string | undefined, orgHeader: string | undefined): Identity {
  if (!authorization) throw unauthorized();
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer) {
    const token = state.tokens.get(bearer[1] as string);
    if (!token) throw new ApiError(401, 'Invalid API key');
    return { kind: 'token', token, orgId: token.orgId, role: token.role };
  }
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!basic) throw unauthorized();
  const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw unauthorized();
  const name = decoded.slice(0, colon).toLowerCase();
  const password = decoded.slice(colon + 1);
  const user = [...state.users.values()].find((u) => u.login.toLowerCase() === name || u.email.toLowerCase() === name);
  if (!user || !user.password || !samePassword(user.password, password)) throw unauthorized();
  let orgId = user.currentOrgId;
  if (orgHeader !== undefined && orgHeader.trim() !== '') {
    // Grafana reads the header with strconv.ParseInt; junk is a 400.
    if (!/^\d{1,15}$/.test(orgHeader.trim())) throw new ApiError(400, 'Invalid X-Grafana-Org-Id header');
    orgId = Number(orgHeader.trim());
  }
  return { kind: 'user', user, orgId, role: state.orgs.get(orgId)?.members.get(user.id) };
}

function samePassword(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  // Constant-time compare: the simulator stands in for a real auth check, so behave like one.
  return a.length === b.length && timingSafeEqual(a, b);
}

const RANK: Record<Role, number> = { None: 0, Viewer: 1, Editor: 2, Admin: 3 };

/**
 * Grafana's legacy role checks, which the simulator applies instead of fine-grained RBAC:
 * org-scoped endpoints need at least a role in the caller's current org (a user who is not
 * a member of it has none), server-admin endpoints need Basic auth of a Grafana admin.
 */
export function requireOrgRole(identity: Identity, min: Role): void {
  if (identity.role === undefined || RANK[identity.role] < RANK[min]) throw permissionDenied();
}

export function requireServerAdmin(identity: Identity): User {
  if (identity.kind !== 'user' || !identity.user.isGrafanaAdmin) throw permissionDenied();
  return identity.user;
}

/**
 * `/api/user*` acts on a signed-in user. For a service-account token Grafana's `getUserID`
 * (pkg/api/user.go, 10.4 to 12) answers 403 "Endpoint only available for users"; only
 * `GET /api/user` differs from 11 on (see signedInProfile).
 */
export function requireUser(identity: Identity): User {
  if (identity.kind !== 'user') throw new ApiError(403, 'Endpoint only available for users');
  return identity.user;
}

export function callerUser(identity: Identity): User | undefined {
  return identity.kind === 'user' ? identity.user : undefined;
}
