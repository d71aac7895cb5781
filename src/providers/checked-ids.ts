/**
 * Ids and uids from server answers, checked before they are planned with or put into a URL.
 *
 * Every byte a server sends is untrusted (DESIGN §1.5). An id is later interpolated into the
 * path of a write (`DELETE /{org}/dashboards/{id}/permissions/{permissionId}`), so a hostile or
 * broken server that answers `"id": "../../../teams/9"` would otherwise choose what gets
 * deleted. `apiPath` refuses such a value at the last moment; checking here fails the refresh
 * instead, before anything is planned, with the request that brought the value.
 */

import { isPositiveSafeInteger } from '../http/api-path.js';
import { HttpClientError, printable } from '../http/errors.js';

/** The request whose answer held the value: for the error message. */
export interface AnswerSource {
  method: string;
  /** Request path relative to the API root, without query. */
  path: string;
}

/**
 * A server answer carried an id or uid that accessctl will not use. The value is the server's,
 * and a server that echoes credentials may put them there, so it is kept whole in a private
 * field and only shown redacted (see `redactingIds`) and then cut short: cut first, a secret
 * would no longer match the redactor.
 */
export class UnsafeIdError extends HttpClientError {
  override name = 'UnsafeIdError';
  readonly method: string;
  readonly path: string;
  /** Which field, e.g. `permissions[].id`. */
  readonly field: string;
  /** The offending value as shown: JSON, redacted, escaped and cut short. */
  readonly value: string;
  readonly #init: AnswerSource & { field: string; value: unknown; expected: string };

  constructor(init: AnswerSource & { field: string; value: unknown; expected: string }, redact: (text: string) => string = (text) => text) {
    const value = printable(redact(asJson(init.value)), 60);
    super(`${init.method} ${init.path}: the answer's ${init.field} ${value} is not ${init.expected}`);
    this.method = init.method;
    this.path = init.path;
    this.field = init.field;
    this.value = value;
    this.#init = init;
  }

  /** The same error with the value (and path) passed through `redact` before it is shown. */
  redacted(redact: (text: string) => string): UnsafeIdError {
    return new UnsafeIdError({ ...this.#init, path: redact(this.#init.path) }, redact);
  }
}

/** Runs `work`; an `UnsafeIdError` it throws comes out redacted with the client's redactor. */
export async function redactingIds<T>(redact: (text: string) => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof UnsafeIdError ? error.redacted(redact) : error;
  }
}

/** A positive safe integer id (Chartio's and Grafana's ids are database serials), or throws. */
export function checkedId(value: unknown, source: AnswerSource, field: string): number {
  if (!isPositiveSafeInteger(value)) throw new UnsafeIdError({ ...source, field, value, expected: 'a positive integer id' });
  return value;
}

/**
 * Grafana's uid alphabet: `util.IsValidShortUID` (pkg/util/shortid_generator.go) accepts
 * `^[a-zA-Z0-9\-\_]*$`, and `util.IsShortUIDTooLong` refuses more than `MaxUIDLength` (40)
 * characters (`ErrDashboardInvalidUid` / `ErrDashboardUidTooLong`). Empty is not a uid either.
 */
export const GRAFANA_UID = /^[A-Za-z0-9_-]{1,40}$/;

export function isGrafanaUid(value: unknown): value is string {
  return typeof value === 'string' && GRAFANA_UID.test(value);
}

/** A uid within Grafana's alphabet and length, or throws. */
export function checkedUid(value: unknown, source: AnswerSource, field: string): string {
  if (!isGrafanaUid(value)) throw new UnsafeIdError({ ...source, field, value, expected: 'a Grafana uid ([A-Za-z0-9_-], 1 to 40 characters)' });
  return value;
}

/**
 * A name, email, slug or level from a server answer: a string of at most 1,000 characters, or
 * throws. A number or an object where a name belongs would otherwise fail later as an internal
 * `… is not a function`, naming neither the request nor the value.
 */
export function checkedText(value: unknown, source: AnswerSource, field: string): string {
  if (typeof value !== 'string' || value.length > 1000) throw new UnsafeIdError({ ...source, field, value, expected: 'a string of at most 1,000 characters' });
  return value;
}

/** `checkedText` for a field the API may leave out: undefined stays undefined (null too). */
export function checkedOptionalText(value: unknown, source: AnswerSource, field: string): string | undefined {
  return value === undefined || value === null ? undefined : checkedText(value, source, field);
}

function asJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
