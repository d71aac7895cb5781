import { describe, expect, it } from 'vitest';
import { MIN_SECRET_LENGTH, REDACTED, base64Core, createRedactor, redactorFor, secretForms } from '../../src/http/redact.js';
import { redactorFromEnv } from '../../src/http/env-redactor.js';
import { escapeMarkdown } from '../../src/render/escape-markdown.js';

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

/** A canary whose characters encode differently in every scheme: space, `/+=`, HTML and JSON specials, non-ASCII. */
const canary = `p@ss w0rd/+=&<>"'\\é`;
const canaryUser = 'canary-key';
const pair = `${canaryUser}:${canary}`;

const html = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const entities = (text: string, form: (code: number) => string) => [...text].map((c) => form(c.codePointAt(0)!)).join('');
const asciiJson = (text: string) => JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
const base64At = (offset: number, text: string, alphabet: 'base64' | 'base64url' = 'base64') =>
  Buffer.from(`${'xyz'.slice(0, offset)}${text}tail`).toString(alphabet);
const pieces = (text: string) => [text.slice(0, 5), text.slice(5, 12), text.slice(12)];

/**
 * Each row: how the secret got encoded. The check is that no recognisable piece of it is left,
 * in any of the forms the canary search looks for, so a row passes only if it was redacted.
 */
const ENCODINGS: [string, string][] = [
  ['plain', canary],
  ['percent-encoded, upper-case hex', encodeURIComponent(canary)],
  ['percent-encoded, lower-case hex', encodeURIComponent(canary).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
  ['form-encoded (+ for space)', encodeURIComponent(canary).replace(/%20/g, '+')],
  ['HTML-escaped (named and &#39;)', html(canary)],
  ['HTML decimal entities', entities(canary, (c) => `&#${c};`)],
  ['HTML hex entities, upper case', entities(canary, (c) => `&#X${c.toString(16).toUpperCase()};`)],
  ['HTML hex entities, zero-padded', entities(canary, (c) => `&#x${c.toString(16).padStart(4, '0')};`)],
  ['HTML5 named entities (&sol; &equals; &commat;)', canary.replace('/', '&sol;').replace('=', '&equals;').replace('@', '&commat;')],
  ['JSON-escaped', JSON.stringify(canary)],
  ['JSON-escaped, ASCII only (\\u00E9)', asciiJson(canary)],
  ['JSON-escaped with \\/', JSON.stringify(canary).replace(/\//g, '\\/')],
  ['hex, lower case', Buffer.from(canary).toString('hex')],
  ['hex, upper case', Buffer.from(canary).toString('hex').toUpperCase()],
  ['the Basic pair, Base64', Buffer.from(pair).toString('base64')],
  ['the Basic pair, Base64 url alphabet unpadded', Buffer.from(pair).toString('base64url')],
  ['Base64 at offset 1 mod 3', base64At(1, canary)],
  ['Base64 at offset 2 mod 3', base64At(2, canary)],
  ['Base64 at offset 1 mod 3, url alphabet', base64At(1, canary, 'base64url')],
  ['the pair in a longer Base64 at offset 2', base64At(2, pair)],
  ['Base64 line-wrapped at 76 columns (MIME)', Buffer.from(`${'m'.repeat(70)}${pair}${'n'.repeat(70)}`).toString('base64').replace(/.{76}/g, '$&\r\n')],
  ['split across lines with indentation', pieces(canary).join('\n      ')],
  ['split across CRLF lines', pieces(canary).join('\r\n')],
  ['inside a JSON error body', JSON.stringify({ message: `bad password ${canary}` })],
];

/** What must not survive: the readable parts of the secret and its common encodings, 6+ characters long. */
function leftovers(output: string): string[] {
  const forms = [canary, encodeURIComponent(canary), Buffer.from(canary).toString('hex'), Buffer.from(pair).toString('base64')];
  const found: string[] = [];
  for (const form of forms) {
    for (let i = 0; i + 6 <= form.length; i++) if (output.includes(form.slice(i, i + 6))) found.push(form.slice(i, i + 6));
  }
  for (const offset of [0, 1, 2]) {
    const core = base64Core(Buffer.from(canary), offset);
    if (output.replace(/\r?\n/g, '').includes(core)) found.push(core);
  }
  return found;
}

describe('redaction of every encoding', () => {
  const redact = redactorFor({ kind: 'basic', user: canaryUser, password: canary });
  it.each(ENCODINGS)('removes the secret %s', (_name, encoded) => {
    const output = redact(`before ${encoded} after`);
    expect(output).toContain(REDACTED);
    expect(leftovers(output)).toEqual([]);
    expect(output.startsWith('before ')).toBe(true);
  });

  it('also finds a Base64 secret inside a URL (percent-encoded +, /, =)', () => {
    const output = redact(`/login?t=${encodeURIComponent(base64At(1, canary))}`);
    expect(output).toContain(REDACTED);
    expect(leftovers(decodeURIComponent(output))).toEqual([]);
  });

  it('leaves ordinary text, and text with the user name, alone', () => {
    const text = `GET /api/admin/users?user=${canaryUser} -> 401: "p@ss" is not a w0rd & <b>bold</b>`;
    expect(redact(text)).toBe(text);
  });

  it('stays fast on large output (one RegExp, no nested quantifiers)', () => {
    const big = 'alice@example.com,"dash-1","viewer","team Marketing (viewer)"\n'.repeat(50_000);
    const started = performance.now();
    expect(redact(big)).toBe(big);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('short secrets', () => {
  it(`redacts a secret under ${MIN_SECRET_LENGTH} characters only where it stands alone`, () => {
    const redact = redactorFor({ kind: 'bearer', token: 'ab' });
    expect(redact('about tab ab')).toBe(`about tab ${REDACTED}`);
    expect(redact('password=ab&x=1')).toBe(`password=${REDACTED}&x=1`);
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

describe('redactorFromEnv', () => {
  const env = {
    CHARTIO_API_KEY: 'chartio-key',
    CHARTIO_API_SECRET: 'chartio-s3cret!',
    GRAFANA_USER: 'admin',
    GRAFANA_PASSWORD: 'grafana-pa55',
    GRAFANA_TOKEN: 'glsa_envtoken_0123',
    PATH: '/usr/bin',
  };
  const redact = redactorFromEnv(env);
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  it.each([
    ['CHARTIO_API_SECRET', env.CHARTIO_API_SECRET],
    ['CHARTIO_API_KEY:CHARTIO_API_SECRET as Basic', b64(`${env.CHARTIO_API_KEY}:${env.CHARTIO_API_SECRET}`)],
    ['GRAFANA_PASSWORD, HTML-escaped', 'grafana&#45;pa55'],
    ['GRAFANA_USER:GRAFANA_PASSWORD as Basic', b64(`${env.GRAFANA_USER}:${env.GRAFANA_PASSWORD}`)],
    ['GRAFANA_TOKEN in hex', Buffer.from(env.GRAFANA_TOKEN).toString('hex')],
  ])('covers %s', (_name, form) => {
    expect(redact(`x ${form} y`)).toBe(`x ${REDACTED} y`);
  });

  it('leaves key and user names, and other variables, alone', () => {
    expect(redact('chartio-key admin /usr/bin')).toBe('chartio-key admin /usr/bin');
  });
});

describe('redaction after Markdown escaping (reports are escaped before they are redacted)', () => {
  it.each([
    ['a Grafana token with underscores', 'glsa_AbCd_Ef12_3456'],
    ['a secret with Markdown punctuation', 's3cr_et*Val_ue[1]`x`'],
    ['a secret starting with an @ the escaper defuses', '@dm1n.p4ss-w0rd'],
  ])('%s: no spelling of it survives escapeMarkdown', (_name, secret) => {
    const redact = redactorFromEnv({ GRAFANA_TOKEN: secret });
    const escaped = escapeMarkdown(`team "${secret}" and |${secret}|`);
    expect(escaped).not.toContain(secret); // the escaper did change it
    const out = redact(escaped);
    expect(out).not.toContain(escapeMarkdown(secret));
    expect(out.match(/\[REDACTED\]/g)).toHaveLength(2);
  });
});
