import { describe, expect, it } from 'vitest';
import type { GrafanaLive } from '../../../src/providers/grafana/live-state.js';
import { planGrafana } from '../../../src/providers/grafana/plan-grafana.js';
import { limitToTokenOrg } from '../../../src/providers/grafana/token-org.js';
import { desired, liveInstance } from './live-fixture.js';

/** What a service-account token of org "Main" reads: that org only, its members as the users. */
function tokenLive(spec: Parameters<typeof liveInstance>[0]): GrafanaLive {
  const live = liveInstance(spec);
  const main = live.orgs.find((org) => org.name === 'Main')!;
  const users = (main.users ?? []).map(({ id, login, email }) => ({ id, login, email }));
  return { access: 'org-token', users, orgs: [main] };
}

describe('limitToTokenOrg', () => {
  const live = tokenLive({ users: ['alice'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' } } } });

  it.each([
    ['keeps the token org', { Main: { users: {} } }, ['Main'], []],
    ['keeps the token org under a new name (previously:)', { Renamed: { previously: ['Main'] } }, ['Renamed'], []],
    [
      'reports every other org at its key',
      { Main: {}, Partners: {} },
      ['Main'],
      [{ message: 'org "Partners": GRAFANA_TOKEN acts only in its own org "Main"; other orgs need GRAFANA_USER and GRAFANA_PASSWORD of a Grafana server admin', path: ['orgs', 'Partners'], at: 'key' }],
    ],
    ['reports a file that names no org', {}, [], [{ message: 'the file names no org, and GRAFANA_TOKEN acts only in org "Main"', path: ['orgs'], at: 'key' }]],
  ])('%s', (_name, orgs, kept, problems) => {
    const result = limitToTokenOrg(desired({ orgs }), live);
    expect(Object.keys(result.desired.orgs ?? {})).toEqual(kept);
    expect(result.problems).toEqual(problems);
  });

  it('turns manage.orgs: all into listed: a token deletes no org', () => {
    expect(limitToTokenOrg(desired({ manage: { orgs: 'all' }, orgs: { Main: {} } }), live).desired.manage?.orgs).toBe('listed');
  });

  it('leaves a server admin read alone', () => {
    const admin = liveInstance({ users: [], orgs: { Main: {} } });
    const file = desired({ manage: { orgs: 'all' }, orgs: { Partners: {} } });
    expect(limitToTokenOrg(file, admin)).toEqual({ desired: file, problems: [] });
  });
});

describe('planGrafana with a service-account token', () => {
  it('plans role changes and removals inside the token org, saying that a removal may delete the user', () => {
    const live = tokenLive({ users: ['alice', 'bob'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer', bob: 'Editor' } }, Other: {} } });
    const plan = planGrafana(desired({ manage: { orgs: 'all' }, orgs: { Main: { users: { admin: 'Admin', alice: 'Editor' } } } }), live);
    expect(plan.problems).toEqual([]);
    expect(plan.changes.map((c) => c.summary)).toEqual([
      'promote alice in org "Main" from Viewer to Editor',
      'remove bob (Editor) from org "Main" (Grafana deletes the user if they are in no other org)',
    ]);
  });

  it('names users outside the org as a token sees them: not members, not missing from Grafana', () => {
    const live = tokenLive({ users: ['alice'], orgs: { Main: { users: { admin: 'Admin' } } } });
    const plan = planGrafana(desired({ orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' } } } }), live);
    expect(plan.changes).toEqual([]);
    expect(plan.problems.map((p) => p.message)).toEqual([
      'user "alice" (org "Main") is not a member of the org: a service-account token sees only its org\'s members; add them in Grafana first, or run with GRAFANA_USER and GRAFANA_PASSWORD of a server admin',
    ]);
  });
});
