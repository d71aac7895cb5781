/**
 * Removing credentials from text before it reaches a person, a log or a file.
 *
 * The client builds one redactor from its credentials and runs every string it puts into an
 * error (server messages, causes, paths, a redirect's `Location`) through it; the CLI runs
 * everything it writes through one built from the environment (`env-redactor.ts`). A secret
 * leaks in more shapes than its plain form: a server may echo the `Authorization` header
 * (Base64 of `key:secret`) inside a longer Base64 blob, HTML- or JSON-escape it, wrap it at
 * 76 columns, or a URL may carry it percent-encoded; `secret-pattern.ts` spells each
 * character every such way, and this file adds the whole-string encodings (Base64, hex).
 */
import { base64SpelledAnyWay, escapeRegExp, hexAnyCase, spelledAnyWay } from './secret-pattern.js';

/** What replaces a secret. Fixed text so tests and readers can recognise it. */
export const REDACTED = '[REDACTED]';

/**
 * Secrets shorter than this are redacted only as a whole word in their plain or escaped
 * spellings: a 2-character password found inside words would blank out ordinary text ("ab"
 * in "about"), and its Base64 or hex fragments would match random data. Real API secrets are
 * far longer; a short one is still hidden where it stands alone (`password=ab`).
 */
export const MIN_SECRET_LENGTH = 4;

export type Redactor = (text: string) => string;

/** Credentials as the client knows them; the same shape as `HttpClientOptions.auth`. */
export type Credentials =
  | { kind: 'basic'; user: string; password: string }
  | { kind: 'bearer'; token: string };

/**
 * The texts to hide for the given credentials: the secret, and for Basic auth the
 * `user:password` pair whose Base64 travels in the header. The user name alone is not
 * secret (Grafana's `admin` would blank out every `/api/admin` path), nor is a bare `user:`.
 */
export function secretRoots(credentials: Credentials): string[] {
  const roots =
    credentials.kind === 'basic'
      ? [credentials.password, ...(credentials.password ? [`${credentials.user}:${credentials.password}`] : [])]
      : [credentials.token];
  return roots.filter((root) => root.length > 0);
}

/**
 * The literal strings the credentials most often appear as (for GitHub's `::add-mask::`,
 * which takes exact strings): the secret, its percent-encoded forms (upper- and lower-case
 * hex), its Base64 and hex forms, and for Basic auth the Base64 `user:password` header token.
 */
export function secretForms(credentials: Credentials): string[] {
  const forms = new Set<string>();
  for (const root of secretRoots(credentials)) for (const form of literalVariants(root)) forms.add(form);
  return [...forms];
}

function literalVariants(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = bytes.toString('base64');
  return [
    secret,
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    // Form-style encoding of spaces.
    encoded.replace(/%20/g, '+'),
    base64,
    base64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    // Base64 inside a URL: `=`, `+`, `/` percent-encoded.
    encodeURIComponent(base64),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
  ];
}

/**
 * A function that replaces every occurrence of any of `secrets` (plain texts, e.g. from
 * `secretRoots`), in any of the encodings above, with `[REDACTED]`. All of them are one
 * RegExp built here, once; alternatives for longer encodings come first so a secret inside
 * a longer form (the password inside the Basic token) does not leave the rest behind.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const patterns = [...new Set(secrets.filter((secret) => secret.length > 0))].flatMap(patternsFor);
  if (patterns.length === 0) return (text) => text;
  patterns.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(patterns.map((p) => p.source).join('|'), 'g');
  return (text) => text.replace(pattern, REDACTED);
}

/** A redactor for one set of credentials (or none). */
export function redactorFor(credentials: Credentials | undefined): Redactor {
  return createRedactor(credentials === undefined ? [] : secretRoots(credentials));
}

interface Pattern {
  source: string;
  /** How many characters the plain encoding has: the sort key (longer first). */
  length: number;
}

function patternsFor(secret: string): Pattern[] {
  if (secret.length < MIN_SECRET_LENGTH) {
    return [{ source: `(?<![A-Za-z0-9])(?:${escapeRegExp(secret)}|${spelledAnyWay(secret)})(?![A-Za-z0-9])`, length: secret.length }];
  }
  const bytes = Buffer.from(secret, 'utf8');
  const hex = bytes.toString('hex');
  const whole = bytes.toString('base64');
  return [
    { source: spelledAnyWay(secret), length: secret.length },
    { source: hexAnyCase(hex), length: hex.length },
    // The whole Base64 with its last, partial character and padding (the secret ends the blob).
    { source: base64SpelledAnyWay(whole), length: whole.length },
    ...[0, 1, 2].map((offset) => {
      const core = base64Core(bytes, offset);
      return { source: base64SpelledAnyWay(core), length: core.length };
    }),
  ].filter((p) => p.length > 0);
}

/**
 * The Base64 characters of `bytes` embedded in a longer string at byte offset `offset` mod 3
 * that depend on `bytes` alone: character i of a Base64 text covers bits [6i, 6i + 6), so it
 * is stable when those bits all lie within the secret's [8·offset, 8·(offset + n)). The one or
 * two characters at either edge mix in the neighbours' bits; leaving them shows under a byte.
 */
export function base64Core(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  const first = Math.ceil((8 * offset) / 6);
  const end = Math.floor((8 * (offset + bytes.length)) / 6);
  return encoded.slice(first, end);
}
