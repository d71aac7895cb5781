import { describe, expect, it } from 'vitest';
import { levelRank } from '../../src/core/access-grant.js';
import { changeDirections, type AccessModel, type AccessReach } from '../../src/core/change-directions.js';
import { makeChange } from '../../src/core/make-change.js';

/**
 * A toy provider, small enough to read each case at a glance: teams with members, and grants
 * of a level on a resource to a team or (as `user:<name>`) to one person.
 */
interface Toy {
  members: Record<string, string[]>;
  grants: Record<string, Record<string, string>>;
}
type ToyOp = { member: [team: string, user: string, present: boolean] } | { grant: [resource: string, to: string, level: string | null] } | { rename: string };

const toyModel = (reachOf: (op: ToyOp) => AccessReach = () => ({})): AccessModel<Toy, ToyOp> => ({
  apply(live, { operation: op }) {
    if ('rename' in op) return live;
    if ('member' in op) {
      const [team, user, present] = op.member;
      const now = (live.members[team] ?? []).filter((u) => u !== user);
      return { ...live, members: { ...live.members, [team]: present ? [...now, user] : now } };
    }
    const [resource, to, level] = op.grant;
    const { [to]: _dropped, ...rest } = live.grants[resource] ?? {};
    return { ...live, grants: { ...live.grants, [resource]: level === null ? rest : { ...rest, [to]: level } } };
  },
  grants: (live) =>
    Object.entries(live.grants).flatMap(([resource, list]) =>
      Object.entries(list).flatMap(([to, level]) =>
        (to.startsWith('user:') ? [to.slice(5)] : (live.members[to] ?? [])).map((user) => ({ user, resource, level, via: to })),
      ),
    ),
  reaches: (changes) => changes.map((change) => reachOf(change.operation)),
  restrict: (live, reaches) => reaches.map(() => live),
  rank: levelRank,
});

const change = (id: string, operation: ToyOp) => ({ ...makeChange<ToyOp>({ address: id, action: 'update', kind: 'x', phase: 'grant', summary: id, operation }), id });
const NONE: Toy = { members: {}, grants: {} };

describe('changeDirections: which way each change moves access, in live and in the state Git describes', () => {
  it.each<[string, Toy, ReturnType<typeof change>[], Record<string, string>]>([
    ['a grant by hand (the change revokes it): widened', { members: {}, grants: { d: { 'user:u': 'admin' } } }, [change('revoke', { grant: ['d', 'user:u', null] })], { revoke: 'widened' }],
    ['a grant taken away by hand: narrowed', NONE, [change('grant', { grant: ['d', 'user:u', 'viewer'] })], { grant: 'narrowed' }],
    ['a rename moves no access: changed', NONE, [change('rename', { rename: 'x' })], { rename: 'changed' }],
    [
      'two changes, one each way, each read on its own',
      { members: { T: ['a'], S: ['b'] }, grants: { d: { T: 'viewer' } } },
      [change('swap', { grant: ['d', 'T', null] }), change('give', { grant: ['d', 'S', 'viewer'] })],
      { swap: 'widened', give: 'narrowed' },
    ],
    [
      'two grants by hand to one person: each is widened, though revoking either alone in live leaves the other',
      { members: { T: ['u'] }, grants: { d: { 'user:u': 'viewer', T: 'viewer' } } },
      [change('direct', { grant: ['d', 'user:u', null] }), change('team', { grant: ['d', 'T', null] })],
      { direct: 'widened', team: 'widened' },
    ],
    [
      'a team emptied and its grant revoked by hand: each is narrowed, though in live either alone gives nothing',
      { members: {}, grants: {} },
      [change('member', { member: ['T', 'u', true] }), change('grant', { grant: ['d', 'T', 'editor'] })],
      { member: 'narrowed', grant: 'narrowed' },
    ],
    [
      'someone put on a team and the team granted by hand: each is widened',
      { members: { T: ['u'] }, grants: { d: { T: 'editor' } } },
      [change('member', { member: ['T', 'u', false] }), change('grant', { grant: ['d', 'T', null] })],
      { member: 'widened', grant: 'widened' },
    ],
    [
      'a member taken off a team while another path gives more anyway: changed',
      { members: { T: [] }, grants: { d: { T: 'viewer', 'user:u': 'admin' } } },
      [change('member', { member: ['T', 'u', true] })],
      { member: 'changed' },
    ],
  ])('%s', (_name, live, changes, expected) => {
    expect(changeDirections(live, changes, toyModel())).toEqual(expected);
  });

  it('applies, in the state Git describes, only the other changes whose reach meets this one\'s', () => {
    // Without the reach, the member's team grant would be applied and the add would be narrowed.
    const live: Toy = { members: {}, grants: {} };
    const changes = [change('member', { member: ['T', 'u', true] }), change('grant', { grant: ['d', 'T', 'editor'] })];
    const disjoint = toyModel((op) => ('member' in op ? { users: new Set(['u']), resources: new Set(['e']) } : { resources: new Set(['d']) }));
    expect(changeDirections(live, changes, disjoint)).toEqual({ member: 'changed', grant: 'changed' });
  });

  it('leaves the input state as it was', () => {
    const live: Toy = { members: { T: ['u'] }, grants: { d: { T: 'editor' } } };
    const before = structuredClone(live);
    changeDirections(live, [change('member', { member: ['T', 'u', false] })], toyModel());
    expect(live).toEqual(before);
  });
});
