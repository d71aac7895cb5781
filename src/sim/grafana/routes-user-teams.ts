import type { Router } from '../shared/router.js';
import { requireServerAdmin } from './auth.js';
import { parseId } from './body.js';
import { ok, param, type GrafanaContext } from './request-context.js';
import { teamDto } from './representations.js';

/**
 * `GET /api/users/:id/teams` (pkg/api/user.go `GetUserTeams` → `getUserTeamList`), a
 * server-admin route (`users:read`). Grafana asks the team store `GetByUser` for the
 * *caller's* org (`c.SignedInUser.GetOrgID()`), not the user's, joined on team membership and
 * filtered by the caller's `teams:read` - an org Admin reads every team, anyone else only the
 * teams they are in. No user lookup: an unknown user has no teams, `200 []`. No ORDER BY: id
 * order. `permission` is 0 (`getTeamSelectSQLBase` selects none).
 */
export function addUserTeamsRoute(router: Router<GrafanaContext>): void {
  router.add('GET', '/api/users/:userId/teams', (ctx) => {
    const caller = requireServerAdmin(ctx.identity);
    const userId = parseId(param(ctx, 'userId'), 'id');
    const orgAdmin = ctx.identity.role === 'Admin';
    const teams = [...ctx.store.state.teams.values()].filter(
      (team) => team.orgId === ctx.identity.orgId && team.members.has(userId) && (orgAdmin || team.members.has(caller.id)),
    );
    return ok(teams.map((team) => teamDto(team)));
  });
}
