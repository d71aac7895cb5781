import type { User } from './state.js';
import { iso } from './time.js';

/**
 * `GET /api/users/lookup?loginOrEmail=` (pkg/api/user.go GetUserByLoginOrEmail): a
 * UserProfileDTO built by hand from the user row with only id, name, email, login, theme,
 * isGrafanaAdmin, orgId, updatedAt and createdAt. Everything else keeps Go's zero value - uid
 * and avatarUrl empty, the flags false, authLabels a nil slice (JSON null) - unlike
 * `GET /api/users/:id`, which fills them in. `orgId` has `omitempty`: a user in no org has none.
 */
export function userLookupProfile(user: User) {
  return {
    id: user.id,
    uid: '',
    email: user.email,
    name: user.name,
    login: user.login,
    theme: user.theme,
    ...(user.currentOrgId !== 0 ? { orgId: user.currentOrgId } : {}),
    isGrafanaAdmin: user.isGrafanaAdmin,
    isDisabled: false,
    isExternal: false,
    isExternallySynced: false,
    isGrafanaAdminExternallySynced: false,
    authLabels: null,
    updatedAt: iso(user.updated),
    createdAt: iso(user.created),
    avatarUrl: '',
  };
}
