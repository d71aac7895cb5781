/**
 * The one way request paths are built: a tagged template whose every interpolated value
 * becomes exactly ONE path segment.
 *
 *   apiPath`/api/teams/${teamId}/members/${userId}`
 *
 * Ids and names come from server answers and from desired-state files, both untrusted. Put
 * into a path raw, a Chartio permission id `../../../teams/9` turned a revoke into
 * `DELETE /v1/example-org/teams/9`: the URL parser normalises dot segments. `encodeURIComponent`
 * alone is not enough either: it leaves `.` alone, so a Grafana uid `..` still climbs to
 * `/api/permissions`. So a value is:
 * - a number: only a positive safe integer (ids are never 0, negative, fractional, `1e21`, or
 *   beyond 2^53, where two ids would print the same);
 * - a string: percent-encoded with `encodeURIComponent` (so `/`, `?`, `#`, `%` cannot end the
 *   segment; `%` itself becomes `%25`, so `%2e%2e` cannot be decoded into a dot segment), and
 *   refused when empty, `.` or `..` (an empty segment collapses `a//b` into another route on
 *   some servers; the dots are dot segments).
 * Anything else is refused. Refusals throw `UnsafePathSegmentError` before any request is made.
 */

import { HttpClientError, printable } from './errors.js';

export type PathValue = string | number;

/** A value that cannot be a path segment; thrown before any request is sent. */
export class UnsafePathSegmentError extends HttpClientError {
  override name = 'UnsafePathSegmentError';
  /** The template with `:value` where the refused value was, e.g. `/api/teams/:value/members`. */
  readonly template: string;
  /** The refused value, escaped and cut short for display. */
  readonly value: string;

  constructor(init: { template: string; value: string; reason: string }) {
    super(`refused to build ${init.template}: ${init.value} ${init.reason}`);
    this.template = init.template;
    this.value = init.value;
  }
}

/** A positive integer that JavaScript represents exactly: the only numbers that are ids. */
export function isPositiveSafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function apiPath(strings: TemplateStringsArray, ...values: PathValue[]): string {
  let path = strings[0] ?? '';
  values.forEach((value, index) => {
    path += segment(value, () => templateOf(strings, index)) + (strings[index + 1] ?? '');
  });
  return path;
}

function segment(value: unknown, template: () => string): string {
  const refuse = (reason: string): never => {
    throw new UnsafePathSegmentError({ template: template(), value: shown(value), reason });
  };
  if (typeof value === 'number') {
    if (!isPositiveSafeInteger(value)) refuse('is not a positive safe integer id');
    return String(value);
  }
  if (typeof value !== 'string') return refuse('is not a string or a number');
  if (value === '') return refuse('is empty');
  if (value === '.' || value === '..') return refuse('is a dot segment');
  return encodeURIComponent(value);
}

/** The template with `:value` at the refused position and `:_` at the others: no other data shown. */
function templateOf(strings: TemplateStringsArray, refused: number): string {
  return strings.reduce((text, part, index) => text + (index === 0 ? '' : index - 1 === refused ? ':value' : ':_') + part, '');
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(printable(value, 60));
  if (typeof value === 'number') return String(value);
  return typeof value;
}
