import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { ApiError } from '../shared/api-error.js';
import { objectBody, optionalBoolean, optionalString } from './body.js';
import { notFound } from './errors.js';
import { nextId, parseRole, sameText, shortUid, type GrafanaState, type Role, type ServiceAccount, type Token } from './state.js';

/**
 * Service accounts and their tokens (pkg/services/serviceaccounts). A service account belongs
 * to one org and has one basic role there; each of its tokens acts as it: in its org, with its
 * role (Grafana's api-key authn client signs the request in as the service account).
 */

/** Grafana's web.Bind answer in the service-account handlers (capitalised there, unlike most of pkg/api). */
const BAD_REQUEST_DATA = 'Bad request data';
/** Grafana: serviceaccounts.ErrServiceAccountNotFound's public message (models.go). */
export const SERVICE_ACCOUNT_NOT_FOUND = 'service account not found';

/**
 * Grafana: serviceaccounts/database/store.go generateLogin: `sa-<orgId>-<name in lower case>`,
 * spaces become dashes. Because the org id is part of the login, a name is unique per org.
 */
export function serviceAccountLogin(orgId: number, name: string): string {
  return `sa-${orgId}-${name.toLowerCase()}`.replace('--', '-').replaceAll(' ', '-');
}

/**
 * `POST /api/serviceaccounts` (Grafana: serviceaccounts/api/api.go CreateServiceAccount, then
 * database/store.go CreateServiceAccount and user service CreateServiceAccount):
 * `name` is required (`binding:"Required"`), `role` defaults to Viewer, `isDisabled` to false.
 * The login must not clash with any user's login or email (`LoginConflict`, case-insensitive):
 * 400 "service account already exists". The id comes from the user table's sequence.
 */
export function createServiceAccount(state: GrafanaState, orgId: number, rawBody: unknown, now: number): ServiceAccount {
  const body = objectBody(rawBody);
  const name = bodyString(body, 'name');
  if (name === undefined || name === '') throw new ApiError(400, BAD_REQUEST_DATA);
  let role: Role = 'Viewer';
  if (body['role'] !== undefined && body['role'] !== null) {
    // Grafana: org.RoleType's JSON decoding refuses anything but the four roles, so Bind fails.
    const parsed = parseRole(body['role']);
    if (!parsed) throw new ApiError(400, BAD_REQUEST_DATA);
    role = parsed;
  }
  const isDisabled = bindOrBadRequest(() => optionalBoolean(body, 'isDisabled')) ?? false;
  const login = serviceAccountLogin(orgId, name);
  if (loginTaken(state, login)) {
    throw new ApiError(400, 'service account already exists', {}, { messageId: 'serviceaccounts.ErrAlreadyExists', statusCode: 400, traceID: '' });
  }
  const id = nextId(state, 'user');
  const account: ServiceAccount = { id, uid: shortUid('s', id), orgId, name, login, role, isDisabled, created: now, updated: now };
  state.serviceAccounts.set(id, account);
  return account;
}

/** Grafana: RetrieveServiceAccount looks the id up inside the caller's org only; elsewhere it does not exist. */
export function getServiceAccount(state: GrafanaState, orgId: number, id: number): ServiceAccount {
  const account = state.serviceAccounts.get(id);
  if (!account || account.orgId !== orgId) throw notFound(SERVICE_ACCOUNT_NOT_FOUND);
  return account;
}

export function serviceAccountsOfOrg(state: GrafanaState, orgId: number): ServiceAccount[] {
  return [...state.serviceAccounts.values()].filter((a) => a.orgId === orgId);
}

export function tokensOf(state: GrafanaState, account: ServiceAccount): Token[] {
  return [...state.tokens.values()].filter((t) => t.serviceAccountId === account.id);
}

/**
 * `POST /api/serviceaccounts/:id/tokens` (Grafana: serviceaccounts/api/token.go CreateToken,
 * database/token_store.go AddServiceAccountToken): the service account must exist in the
 * caller's org (404), `name` is required, and token names are unique per org (the api_key
 * table's `org_id, name` index): 400 ErrDuplicateToken. `secondsToLive` is accepted and not
 * enforced (Grafana's default `api_key_max_seconds_to_live = -1`). The secret is shown once.
 */
export function createToken(state: GrafanaState, account: ServiceAccount, rawBody: unknown): Token {
  const body = objectBody(rawBody);
  const name = bodyString(body, 'name');
  if (name === undefined || name === '') throw new ApiError(400, BAD_REQUEST_DATA);
  if (body['secondsToLive'] !== undefined && typeof body['secondsToLive'] !== 'number') throw new ApiError(400, BAD_REQUEST_DATA);
  if ([...state.tokens.values()].some((t) => t.orgId === account.orgId && t.name === name)) {
    throw new ApiError(400, 'service account token with given name already exists in the organization', {}, {
      messageId: 'serviceaccounts.ErrTokenAlreadyExists',
      statusCode: 400,
      traceID: '',
    });
  }
  const token: Token = { token: newTokenSecret(), name, orgId: account.orgId, role: account.role, serviceAccountId: account.id, id: nextId(state, 'token') };
  state.tokens.set(token.token, token);
  return token;
}

/**
 * Grafana: components/satokengen New("sa"): `glsa_` + 32 random letters and digits + `_` +
 * the CRC32 (hex) of the part before it, so a secret scanner can recognise the token.
 */
function newTokenSecret(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const secret = [...randomBytes(32)].map((b) => alphabet[b % alphabet.length]).join('');
  const prefixed = `glsa_${secret}`;
  return `${prefixed}_${crc32(prefixed).toString(16).padStart(8, '0')}`;
}

function loginTaken(state: GrafanaState, login: string): boolean {
  for (const user of state.users.values()) if (sameText(user.login, login) || sameText(user.email, login)) return true;
  for (const account of state.serviceAccounts.values()) if (sameText(account.login, login)) return true;
  return false;
}

function bodyString(body: Record<string, unknown>, key: string): string | undefined {
  return bindOrBadRequest(() => optionalString(body, key));
}

/** The shared body readers answer Grafana's usual lower-case text; these handlers say "Bad request data". */
function bindOrBadRequest<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) throw new ApiError(400, BAD_REQUEST_DATA);
    throw error;
  }
}
