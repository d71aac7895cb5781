import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint } from '../../src/core/fingerprint.js';

describe('fingerprint', () => {
  it('does not depend on key order', () => {
    expect(fingerprint({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(fingerprint({ b: { d: 'x', c: [1, 2] }, a: 1 }));
  });

  it.each([
    [{ members: ['a'] }, { members: ['b'] }],
    [{ level: 'viewer' }, { level: 'editor' }],
    [[1, 2], [2, 1]],
    [{ a: null }, {}],
  ])('changes when the value changes: %j vs %j', (x, y) => {
    expect(fingerprint(x)).not.toBe(fingerprint(y));
  });

  it('leaves out undefined properties like JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
