/**
 * Reads the live state with a service-account token, which acts only inside its own org and
 * may not call the admin APIs (`/api/orgs`, `/api/users`: 403):
 *
 *   GET /api/org                  the token's org (id and name)
 * then, as `read-live.ts` does for one org:
 *   GET /api/org/users/search     its members and roles (paged)
 *   GET /api/teams/search, /api/teams/:id/members, folder and dashboard permission lists
 *
 * The org's members are the only users the token can see, so they are `users` too.
 */
import { checkedId } from '../checked-ids.js';
import type { ReadProgress } from '../types.js';
import type { GrafanaClient } from './grafana-client.js';
import type { GrafanaScope } from './live-scope.js';
import type { GrafanaLive, GrafanaUser } from './live-state.js';
import { readInstanceSettings } from './read-instance-settings.js';
import { badShape, readerSetup, readOrg, type OrgDto, type ReadOptions } from './read-live.js';

export async function readGrafanaOrgTokenLive(
  client: GrafanaClient,
  scope: GrafanaScope,
  progress?: ReadProgress,
  options: ReadOptions = {},
): Promise<GrafanaLive> {
  const { api, pages } = readerSetup(client, progress, options);
  const { body } = await api.request<Partial<OrgDto>>({ method: 'GET', path: '/api/org' });
  const id = checkedId(body?.id, { method: 'GET', path: '/api/org' }, 'id');
  if (typeof body.name !== 'string') throw badShape('/api/org', 'an org without a name');
  const org = { id, name: body.name };
  // Its members are read even when the file names another org: the plan then says which org the token is for.
  const orgScope = (Object.hasOwn(scope.orgs, org.name) ? scope.orgs[org.name] : scope.otherOrgs) ?? { teams: [], folders: [], dashboards: [] };
  const aclUsers = new Map<number, GrafanaUser>();
  const live = await readOrg(api, org, orgScope, pages, '/api/org/users/search', aclUsers);
  // Team members and grants need not be org members (Grafana's validateUser accepts any user),
  // and the token sees such users only there: they are users the file may name too.
  const users = new Map((live.users ?? []).map(({ role: _role, ...user }) => [user.id, user]));
  for (const team of live.teams ?? []) for (const member of team.members) if (!users.has(member.id)) users.set(member.id, member);
  for (const [id, user] of aclUsers) if (!users.has(id)) users.set(id, user);
  // By id, so the plan does not depend on which read finished first.
  const instance = scope.instanceSettings ? { instance: await readInstanceSettings(api) } : {};
  return { access: 'org-token', users: [...users.values()].sort((a, b) => a.id - b.id), orgs: [live], ...instance };
}
