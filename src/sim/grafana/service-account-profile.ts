import type { GrafanaState, Token } from './state.js';

/** Go's zero time.Time, as encoding/json writes it. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * What Grafana 11+ answers `GET /api/user` for a service-account token (pkg/api/user.go
 * GetSignedInUser: a UserProfileDTO with only isGrafanaAdmin, orgId, uid, name, email and login
 * set from the identity; every other field keeps Go's zero value, so `id` is 0). The uid is
 * `service-account:N` (identity type and the service account's id); the simulator numbers its
 * service accounts in the order the data file lists tokens. The login follows Grafana's
 * `sa-<orgId>-<name>` service-account logins.
 */
export function serviceAccountProfile(state: GrafanaState, token: Token) {
  const serviceAccountId = [...state.tokens.values()].indexOf(token) + 1;
  return {
    id: 0,
    uid: `service-account:${serviceAccountId}`,
    email: '',
    name: token.name,
    login: `sa-${token.orgId}-${token.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    theme: '',
    orgId: token.orgId,
    isGrafanaAdmin: false,
    isDisabled: false,
    isExternal: false,
    isExternallySynced: false,
    isGrafanaAdminExternallySynced: false,
    authLabels: null,
    updatedAt: ZERO_TIME,
    createdAt: ZERO_TIME,
    avatarUrl: '',
  };
}
