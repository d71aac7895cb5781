import { describe, expect, it } from 'vitest';
import { lookalikeSkeleton, lookalikeWarnings, namesInDocument, suspiciousCharacters } from '../../src/core/lookalike.js';
import { userKey } from '../../src/core/principal-name.js';

describe('userKey: identity is exact', () => {
  it.each([
    ['Kate@Example.COM', 'kate@example.com', true],
    ['\u212Aate@example.com', 'kate@example.com', false], // KELVIN SIGN lower-cases (and NFC-normalises) to k
    ['k\u0430te@example.com', 'kate@example.com', false], // Cyrillic а
    ['ka\u200Bte@example.com', 'kate@example.com', false], // zero-width space
    [' kate@example.com', 'kate@example.com', false],
    ['JOS\u00C9@example.com', 'jos\u00e9@example.com', false], // only ASCII letters fold
    ['jose\u0301@example.com', 'jos\u00e9@example.com', false], // canonically equivalent, different code points
  ])('%j and %j are the same account: %s', (a, b, same) => {
    expect(userKey(a) === userKey(b)).toBe(same);
  });
});

describe('suspiciousCharacters', () => {
  it.each([
    ['kate@example.com', []],
    ['山田@example.jp', []], // a local part in one script under a Latin domain
    ['josé@example.com', []],
    ['\u212Aate@example.com', ['U+212A (looks like "K")']],
    ['k\u0430te@example.com', ['U+0430 (another script among Latin letters)']],
    ['ka\u200Bte@example.com', ['U+200B (invisible)']],
    ['evil\u202Emoc.elpmaxe@x', ['U+202E (invisible)']],
    ['ｋate@example.com', ['U+FF4B (looks like "k")']],
  ])('%j: %j', (text, expected) => {
    expect(suspiciousCharacters(text)).toEqual(expected);
  });

  it('folds look-alikes to one skeleton', () => {
    for (const twin of ['\u212Aate', 'k\u0430te', 'ka\u200Bte', 'ＫATE']) expect(lookalikeSkeleton(twin)).toBe('kate');
  });
});

describe('lookalikeWarnings', () => {
  const desired = namesInDocument({ teams: { Owners: { members: ['kate@example.com'] } }, dashboards: { d: { permissions: { users: { 'b\u200Bob@example.com': 'viewer' } } } } });

  it('names the file entries, and the live look-alikes of file entries, never the honest ones', () => {
    const warnings = lookalikeWarnings({ desired, live: ['kate@example.com', '\u212Aate@example.com', 'ζeta@example.com'], changed: [], target: 'org x' });
    expect(warnings.map((w) => [w.path, w.message.replace(/ \(.*/, '')])).toEqual([
      [['dashboards', 'd', 'permissions', 'users', 'b\u200Bob@example.com'], '"b\\u{200B}ob@example.com" contains look-alike or invisible characters: U+200B'],
      [['teams', 'Owners', 'members', 0], '"\\u{212A}ate@example.com" in org x looks like "kate@example.com" but is another account or team'],
    ]);
  });

  it('names a live principal with odd characters that the plan changes', () => {
    const warnings = lookalikeWarnings({ desired: [], live: ['m\u0430llory@example.com'], changed: ['M\u0430llory@example.com'], target: 'org x' });
    expect(warnings).toEqual([{ message: expect.stringMatching(/^"m\\u\{430\}llory@example\.com" in org x, changed by this plan/) }]);
  });
});
