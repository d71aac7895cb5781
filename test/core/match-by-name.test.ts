import { describe, expect, it } from 'vitest';
import { matchByName } from '../../src/core/match-by-name.js';

const live = [
  { id: 1, name: 'Owners' },
  { id: 2, name: 'Growth' },
  { id: 3, name: 'SRE' },
  { id: 4, name: 'Old' },
];
const summary = (result: ReturnType<typeof matchByName<{ id: number; name: string }>>) => ({
  matched: [...result.matched].map(([name, m]) => [name, m.live.id, m.renamedFrom ?? null]),
  unmatched: result.unmatched,
  unclaimed: result.unclaimed.map((o) => o.id),
});

describe('matchByName', () => {
  it('matches by name, then by an earlier name, and leaves the rest to create or delete', () => {
    expect(summary(matchByName({ Owners: {}, Marketing: { previously: ['Growth'] }, New: {} }, live))).toEqual({
      matched: [
        ['Owners', 1, null],
        ['Marketing', 2, 'Growth'],
      ],
      unmatched: ['New'],
      unclaimed: [3, 4],
    });
  });

  it('claims each live object once: a current name wins over an earlier name', () => {
    expect(summary(matchByName({ A: { previously: ['Old'] }, Old: {} }, live)).matched).toEqual([['Old', 4, null]]);
  });

  it('skips objects that cannot be renamed', () => {
    const result = matchByName({ Admins: { previously: ['Owners'] } }, live, { renamable: (o) => o.name !== 'Owners' });
    expect(summary(result).unmatched).toEqual(['Admins']);
  });

  it('folds names when asked, reporting a case-only difference as a rename', () => {
    expect(summary(matchByName({ sre: {} }, live, { normalize: (n) => n.toLowerCase() })).matched).toEqual([['sre', 3, 'SRE']]);
  });
});
