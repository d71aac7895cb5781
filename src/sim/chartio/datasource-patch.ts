import { badRequest } from './errors.js';
import { objectBody, rejectUnknownKeys } from './body.js';
import type { Datasource } from './state.js';

/** Seed: `last_refreshed_at` "must resolve to being within 10 minutes of the current time on the Chartio servers". */
export const REFRESH_WINDOW_MS = 10 * 60 * 1000;

const INVALID = 'Attempted to set a property to an invalid value.';

/**
 * ISO 8601 date-times as the seed spells them (`YYYY-MM-DDTHH:MM:SS.ffffff+HH:MM`, or `Z`).
 * JavaScript's Date parser is more lenient than that, so the shape is checked first.
 */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)$/;

/** `PATCH /{org}/datasources/{id}`: `alias` and `last_refreshed_at`; 400 for any invalid value. */
export function patchDatasource(datasource: Datasource, rawBody: unknown, now: number): Datasource {
  const body = objectBody(rawBody);
  rejectUnknownKeys(body, ['alias', 'last_refreshed_at'], INVALID);
  const alias = body['alias'];
  if (alias !== undefined && (typeof alias !== 'string' || alias.trim() === '')) {
    throw badRequest(`${INVALID} alias must be a non-empty string.`);
  }
  let refreshedAt: number | undefined;
  const rawRefreshed = body['last_refreshed_at'];
  if (rawRefreshed !== undefined) {
    refreshedAt = parseIsoDateTime(rawRefreshed);
    if (refreshedAt === undefined) throw badRequest(`${INVALID} last_refreshed_at must be an ISO 8601 date-time.`);
    if (Math.abs(refreshedAt - now) > REFRESH_WINDOW_MS) {
      throw badRequest(`${INVALID} last_refreshed_at must be within 10 minutes of the current server time.`);
    }
  }
  let changed = false;
  if (typeof alias === 'string' && alias !== datasource.alias) {
    datasource.alias = alias;
    changed = true;
  }
  if (refreshedAt !== undefined) {
    datasource.last_refreshed_at = refreshedAt;
    changed = true;
  }
  if (changed) datasource.updated_at = now;
  return datasource;
}

export function parseIsoDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  // Drop a seconds part of the offset (allowed by the seed's format, unknown to Date) after validating the shape.
  const match = ISO_DATETIME.exec(value);
  if (!match) return undefined;
  const normalized = value.replace(/([+-]\d{2}:\d{2}):\d{2}(\.\d+)?$/, '$1').replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? undefined : ms;
}
