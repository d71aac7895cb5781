import { describe, expect, it } from 'vitest';
import { effectiveAccess, levelRank } from '../../src/core/access-grant.js';
import { reviewPeople, type AuditPerson } from '../../src/core/person-review.js';

const NOW = Date.UTC(2026, 11, 4);
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

describe('reviewPeople', () => {
  it.each<[string, string, AuditPerson, string[]]>([
    ['an admin seen yesterday', 'Admin', { name: 'p', lastSeenAt: daysAgo(1) }, []],
    ['an admin not seen for 91 days', 'Admin', { name: 'p', lastSeenAt: daysAgo(91) }, ['stale']],
    ['an editor not seen for 91 days', 'editor', { name: 'p', lastSeenAt: daysAgo(91) }, ['stale']],
    ['a viewer not seen for a year: reading is not the risk', 'View', { name: 'p', lastSeenAt: daysAgo(365) }, []],
    ['an admin exactly 90 days ago: not yet', 'Admin', { name: 'p', lastSeenAt: daysAgo(90) }, []],
    ['an admin the target does not report on', 'Admin', { name: 'p' }, []],
    ['a disabled viewer who still has grants', 'View', { name: 'p', disabled: true }, ['disabled-with-access']],
    ['a person from outside', 'viewer', { name: 'p', external: 'joined through dashboard sharing' }, ['external']],
    ['all at once', 'admin', { name: 'p', lastSeenAt: daysAgo(400), disabled: true, external: 'x' }, ['stale', 'disabled-with-access', 'external']],
  ])('%s', (_name, level, person, flags) => {
    const access = effectiveAccess([{ user: 'p', resource: 'r', level, via: 'direct' }], levelRank);
    expect(reviewPeople(access, [person], { now: NOW, staleDays: 90 }).map((r) => r.flags)).toEqual([flags]);
  });

  it('reviews each person who reaches anything once, at their highest level, in name order', () => {
    const access = effectiveAccess(
      [
        { user: 'b', resource: 'r1', level: 'View', via: 'direct' },
        { user: 'b', resource: 'r2', level: 'Admin', via: 'team:T' },
        { user: 'a', resource: 'r1', level: 'Edit', via: 'direct' },
      ],
      levelRank,
    );
    const reviews = reviewPeople(access, [{ name: 'unused', disabled: true }], { now: NOW, staleDays: 30 });
    expect(reviews.map((r) => [r.name, r.highest])).toEqual([['a', 'Edit'], ['b', 'Admin']]);
  });
});
