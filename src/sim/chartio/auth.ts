import { timingSafeEqual } from 'node:crypto';

/** Seed: "All endpoints are secured using HTTP Basic Authentication" with `api_key:secret`. */
export interface Credentials {
  key: string;
  secret: string;
}

export const DEFAULT_CREDENTIALS: Credentials = { key: 'sim-key', secret: 'sim-secret' };

/** `KEY:SECRET`; the secret may itself contain colons, the key may not (as in Basic auth). */
export function parseCredentials(value: string): Credentials {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new Error('credentials must look like KEY:SECRET');
  return { key: value.slice(0, colon), secret: value.slice(colon + 1) };
}

/** True when an `Authorization` header carries exactly these credentials. */
export function isAuthorized(header: string | undefined, expected: Credentials): boolean {
  if (!header) return false;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return false;
  const given = Buffer.from(match[1] as string, 'base64');
  const wanted = Buffer.from(`${expected.key}:${expected.secret}`, 'utf8');
  // Constant-time compare: the simulator stands in for a real auth check, so behave like one.
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
