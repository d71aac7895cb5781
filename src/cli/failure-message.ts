import { formatPath } from '../config/document-path.js';
import type { Locator } from '../config/merge-documents.js';
import { HttpError, RedirectError } from '../http/errors.js';
import type { Reconciler, TargetIdentity } from '../providers/types.js';

/**
 * The one-line account of a failed exchange, with what to do about a refusal: for a 401 or 403
 * the provider's hint names the credential variables and what they were used for (an org, an
 * instance), and the file's line that chose it: `GET https://…/v1/acme/teams -> 403: Forbidden. —
 * CHARTIO_API_KEY was refused for org "acme" (access.yaml:4:8 chartio.org)`. A bare 403 does not
 * say that the org slug is misspelled; this does. The error's own text is already redacted.
 */
export function failureMessage(
  error: unknown,
  reconciler: Pick<Reconciler<unknown, unknown, unknown>, 'credentialHint'>,
  identity: TargetIdentity,
  locate?: Locator,
): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof HttpError) || error instanceof RedirectError || !reconciler.credentialHint) return message;
  if (error.status !== 401 && error.status !== 403) return message;
  const hint = reconciler.credentialHint(identity, error.status);
  if (!hint.path || !locate) return `${message} — ${hint.message}`;
  const where = locate(hint.path, 'value');
  return `${message} — ${hint.message} (${where.file}:${where.line}:${where.col} ${formatPath(hint.path)})`;
}
