import { describe, expect, it } from 'vitest';
import { checkedId, checkedUid, redactingIds, UnsafeIdError } from '../../src/providers/checked-ids.js';

const FROM = { method: 'GET', path: '/example-org/teams' };

describe('checkedId', () => {
  it.each([1, 42, Number.MAX_SAFE_INTEGER])('accepts %d', (id) => {
    expect(checkedId(id, FROM, 'id')).toBe(id);
  });

  it.each<[string, unknown]>([
    ['a climbing string', '../../../teams/9'],
    ['a numeric string', '9'],
    ['an exponent string', '1e3'],
    ['zero', 0],
    ['negative', -1],
    ['fractional', 1.5],
    ['beyond 2^53', 2 ** 53],
    ['null', null],
    ['missing', undefined],
    ['an object', { id: 1 }],
  ])('refuses %s', (_name, value) => {
    expect(() => checkedId(value, FROM, 'teams[].id')).toThrow(UnsafeIdError);
  });
});

describe('checkedUid', () => {
  it.each(['abc123', 'a-b_C', 'u'.repeat(40)])('accepts %j', (uid) => {
    expect(checkedUid(uid, FROM, 'uid')).toBe(uid);
  });

  it.each<unknown>(['', '.', '..', 'a/b', 'a b', 'a.b', '%2e', 'u'.repeat(41), 7, null])('refuses %j', (uid) => {
    expect(() => checkedUid(uid, FROM, 'uid')).toThrow(UnsafeIdError);
  });
});

describe('UnsafeIdError', () => {
  const refused = (value: unknown): UnsafeIdError => {
    try {
      checkedId(value, FROM, 'teams[].id');
    } catch (error) {
      return error as UnsafeIdError;
    }
    throw new Error('expected a throw');
  };

  it('names method, path, field and the value, escaped and cut short', () => {
    const error = refused(`\u001b[2J${'x'.repeat(100)}`);
    expect({ method: error.method, path: error.path, field: error.field }).toEqual({ method: 'GET', path: '/example-org/teams', field: 'teams[].id' });
    expect(error.value).not.toContain('\u001b');
    expect(error.value.length).toBeLessThanOrEqual(61);
  });

  it('is redacted whole before it is cut: a secret past the cut cannot survive in part', async () => {
    const secret = 's3cret-canary';
    const value = `${'x'.repeat(55)}${secret}`;
    const thrown = (await redactingIds(
      (text) => text.replaceAll(secret, '[REDACTED]'),
      async () => checkedId(value, FROM, 'teams[].id'),
    ).catch((error: unknown) => error)) as UnsafeIdError;
    expect(thrown).toBeInstanceOf(UnsafeIdError);
    expect(thrown.message).not.toMatch(/s3c/);
    expect(refused(value).message).toMatch(/s3c/); // without the redactor, its start is shown
  });
});
