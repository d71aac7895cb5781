import { objectBody, optionalBoolean, optionalInt, optionalString } from './body.js';
import { badRequestData } from './errors.js';
import type { DataSource } from './state.js';

/**
 * The body of `POST /api/datasources` and `PUT /api/datasources/...`, decoded the way Grafana's
 * `web.Bind` decodes `datasources.AddDataSourceCommand` / `UpdateDataSourceCommand`
 * (pkg/services/datasources/models.go): a field of the wrong type, or an empty field tagged
 * `binding:"Required"`, is `400 bad request data`; unknown fields are ignored. That includes
 * the top-level `password` and `basicAuthPassword` of old Grafana releases: 10.4-12 have no
 * such command fields, so those values are dropped, never stored and never answered.
 */
export type DataSourceCommand = Pick<
  DataSource,
  'name' | 'type' | 'access' | 'url' | 'user' | 'database' | 'basicAuth' | 'basicAuthUser' | 'withCredentials' | 'isDefault' | 'uid'
> & {
  /** `undefined` when absent or null (Grafana then stores `{}`). */
  jsonData: Record<string, unknown> | undefined;
  /** `undefined` when absent or null. */
  secureJsonData: Record<string, string> | undefined;
  /** Only the update command has it; 0 when absent. */
  version: number;
};

/**
 * `required` lists the `binding:"Required"` fields: the add command requires `type` and
 * `access` (its `name` became optional when Grafana started naming data sources itself,
 * `getAvailableName`); the update command requires `name`, `type` and `access`.
 */
export function readDataSourceCommand(raw: unknown, required: ReadonlyArray<'name' | 'type' | 'access'>): DataSourceCommand {
  const body = objectBody(raw);
  const text = (key: string) => optionalString(body, key) ?? '';
  const command: DataSourceCommand = {
    name: text('name'),
    type: text('type'),
    access: text('access'),
    url: text('url'),
    user: text('user'),
    database: text('database'),
    basicAuth: optionalBoolean(body, 'basicAuth') ?? false,
    basicAuthUser: text('basicAuthUser'),
    withCredentials: optionalBoolean(body, 'withCredentials') ?? false,
    isDefault: optionalBoolean(body, 'isDefault') ?? false,
    jsonData: jsonObject(body['jsonData']),
    secureJsonData: stringMap(body['secureJsonData']),
    uid: text('uid'),
    version: optionalInt(body, 'version') ?? 0,
  };
  if (required.some((key) => command[key] === '')) throw badRequestData();
  return command;
}

function jsonObject(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  // simplejson would take any JSON value here; an object is the only useful one, and the
  // simulator refuses the rest rather than store something Grafana's own UI could not edit.
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequestData();
  return structuredClone(value as Record<string, unknown>);
}

/** `map[string]string`: every value must be a string. */
function stringMap(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequestData();
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') throw badRequestData();
    out[key] = v;
  }
  return out;
}
