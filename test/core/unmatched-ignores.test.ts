import { describe, expect, it } from 'vitest';
import { unmatchedIgnoreRules } from '../../src/core/unmatched-ignores.js';

describe('unmatchedIgnoreRules', () => {
  it('names the rules that match no known address, by index', () => {
    const rules = [
      { address: 'team[Contractors].member[*]', reason: 'HR' },
      { address: 'team[Contractrs].member[*]', reason: 'typo' },
      { address: 'team[Contractors]', reason: 'exact' },
      { address: 'team[Contractors].*', reason: 'glob' },
      { address: 'user[*', reason: 'unclosed' },
    ];
    expect(unmatchedIgnoreRules(rules, ['team[Contractors]', 'team[Contractors].member[a@example.com]'])).toEqual([1, 4]);
    expect(unmatchedIgnoreRules(rules, [])).toEqual([0, 1, 2, 3, 4]);
    expect(unmatchedIgnoreRules([], ['x'])).toEqual([]);
  });
});
