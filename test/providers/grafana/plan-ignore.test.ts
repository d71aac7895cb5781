import { describe, expect, it } from 'vitest';
import { planGrafana } from '../../../src/providers/grafana/plan-grafana.js';
import { desired, liveInstance } from './live-fixture.js';

describe('planGrafana with ignore:', () => {
  const live = liveInstance({
    users: ['bob'],
    orgs: { Main: { users: { admin: 'Admin', bob: 'Viewer' }, teams: { SRE: ['bob'] }, folders: { ops: [{ principal: { user: 'bob' }, permission: 'View' }] } } },
  });
  const file = { orgs: { Main: { users: { admin: 'Admin' as const }, teams: { SRE: { members: [] } } } } };

  it('removing a user from an org says it also takes their memberships and grants there', () => {
    const plan = planGrafana(desired(file), live);
    expect(plan.changes.map((c) => [c.id, c.alsoChanges])).toEqual([
      ['org[Main].user[bob]:delete', ['org[Main].folder[ops].permissions', 'org[Main].team[SRE].member[bob@example.com]', 'org[Main].team[SRE].member[bob]']],
    ]);
  });

  it('a removal from the org that ignore: leaves alone does not happen: the team removal the file asks for is planned', () => {
    const plan = planGrafana(desired({ ...file, ignore: [{ address: 'org[Main].user[bob]', reason: 'a guest' }] }), live);
    expect(plan.changes.map((c) => c.id)).toEqual(['org[Main].team[SRE].member[bob]:delete', 'org[Main].user[bob]:delete']);
  });

  it('team deletions and renames say what else they change', () => {
    const plan = planGrafana(
      desired({ manage: { teams: 'all' }, orgs: { Main: { teams: { Ops: { previously: ['SRE'] } } } } }),
      liveInstance({ users: ['bob'], orgs: { Main: { teams: { SRE: ['bob'], Old: ['bob'] }, folders: { ops: [{ principal: { team: 'Old' }, permission: 'View' }] } } } }),
    );
    expect(Object.fromEntries(plan.changes.map((c) => [c.id, c.alsoChanges]))).toEqual({
      'org[Main].team[Ops]:rename': ['org[Main].team[SRE]'],
      'org[Main].team[Old]:delete': ['org[Main].folder[ops].permissions', 'org[Main].team[Old].member[bob@example.com]', 'org[Main].team[Old].member[bob]'],
    });
  });
});
