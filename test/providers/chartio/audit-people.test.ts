import { describe, expect, it } from 'vitest';
import { chartioAuditPeople } from '../../../src/providers/chartio/audit-people.js';
import { ANYONE_WITH_THE_LINK } from '../../../src/providers/chartio/effective-access.js';
import type { ChartioLive } from '../../../src/providers/chartio/live-state.js';

describe('chartioAuditPeople', () => {
  it('marks the members of "Added from Dashboard" and the link principal as external, nobody else', () => {
    const live = {
      users: [],
      teams: [
        { id: 1, name: 'Owners', isOwner: true, members: [{ id: 1, email: 'owner@example.com' }] },
        { id: 2, name: 'Added from Dashboard', isOwner: false, members: [{ id: 2, email: 'guest@partner.example' }] },
        { id: 3, name: 'Sales', isOwner: false, members: [{ id: 3, email: 'sam@example.com' }] },
      ],
      dashboards: [],
      datasources: [],
    } as unknown as ChartioLive;
    expect(chartioAuditPeople(live)).toEqual([
      { name: 'guest@partner.example', external: 'joined through dashboard sharing' },
      { name: ANYONE_WITH_THE_LINK, external: 'anyone who has the link', anyone: true },
    ]);
  });
});
