import { ApiError } from '../shared/api-error.js';
import { conflict, notFound } from './errors.js';
import type { DataSourceCommand } from './datasource-command.js';
import { nextId, shortUid, type DataSource, type GrafanaState } from './state.js';
import { atLeast, type GrafanaVersion } from './version.js';

/**
 * Data sources (Grafana's pkg/services/datasources/service/datasource.go `Service` and
 * service/store.go `SqlStore`). A data source belongs to one org and is found only through
 * it, by id, uid or name; another org's is `404 Data source not found`. Every write checks
 * everything before it changes anything.
 */

export const DATA_SOURCE_NOT_FOUND = 'Data source not found';
const dataSourceNotFound = (): ApiError => notFound(DATA_SOURCE_NOT_FOUND);

/** Grafana: datasources.go `GetDataSources` → store `GetDataSources` (`org_id=?`), then `sort.Sort(DataSourceList)` by lower-cased name. */
export function dataSourcesOfOrg(state: GrafanaState, orgId: number): DataSource[] {
  return [...state.datasources.values()]
    .filter((ds) => ds.orgId === orgId)
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.id - b.id));
}

export type DataSourceKey = { id: number } | { uid: string } | { name: string };

/**
 * Grafana: store.go `getDataSource` (`org_id` plus id, uid or name; SQLite compares `name = ?`
 * and `uid = ?` exactly). An id of 0 is `ErrDataSourceIdentifierNotSet`, which each handler
 * maps differently, so it is left to the caller.
 */
export function getDataSource(state: GrafanaState, orgId: number, key: DataSourceKey): DataSource {
  const found = [...state.datasources.values()].find(
    (ds) => ds.orgId === orgId && ('id' in key ? ds.id === key.id : 'uid' in key ? ds.uid === key.uid : ds.name === key.name),
  );
  if (!found) throw dataSourceNotFound();
  return found;
}

/**
 * Grafana: service `AddDataSource` then store `AddDataSource`. The org's first data source
 * becomes its default; a missing name becomes the type, then `type-1`, `type-2`...
 * (`getAvailableName`, case-insensitive); the name must be free (exact `name = ?`, 409); a
 * missing uid is generated, a given one must be free in the org (409) and, from 12 on, valid.
 */
export function addDataSource(state: GrafanaState, orgId: number, command: DataSourceCommand, version: GrafanaVersion, now: number): DataSource {
  const existing = dataSourcesOfOrg(state, orgId);
  const name = command.name !== '' ? command.name : availableName(command.type, existing);
  if (existing.some((ds) => ds.name === name)) throw conflict('data source with the same name already exists');
  if (command.uid !== '') assertValidUid(command.uid, version);
  if (command.uid !== '' && existing.some((ds) => ds.uid === command.uid)) throw conflict('data source with the same uid already exists');
  const id = nextId(state, 'datasource');
  const ds: DataSource = {
    id,
    uid: command.uid !== '' ? command.uid : shortUid('s', id),
    orgId,
    name,
    type: command.type,
    access: command.access,
    url: command.url,
    user: command.user,
    database: command.database,
    basicAuth: command.basicAuth,
    basicAuthUser: command.basicAuthUser,
    withCredentials: command.withCredentials,
    // Grafana: "Set the first created data source as default".
    isDefault: command.isDefault || existing.length === 0,
    jsonData: command.jsonData ?? {},
    secureJsonData: { ...(command.secureJsonData ?? {}) },
    readOnly: false,
    version: 1,
    created: now,
    updated: now,
  };
  state.datasources.set(id, ds);
  if (ds.isDefault) clearOtherDefaults(state, ds);
  return ds;
}

/**
 * Grafana: handler `updateDataSourceByID`, service `UpdateDataSource`, store `UpdateDataSource`.
 * Quirks kept:
 * - optimistic locking only when the body has a `version`: the row must not be newer than it
 *   (`version < ?` with the new version = sent + 1, so a *higher* version is accepted), else 409;
 * - the stored version becomes sent + 1, so an update without `version` resets it to 1;
 * - xorm skips empty strings not listed in `MustCols`: an empty `url` or `basicAuthUser` keeps
 *   the old value, while `user`, `database`, the booleans and `jsonData` are always replaced;
 * - secrets are merged (`fillWithSecureJSONData`): keys not sent keep their value, a key sent
 *   empty is cleared;
 * - a changed uid must be valid (from 12 on); one another data source has is a unique-index
 *   failure Grafana does not map: 500 "Failed to update datasource".
 */
export function updateDataSource(state: GrafanaState, ds: DataSource, command: DataSourceCommand, version: GrafanaVersion, now: number): DataSource {
  if (ds.readOnly) throw new ApiError(403, 'Cannot update read-only data source');
  const others = dataSourcesOfOrg(state, ds.orgId).filter((other) => other.id !== ds.id);
  if (command.name !== ds.name && others.some((other) => other.name === command.name)) {
    throw conflict('Failed to update datasource: data source with the same name already exists');
  }
  if (command.uid !== '') assertValidUid(command.uid, version);
  if (command.version !== 0 && ds.version > command.version) {
    throw conflict('Datasource has already been updated by someone else. Please reload and try again');
  }
  if (command.uid !== '' && others.some((other) => other.uid === command.uid)) throw new ApiError(500, 'Failed to update datasource');
  const secrets = { ...ds.secureJsonData, ...(command.secureJsonData ?? {}) };
  Object.assign(ds, {
    name: command.name,
    type: command.type,
    access: command.access,
    url: command.url !== '' ? command.url : ds.url,
    user: command.user,
    database: command.database,
    basicAuth: command.basicAuth,
    basicAuthUser: command.basicAuthUser !== '' ? command.basicAuthUser : ds.basicAuthUser,
    withCredentials: command.withCredentials,
    isDefault: command.isDefault,
    jsonData: command.jsonData ?? {},
    secureJsonData: secrets,
    uid: command.uid !== '' ? command.uid : ds.uid,
    version: command.version + 1,
    updated: now,
  });
  if (ds.isDefault) clearOtherDefaults(state, ds);
  return ds;
}

/** Grafana: `DeleteDataSourceBy*`: a read-only (provisioned) data source cannot be deleted. */
export function deleteDataSource(state: GrafanaState, ds: DataSource): void {
  if (ds.readOnly) throw new ApiError(403, 'Cannot delete read-only data source');
  state.datasources.delete(ds.id);
}

/** Grafana: `convertModelToDtos`: a secret counts only when its value is not empty. */
export function secureJsonFields(ds: DataSource): Record<string, boolean> {
  return Object.fromEntries(Object.keys(ds.secureJsonData).filter((key) => ds.secureJsonData[key] !== '').map((key) => [key, true]));
}

/** Grafana: `getAvailableName`: the type, else `type-1`, `type-2`..., compared case-insensitively. */
function availableName(type: string, existing: DataSource[]): string {
  const taken = new Set(existing.map((ds) => ds.name.toLowerCase()));
  let name = type;
  for (let n = 1; taken.has(name.toLowerCase()); n++) name = `${type}-${n}`;
  return name;
}

/** Grafana: store `updateIsDefaultFlag`: one default per org. */
function clearOtherDefaults(state: GrafanaState, ds: DataSource): void {
  for (const other of state.datasources.values()) if (other.orgId === ds.orgId && other.id !== ds.id) other.isDefault = false;
}

/** `util.ValidateUID`: letters, digits, `-` and `_`, at most 40 characters. */
export function isValidUid(uid: string): boolean {
  return uid.length <= 40 && /^[a-zA-Z0-9_-]*$/.test(uid);
}

/**
 * Grafana 11.1 only logged invalid data source uids (`logDeprecatedInvalidDsUid`), 11.2 added
 * the `failWrongDSUID` toggle (off), 12.0 turned it on: `ErrDataSourceUIDInvalid`, an errutil
 * validation error, so the body is errutil's public shape.
 */
function assertValidUid(uid: string, version: GrafanaVersion): void {
  if (!atLeast(version, '12') || isValidUid(uid)) return;
  throw new ApiError(400, 'Invalid datasource UID.', {}, { messageId: 'datasource.uidInvalid', statusCode: 400 });
}
