import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../shared/api-error.js';
import { errutilError, permissionDenied } from './errors.js';
import { requestedOrgId } from './requested-org.js';
import { sameText, type GrafanaState, type Role, type Token, type User } from './state.js';

/**
 * Who is calling, and in which org. Basic auth is any user with a password (login or email
 * as the user name); the org asked for (`?targetOrgId=`, `X-Grafana-Org-Id`, requested-org.ts)
 * or else the user's current org (`POST /api/user/using/:orgId`). A Bearer token is a
 * service-account token from `--data`: it acts in its own org, with its own role, and is never
 * a server admin.
 */
export type Identity =
  | { kind: 'user'; user: User; orgId: number; role: Role | undefined }
  | { kind: 'token'; token: Token; orgId: number; role: Role };

/**
 * Grafana's authn failures, each an errutil error (errutilError): no credentials Grafana can
 * read is `errCantAuthenticateReq` (authnimpl/service.go, "auth.unauthorized", public message
 * the status text); a wrong user or password `errPasswordAuthFailed` (clients/password.go); an
 * undecodable Basic header `errDecodingBasicAuthHeader` (clients/basic.go, a 400); an unknown
 * token `errAPIKeyInvalid` and a token used for another org `errAPIKeyOrgMismatch`
 * (clients/api_key.go).
 */
export const unauthorized = (): ApiError => errutilError(401, 'auth.unauthorized', 'Unauthorized');
const invalidPassword = (): ApiError => errutilError(401, 'password-auth.failed', 'Invalid username or password');
const invalidBasicHeader = (): ApiError => errutilError(400, 'basic-auth.invalid-header', 'Invalid Basic Auth Header');
const invalidApiKey = (): ApiError => errutilError(401, 'api-key.invalid', 'Invalid API key');
const apiKeyOrgMismatch = (): ApiError => errutilError(401, 'api-key.organization-mismatch', 'API key does not belong to the requested organization');

export interface OrgSelection {
  /** `X-Grafana-Org-Id` as sent. */
  header?: string;
  /** `?targetOrgId=` as sent. */
  targetOrgId?: string | null;
}

export function authenticate(state: GrafanaState, authorization: string | undefined, org: OrgSelection = {}): Identity {
  if (!authorization) throw unauthorized();
  const asked = requestedOrgId(org.targetOrgId, org.header);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer) {
    const token = state.tokens.get(bearer[1] as string);
    if (!token) throw invalidApiKey();
    // APIKey.Authenticate: a request for no org gets the key's org; any other org is refused.
    if (asked !== 0 && asked !== token.orgId) throw apiKeyOrgMismatch();
    return { kind: 'token', token, orgId: token.orgId, role: token.role };
  }
  const basic = /^Basic\s+(\S*)\s*$/i.exec(authorization);
  if (!basic) throw unauthorized();
  const [name, password] = decodeBasic(basic[1] as string);
  // Password.AuthenticatePassword: an empty password, an unknown user and a wrong password all
  // fail alike; a user without a password (SSO) cannot match.
  const user = [...state.users.values()].find((u) => sameText(u.login, name) || sameText(u.email, name));
  if (password === '' || !user || !user.password || !samePassword(user.password, password)) throw invalidPassword();
  // authn Service.authenticate: a disabled identity is errDisabledIdentity, errutil 401 `identity.disabled`.
  if (user.isDisabled === true) throw errutilError(401, 'identity.disabled', 'Unauthorized');
  const orgId = asked !== 0 ? asked : user.currentOrgId;
  return { kind: 'user', user, orgId, role: state.orgs.get(orgId)?.members.get(user.id) };
}

/** `util.DecodeBasicAuthHeader`: strict base64 (`StdEncoding`), then user and password split at the first colon. */
function decodeBasic(encoded: string): [string, string] {
  if (encoded.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) throw invalidBasicHeader();
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidBasicHeader();
  return [decoded.slice(0, colon), decoded.slice(colon + 1)];
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
