/**
 * The org a request asks for, as Grafana's authn service reads it (`orgIDFromRequest` in
 * pkg/services/authn/authnimpl/service.go, the same in 10.4 to 12): `?targetOrgId=` when it
 * parses to a positive id, otherwise `X-Grafana-Org-Id`. Both go through `strconv.ParseInt`,
 * and a value it rejects (`abc`, `1.5`, empty) counts as 0 - no org asked, so the caller acts in
 * its current org (a user's `POST /api/user/using` choice, a token's own org). Nothing is refused
 * for a malformed value.
 */
export function requestedOrgId(targetOrgId: string | null | undefined, orgHeader: string | undefined): number {
  const fromQuery = parseInt64(targetOrgId);
  if (fromQuery > 0) return fromQuery;
  return parseInt64(orgHeader);
}

/** Go's `strconv.ParseInt(s, 10, 64)`, with every error read as 0 the way the callers do. */
function parseInt64(raw: string | null | undefined): number {
  // Go's HTTP server trims the header's surrounding whitespace; the query value is taken as is.
  if (raw === null || raw === undefined || !/^[+-]?\d{1,19}$/.test(raw)) return 0;
  const value = BigInt(raw);
  if (value > 9223372036854775807n || value < -9223372036854775808n) return 0;
  return Number(value);
}
