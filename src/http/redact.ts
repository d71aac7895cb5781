/**
 * Removing credentials from text before it reaches a person, a log or a file.
 *
 * The client builds one redactor from its credentials and runs every string it puts into an
 * error (server messages, causes, paths) through it. Other modules reuse it for debug logs
 * (`HttpClient.redact`). A secret can leak in more shapes than its plain form: a server may
 * echo the `Authorization` header (Base64 of `key:secret`), or a URL may carry it
 * percent-encoded, so each secret is expanded into those forms here.
 */

/** What replaces a secret. Fixed text so tests and readers can recognise it. */
export const REDACTED = '[REDACTED]';

export type Redactor = (text: string) => string;

/** Credentials as the client knows them; the same shape as `HttpClientOptions.auth`. */
export type Credentials =
  | { kind: 'basic'; user: string; password: string }
  | { kind: 'bearer'; token: string };

/**
 * Every form in which the given credentials could appear in text: the secret itself, its
 * percent-encoded forms (upper- and lower-case hex, as different encoders choose), its Base64
 * forms, and for Basic auth the Base64 `user:password` token that travels in the header.
 * The user name alone is not secret (Grafana's `admin` would blank out every `/api/admin` path).
 */
export function secretForms(credentials: Credentials): string[] {
  const roots =
    credentials.kind === 'basic'
      ? [credentials.password, `${credentials.user}:${credentials.password}`]
      : [credentials.token];
  const forms = new Set<string>();
  for (const root of roots) {
    if (root.length === 0) continue;
    for (const form of variants(root)) forms.add(form);
  }
  // `user:` with an empty password still yields a Base64 header worth hiding, but the bare
  // `user:` string is not a secret.
  if (credentials.kind === 'basic') forms.delete(`${credentials.user}:`);
  return [...forms];
}

function variants(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  const base64Unpadded = base64.replace(/=+$/, '');
  const base64Url = Buffer.from(secret, 'utf8').toString('base64url');
  return [
    secret,
    encoded,
    lowerHexEscapes(encoded),
    // Form-style encoding of spaces.
    encoded.replace(/%20/g, '+'),
    base64,
    base64Unpadded,
    base64Url,
    // Base64 inside a URL: `=`, `+`, `/` percent-encoded.
    encodeURIComponent(base64),
  ];
}

function lowerHexEscapes(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

/**
 * A function that replaces every occurrence of any of `secrets` (already expanded into the
 * forms to hide; see `secretForms`) with `[REDACTED]`. Longer forms are replaced first so that
 * a secret contained in another form does not leave the rest of that form behind.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const unique = [...new Set(secrets.filter((secret) => secret.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (unique.length === 0) return (text) => text;
  const pattern = new RegExp(unique.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, REDACTED);
}

/** A redactor for one set of credentials (or none). */
export function redactorFor(credentials: Credentials | undefined): Redactor {
  return createRedactor(credentials === undefined ? [] : secretForms(credentials));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
