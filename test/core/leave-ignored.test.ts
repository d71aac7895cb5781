import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/change.js';
import { ignoredBy, leaveIgnoredAlone } from '../../src/core/leave-ignored.js';

type Plannable = Pick<Change, 'id' | 'address' | 'action' | 'kind' | 'summary' | 'dependsOn' | 'alsoChanges'>;
const change = (address: string, action: Change['action'], dependsOn: string[] = [], alsoChanges?: string[]): Plannable => ({
  id: `${address}:${action}`,
  address,
  action,
  kind: 'x',
  summary: `${action} ${address}`,
  dependsOn,
  ...(alsoChanges ? { alsoChanges } : {}),
});

// A new team with a member who is created into it and one added to it; a user deleted with their memberships.
const plan = [
  change('team[Contractors]', 'create'),
  change('user[new@example.com]', 'create', ['team[Contractors]:create']),
  change('team[Contractors].member[old@example.com]', 'create', ['team[Contractors]:create']),
  change('team[Sales].member[new@example.com]', 'create', ['user[new@example.com]:create']),
  change('user[gone@example.com]', 'delete', [], ['team[Contractors].member[gone@example.com]', 'team[Sales].member[gone@example.com]']),
  change('team[Sales].member[x@example.com]', 'delete'),
];
const HR = 'membership comes from the HR sync';

describe('leaveIgnoredAlone', () => {
  it.each([
    {
      name: 'no rules: everything is kept',
      rules: [],
      ignored: [],
    },
    {
      name: 'members ignored: the team is still created; a deletion that would remove an ignored membership is left alone',
      rules: [{ address: 'team[Contractors].member[*]', reason: HR }],
      ignored: [
        ['team[Contractors].member[old@example.com]', undefined],
        ['user[gone@example.com]', 'also changes team[Contractors].member[gone@example.com]'],
      ],
    },
    {
      name: 'the team ignored: what needs it is left alone too, transitively; the glob does not reach its members by itself',
      rules: [{ address: 'team[Contractors]', reason: 'made by hand' }],
      ignored: [
        ['team[Contractors]', undefined],
        ['user[new@example.com]', 'needs team[Contractors]'],
        ['team[Contractors].member[old@example.com]', 'needs team[Contractors]'],
        ['team[Sales].member[new@example.com]', 'needs user[new@example.com]'],
      ],
    },
    {
      name: 'the first matching rule gives the reason',
      rules: [{ address: 'team[Sales].*', reason: 'first' }, { address: '*', reason: 'second' }],
      ignored: [
        ['team[Contractors]', undefined],
        ['user[new@example.com]', undefined],
        ['team[Contractors].member[old@example.com]', undefined],
        ['team[Sales].member[new@example.com]', undefined],
        ['user[gone@example.com]', undefined],
        ['team[Sales].member[x@example.com]', undefined],
      ],
    },
  ])('$name', ({ rules, ignored }) => {
    const result = leaveIgnoredAlone(plan, rules);
    expect(result.ignored.map((entry) => [entry.address, entry.because])).toEqual(ignored);
    expect(result.kept.map((c) => c.address)).toEqual(plan.map((c) => c.address).filter((a) => !ignored.some(([i]) => i === a)));
    for (const entry of result.ignored) expect(entry.reason).toBe(rules[entry.rule]!.reason);
  });

  it('without cascade (drift), what depends on an ignored change is kept', () => {
    const { ignored } = leaveIgnoredAlone(plan, [{ address: 'team[Contractors]', reason: 'made by hand' }], { cascade: false });
    expect(ignored.map((entry) => entry.address)).toEqual(['team[Contractors]']);
  });

  it('survives a dependency cycle in a hand-made list', () => {
    const cycle = [change('a', 'create', ['b:create']), change('b', 'create', ['a:create']), change('c', 'create', ['b:create'])];
    const { ignored } = leaveIgnoredAlone(cycle, [{ address: 'a', reason: 'r' }]);
    expect(ignored.map((entry) => entry.address).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('ignoredBy', () => {
  it('matches the address or any address the change also alters, never by dependency', () => {
    const ignored = ignoredBy([{ address: 'team[C].member[*]', reason: HR }]);
    expect(ignored('team[C].member[a@example.com]')).toBe(true);
    expect(ignored('user[a@example.com]', ['team[C].member[a@example.com]'])).toBe(true);
    expect(ignored('user[a@example.com]', ['team[D].member[a@example.com]'])).toBe(false);
    expect(ignored('team[C]')).toBe(false);
  });
});
