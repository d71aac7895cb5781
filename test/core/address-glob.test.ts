import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesGlob } from '../../src/core/address-glob.js';

/** The matcher `ignore:` used before: a regular expression, exponential on globs with many `*`. */
function regExpGlob(glob: string): RegExp {
  const escaped = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

describe('matchesGlob', () => {
  it.each([
    ['team[A].member[*]', 'team[A].member[x@y]', true],
    ['team[A].member[*]', 'team[AB].member[x@y]', false],
    ['*', 'anything', true],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['dashboard[d.e].permission[*]', 'dashboard[dxe].permission[team:A]', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['*a*b*', 'xbxa', false],
    ['*a*b*', 'xaxb', true],
    ['team[*]', 'team[a\nb]', false], // like `.`, a `*` does not match a line break
    ['team[a\n*]', 'team[a\nb]', true],
    ['team[a\n*]', 'team[a\nb\nc]', false],
    ['team[(.+)?]', 'team[(.+)?]', true],
    ['team[\u{1F600}*]', 'team[\u{1F600}x]', true],
  ])('%j matches %j: %s', (glob, address, expected) => {
    expect(matchesGlob(glob, address)).toBe(expected);
  });

  it('agrees with the regular expression it replaces, on any glob and address', () => {
    const text = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text(['a', 'b', '*', '[', '.', '\n']), text(['a', 'b', '[', '.', '*', '\n', '\r']), (glob, address) => {
        expect(matchesGlob(glob, address)).toBe(regExpGlob(glob).test(address));
      }),
      { numRuns: 3000 },
    );
  });

  // The regular expression backtracks through every way of splitting the address among the
  // stars: this case does not finish there (the test times out), and is one pass here.
  it.each([
    ['30 stars, no match', `${'a*'.repeat(30)}b`, 'a'.repeat(10_000), false],
    ['30 stars, a match at the very end', `${'a*'.repeat(30)}b`, `${'a'.repeat(10_000)}b`, true],
    ['30 stars around a line break in the glob', `${'a*'.repeat(30)}\nb`, 'a'.repeat(10_000), false],
  ])('%s', (_name, glob, address, expected) => {
    expect(matchesGlob(glob, address)).toBe(expected);
  });
});
