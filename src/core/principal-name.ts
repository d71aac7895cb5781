/**
 * The key two spellings of one user share. Both Chartio and Grafana match emails and logins
 * case-insensitively, so ASCII letters compare without case, and nothing else is folded:
 *
 * - no Unicode case folding: `\u212Aate@example.com` (KELVIN SIGN) lower-cases to
 *   `kate@example.com`, and the look-alike account would receive kate's grants (issue 12);
 * - no Unicode normalisation either: NFC itself maps U+212A to `K`, and the servers compare
 *   the code points they store, so two canonically equivalent spellings are two accounts there;
 * - no trimming: `" kate@example.com"` is not kate.
 *
 * Names that merely look alike are called out by lookalike.ts, never merged.
 */
export function userKey(emailOrLogin: string): string {
  return emailOrLogin.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
