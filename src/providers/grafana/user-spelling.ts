import { userKey } from '../../core/principal-name.js';
import type { GrafanaDocument } from './desired-state.js';
import type { GrafanaUser } from './live-state.js';

/**
 * How to write a user (known by login) so that it reads like `document`: a file may name a
 * Grafana user by login or by email, and a diff against the export should not show
 * `alice@example.com` against `alice` for the same person. Without a document, or for a user
 * the file does not name by email, the login.
 */
export function userSpelling(users: readonly GrafanaUser[], document?: GrafanaDocument): (login: string) => string {
  const named = new Set([...namesIn(document)].map(userKey));
  const emailOf = new Map(users.map((u) => [userKey(u.login), u.email]));
  return (login) => {
    const email = emailOf.get(userKey(login));
    return !named.has(userKey(login)) && email && named.has(userKey(email)) ? email : login;
  };
}

function* namesIn(document: GrafanaDocument | undefined): Iterable<string> {
  for (const org of Object.values(document?.orgs ?? {})) {
    yield* Object.keys(org.users ?? {});
    for (const team of Object.values(org.teams ?? {})) yield* team.members ?? [];
    for (const target of [...Object.values(org.folders ?? {}), ...Object.values(org.dashboards ?? {})]) {
      yield* Object.keys(target.permissions?.users ?? {});
    }
  }
}
