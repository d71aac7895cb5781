import { badRequest, badRequestData } from './errors.js';

/**
 * Grafana binds request bodies with `web.Bind`: anything that is not a JSON object, or a field
 * of the wrong type, is `400 bad request data` before any rule runs.
 */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequestData();
  return body as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequestData();
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequestData();
  return value;
}

export function optionalInt(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badRequestData();
  return value;
}

/** Path ids are int64 in Grafana; anything else fails `strconv.ParseInt` - 400 "id is invalid". */
export function parseId(value: string, what: string): number {
  if (!/^-?[0-9]{1,15}$/.test(value)) throw badRequest(`${what} is invalid`);
  return Number(value);
}

