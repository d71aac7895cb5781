import { describe, expect, it } from 'vitest';
import { accessDelta, directionFromDelta, type AccessDelta } from '../../src/core/access-delta.js';
import { effectiveAccess, levelRank, type AccessGrant } from '../../src/core/access-grant.js';

const rows = (...specs: string[]): AccessGrant[] =>
  specs.map((spec) => {
    const [user, resource, level, via = 'direct'] = spec.split(' ') as [string, string, string, string?];
    return { user, resource, level, via };
  });
const delta = (before: AccessGrant[], after: AccessGrant[]) => accessDelta(effectiveAccess(before, levelRank), effectiveAccess(after, levelRank), levelRank);

describe('accessDelta: who gains and who loses, by effective level', () => {
  it.each<[string, AccessGrant[], AccessGrant[], AccessDelta]>([
    ['no access before, some after: gained', [], rows('a d viewer'), { gained: [{ user: 'a', resource: 'd', to: 'viewer' }], lost: [] }],
    ['some before, none after: lost', rows('a d viewer'), [], { gained: [], lost: [{ user: 'a', resource: 'd', from: 'viewer' }] }],
    ['a higher level: gained', rows('a d viewer'), rows('a d admin'), { gained: [{ user: 'a', resource: 'd', from: 'viewer', to: 'admin' }], lost: [] }],
    ['a lower level: lost', rows('a d Admin'), rows('a d View'), { gained: [], lost: [{ user: 'a', resource: 'd', from: 'Admin', to: 'View' }] }],
    ['a path changes, the level stays: nothing', rows('a d viewer team:Sales'), rows('a d viewer team:Revenue'), { gained: [], lost: [] }],
    ['a second path at a lower level: nothing', rows('a d admin'), rows('a d admin', 'a d viewer team:T'), { gained: [], lost: [] }],
    ['one of two paths goes, the other stays at the same level: nothing', rows('a d editor', 'a d editor team:T'), rows('a d editor team:T'), { gained: [], lost: [] }],
    ['a level that ranks as no access is no access', rows('a d None'), [], { gained: [], lost: [] }],
    [
      'both at once, on different pairs',
      rows('a d viewer', 'b d editor'),
      rows('a d editor', 'b e editor'),
      { gained: [{ user: 'a', resource: 'd', from: 'viewer', to: 'editor' }, { user: 'b', resource: 'e', to: 'editor' }], lost: [{ user: 'b', resource: 'd', from: 'editor' }] },
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(delta(before, after)).toEqual(expected);
  });
});

describe('directionFromDelta: drift reads the change backwards', () => {
  const move = { user: 'a', resource: 'd' };
  it.each<[string, AccessDelta, string]>([
    ['applying it only takes access away: live has more, widened', { gained: [], lost: [move] }, 'widened'],
    ['applying it only gives access: live has less, narrowed', { gained: [move], lost: [] }, 'narrowed'],
    ['both', { gained: [move], lost: [move] }, 'changed'],
    ['neither (a rename, an email, an alias)', { gained: [], lost: [] }, 'changed'],
  ])('%s', (_name, given, direction) => {
    expect(directionFromDelta(given)).toBe(direction);
  });
});
