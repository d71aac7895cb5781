import type { AuditPerson } from '../../core/person-review.js';
import { ANYONE_WITH_THE_LINK } from './effective-access.js';
import { ADDED_FROM_DASHBOARD, type ChartioLive } from './live-state.js';

/**
 * Who is outside the organisation, named as the audit names them (by email): members of the
 * "Added from Dashboard" team, whom Chartio adds when a dashboard is shared with them (seed:
 * only dashboard sharing fills it), and the link-sharing principal. Chartio reports no last
 * activity and no disabled state.
 */
export function chartioAuditPeople(live: ChartioLive): AuditPerson[] {
  const shared = live.teams.filter((team) => team.name === ADDED_FROM_DASHBOARD).flatMap((team) => team.members);
  return [
    ...shared.map((member) => ({ name: member.email, external: 'joined through dashboard sharing' })),
    { name: ANYONE_WITH_THE_LINK, external: 'anyone who has the link', anyone: true },
  ];
}
