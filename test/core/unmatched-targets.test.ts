import { describe, expect, it } from 'vitest';
import { addressPrefixes } from '../../src/core/address-prefixes.js';
import { unmatchedTargetMessage, unmatchedTargets } from '../../src/core/unmatched-targets.js';

const changes = ['team[Marketing]', 'user[bob@example.com]', 'team[Analysts].member[erin@example.com]', 'dashboard[example-dashboard].permission[team:Analysts]'];
const known = [...changes, 'team[Owners]', 'team[Owners].member[owner@example.com]', 'dashboard[board-metrics]'];

describe('unmatchedTargets', () => {
  it.each([
    { target: 'team[Marketing]', unmatched: undefined },
    // At or above a change: team[Analysts] has a member change below it.
    { target: 'team[Analysts]', unmatched: undefined },
    { target: 'dashboard[example-dashboard]', unmatched: undefined },
    // Known, nothing to change: not an error (the plan says "No changes" and warns).
    { target: 'team[Owners]', unmatched: undefined },
    { target: 'dashboard[board-metrics]', unmatched: undefined },
    // Typos, with the nearest change addresses or the addresses above them.
    { target: 'team[Marketng]', unmatched: ['team[Marketing]'] },
    { target: 'team["Marketing"]', unmatched: ['team[Marketing]'] },
    { target: 'team[Analyst]', unmatched: ['team[Analysts]'] },
    { target: 'dashboard[example-dashbord]', unmatched: ['dashboard[example-dashboard]'] },
    // Near nothing that changes, but near a known address.
    { target: 'dashboard[board-metric]', unmatched: ['dashboard[board-metrics]'] },
    // A prefix of a name is not a prefix of the address: `team[Marketin` selects nothing.
    { target: 'team[Marketin', unmatched: ['team[Marketing]'] },
    { target: 'nothing', unmatched: [] },
  ])('$target', ({ target, unmatched }) => {
    const result = unmatchedTargets([target], changes, known);
    expect(result).toEqual(unmatched === undefined ? [] : [{ target, suggestions: unmatched }]);
  });

  it('says what to type instead, in one line', () => {
    expect(unmatchedTargetMessage({ target: 'team[Marketng]', suggestions: ['team[Marketing]'] })).toBe(
      '--target team[Marketng] matches no change; did you mean team[Marketing]?',
    );
    expect(unmatchedTargetMessage({ target: 'team[A]', suggestions: ['team[B]', 'team[C]', 'team[D]'] })).toBe(
      '--target team[A] matches no change; did you mean team[B], team[C] or team[D]?',
    );
    expect(unmatchedTargetMessage({ target: 'x', suggestions: [] })).toBe('--target x matches no change, and nothing the file or live state holds');
  });
});

describe('addressPrefixes', () => {
  it.each([
    ['team[A]', []],
    ['team[A].member[a.b@example.com]', ['team[A]']],
    ['org[Main Org.].team[SRE].member[alice]', ['org[Main Org.]', 'org[Main Org.].team[SRE]']],
    ['datasource[dw].alias', ['datasource[dw]']],
  ])('%s', (address, prefixes) => {
    expect(addressPrefixes(address)).toEqual(prefixes);
  });
});
