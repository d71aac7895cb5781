/**
 * Emails and logins name the same user whatever their case (both Chartio and Grafana match
 * them case-insensitively), so every comparison goes through this key.
 */
export function userKey(emailOrLogin: string): string {
  return emailOrLogin.trim().toLowerCase();
}
