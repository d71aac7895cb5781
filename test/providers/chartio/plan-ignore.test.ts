import { describe, expect, it } from 'vitest';
import { planChartio } from '../../../src/providers/chartio/plan-chartio.js';
import { desired, liveOrg } from './live-fixture.js';

const owners = { Owners: ['owner@example.com'] };
const ownersSpec = { Owners: { members: ['owner@example.com'] } };
const HR = { address: 'team[Contractors].member[*]', reason: 'membership comes from the HR sync' };

/**
 * The planner reasons from what will run: a change `ignore:` leaves alone does not happen, so a
 * user stays on a team whose membership is ignored, a team whose deletion is ignored keeps its
 * members, and nothing is deleted to make up for a change that will not be made.
 */
describe('planChartio with ignore:', () => {
  it.each([
    {
      name: "the README's HR sync: a member added by hand on their only team is not deleted as teamless",
      manage: {},
      teams: { ...owners, Contractors: ['a@example.com', 'hr@example.com'] },
      file: { ...ownersSpec, Contractors: { members: ['a@example.com'] } },
      ignore: [HR],
      without: ['user[hr@example.com]:delete'],
      with: ['team[Contractors].member[hr@example.com]:delete'],
    },
    {
      name: 'under prune, a user named nowhere who holds an ignored membership is kept, and leaves the other teams',
      manage: { users: 'prune' as const },
      teams: { ...owners, Contractors: ['hr@example.com'], Sales: ['hr@example.com'] },
      file: { ...ownersSpec, Sales: { members: [] } },
      ignore: [HR],
      without: ['user[hr@example.com]:delete'],
      with: ['team[Sales].member[hr@example.com]:delete'],
    },
    {
      name: 'a team whose deletion is ignored keeps its members: none of them is left teamless (a blocked deletion)',
      manage: { teams: 'all' as const },
      teams: { ...owners, Old: ['u@example.com'] },
      file: ownersSpec,
      ignore: [{ address: 'team[Old]', reason: 'retired by hand' }],
      without: ['user[u@example.com]:delete', 'team[Old]:delete'],
      with: ['team[Old]:delete'],
    },
  ])('$name', ({ manage, teams, file, ignore, without, with: withIgnore }) => {
    const live = liveOrg({ teams });
    const ids = (rules: typeof ignore) => planChartio(desired({ manage, teams: file, ignore: rules }), live).changes.map((c) => c.id);
    expect(ids([])).toEqual(without);
    expect(ids(ignore)).toEqual(withIgnore);
  });

  it('a user whose deletion is ignored keeps their grants, so the revokes the file asks for are planned', () => {
    const live = liveOrg({ teams: { ...owners, Sales: ['u@example.com'] }, dashboards: { d: { 'user:u@example.com': 'viewer' } } });
    const file = { manage: { users: 'prune' as const }, teams: { ...ownersSpec, Sales: { members: [] } }, dashboards: { d: { permissions: {} } } };
    expect(planChartio(desired(file), live).changes.map((c) => c.id)).toEqual(['user[u@example.com]:delete']);
    expect(planChartio(desired({ ...file, ignore: [{ address: 'user[u@example.com]', reason: 'a service user' }] }), live).changes.map((c) => c.id)).toEqual([
      'dashboard[d].permission[user:u@example.com]:delete',
      'user[u@example.com]:delete',
    ]);
  });

  it('deletions and renames say what else they change, for ignore: rules to match', () => {
    const live = liveOrg({
      teams: { ...owners, Old: ['u@example.com'], Growth: ['a@example.com'] },
      dashboards: { d: { 'team:Old': 'viewer', 'user:u@example.com': 'editor' } },
    });
    const plan = planChartio(
      desired({ manage: { teams: 'all', users: 'prune' }, teams: { ...ownersSpec, Marketing: { previously: ['Growth'], members: ['a@example.com'] } } }),
      live,
    );
    const also = Object.fromEntries(plan.changes.map((c) => [c.id, c.alsoChanges]));
    expect(also).toEqual({
      'team[Marketing]:rename': ['team[Growth]'],
      'team[Old]:delete': ['dashboard[d].permission[team:Old]', 'team[Old].member[u@example.com]'],
      'user[u@example.com]:delete': ['dashboard[d].permission[user:u@example.com]', 'team[Old].member[u@example.com]'],
    });
  });
});
