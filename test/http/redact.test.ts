import { describe, expect, it } from 'vitest';
import { REDACTED, createRedactor, redactorFor, secretForms } from '../../src/http/redact.js';

const user = 'canary-key';
const password = 'c4n4ry/s3cr3t+=&?';
const basic = { kind: 'basic' as const, user, password };
const base64Pair = Buffer.from(`${user}:${password}`).toString('base64');

describe('redactorFor basic credentials', () => {
  const redact = redactorFor(basic);
  it.each([
    ['the secret', `x ${password} y`],
    ['the Authorization header', `Authorization: Basic ${base64Pair}`],
    ['the unpadded Base64 pair', base64Pair.replace(/=+$/, '')],
    ['the URL-encoded secret', `?secret=${encodeURIComponent(password)}`],
    ['lower-case percent escapes', encodeURIComponent(password).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    ['the Base64 of the secret', Buffer.from(password).toString('base64')],
    ['the URL-encoded Base64 pair', encodeURIComponent(base64Pair)],
    ['key:secret in clear', `${user}:${password}`],
  ])('removes %s', (_name, input) => {
    const output = redact(input);
    expect(output).toContain(REDACTED);
    expect(output).not.toContain(password);
    expect(output).not.toContain(base64Pair.replace(/=+$/, ''));
    expect(output).not.toContain(encodeURIComponent(password));
  });

  it('leaves the user name and other text alone', () => {
    expect(redact(`user ${user} asked for /api/admin`)).toBe(`user ${user} asked for /api/admin`);
  });
});

describe('createRedactor', () => {
  it('removes bearer tokens', () => {
    const redact = redactorFor({ kind: 'bearer', token: 'glsa_canary' });
    expect(redact('Bearer glsa_canary')).toBe(`Bearer ${REDACTED}`);
  });

  it('treats regex characters literally and ignores empty secrets', () => {
    const redact = createRedactor(['a.b', '']);
    expect(redact('a.b axb')).toBe(`${REDACTED} axb`);
  });

  it('is the identity without credentials', () => {
    expect(redactorFor(undefined)('anything')).toBe('anything');
  });

  it('does not list an empty password or bare user as a form', () => {
    expect(secretForms({ kind: 'basic', user: 'u', password: '' })).not.toContain('u:');
    expect(secretForms({ kind: 'basic', user: 'u', password: '' })).not.toContain('');
  });
});
