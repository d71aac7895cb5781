import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/change.js';
import { checkSafety } from '../../src/core/safety-guards.js';

const change = (id: string, over: Partial<Change> = {}): Change => ({
  id,
  address: id,
  action: 'delete',
  kind: 'team',
  phase: 'delete-containers',
  summary: `delete ${id}`,
  dependsOn: [],
  reducesAccess: true,
  touches: [],
  operation: null,
  ...over,
});
const deletes = (n: number, kind = 'team') => Array.from({ length: n }, (_, i) => change(`${kind}${i}`, { kind }));

describe('checkSafety: max_deletions', () => {
  it.each([
    { name: '25% of 8 allows 2', limit: '25%', existing: 8, deleting: 2, violates: false },
    { name: '25% of 8 refuses 3', limit: '25%', existing: 8, deleting: 3, violates: true },
    { name: 'a share always allows one', limit: '10%', existing: 2, deleting: 1, violates: false },
    { name: 'a share refuses two of two', limit: '10%', existing: 2, deleting: 2, violates: true },
    { name: '0% refuses any', limit: '0%', existing: 100, deleting: 1, violates: true },
    { name: 'a count of 3 allows 3', limit: 3, existing: 1000, deleting: 3, violates: false },
    { name: 'a count of 3 refuses 4', limit: 3, existing: 1000, deleting: 4, violates: true },
    { name: 'a count of 0 refuses 1', limit: 0, existing: 10, deleting: 1, violates: true },
    { name: 'the default is 25%', limit: undefined, existing: 8, deleting: 3, violates: true },
  ])('$name', ({ limit, existing, deleting, violates }) => {
    const violations = checkSafety(deletes(deleting), limit === undefined ? undefined : { max_deletions: limit }, {
      team: existing,
    });
    expect(violations.length > 0).toBe(violates);
    if (violates) expect(violations[0]!.changeIds).toHaveLength(deleting);
  });

  it('counts each kind against its own live count', () => {
    const violations = checkSafety([...deletes(2, 'team'), ...deletes(5, 'member')], { max_deletions: '50%' }, {
      team: 4,
      member: 100,
    });
    expect(violations).toEqual([]);
    const tight = checkSafety([...deletes(3, 'team'), ...deletes(5, 'member')], { max_deletions: '50%' }, { team: 4, member: 8 });
    expect(tight.map((v) => v.message)).toEqual([
      '5 member deletions exceed safety.max_deletions (50% of 8 = 4 allowed)',
      '3 team deletions exceed safety.max_deletions (50% of 4 = 2 allowed)',
    ]);
  });

  it('does not count creates and updates', () => {
    const changes = [change('a', { action: 'create', reducesAccess: false }), change('b', { action: 'update' })];
    expect(checkSafety(changes, { max_deletions: 0 }, { team: 1 })).toEqual([]);
  });
});

describe('checkSafety: protected principals', () => {
  it('refuses lowering or removing a protected principal, matching emails case-insensitively', () => {
    const violations = checkSafety(
      [
        change('remove-owner', { kind: 'member', principal: 'Owner@Example.com', summary: 'remove owner@example.com from team "Owners"' }),
        change('grant-owner', { action: 'create', reducesAccess: false, principal: 'owner@example.com' }),
        change('remove-bob', { kind: 'member', principal: 'bob@example.com' }),
      ],
      { max_deletions: 100, protected: ['owner@example.com'] },
      { member: 10 },
    );
    expect(violations).toEqual([
      {
        rule: 'protected',
        message: 'remove owner@example.com from team "Owners": "Owner@Example.com" is protected (safety.protected)',
        changeIds: ['remove-owner'],
      },
    ]);
  });
});
