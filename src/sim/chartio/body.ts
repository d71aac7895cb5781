import { badRequest } from './errors.js';

/** Request bodies are JSON objects; anything else is answered 400 before any rule runs. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

export function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Path ids are integers (seed: `dashboardId: required(integer)`); anything else matches nothing. */
export function parseIdParam(value: string): number | undefined {
  return /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : undefined;
}

/** Rejects properties the operation does not define, naming them, so a client's typo is not a silent no-op. */
export function rejectUnknownKeys(body: Record<string, unknown>, allowed: readonly string[], message: string): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw badRequest(`${message} Unknown properties: ${unknown.join(', ')}.`);
}
