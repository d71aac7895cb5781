import { list, obj, opt, optBoolean, req, SeedDataError, type Obj } from '../shared/seed-reader.js';
import { isValidUid } from './datasources.js';
import { shortUid, type GrafanaState, type Org } from './state.js';

/**
 * `orgs[].datasources` of `--data`, like Grafana's provisioning files (datasource.yaml):
 *   [{ name, type, uid?, url?, access?, isDefault?, jsonData?, secureJsonData? }]
 * `access` defaults to `proxy`, as provisioning does. Names and uids are unique per org, a
 * given uid must be valid (`util.ValidateUID`), and at most one data source per org may be the
 * default (provisioning: "Only one datasource per organization can be marked as default").
 */
export function seedDataSources(state: GrafanaState, org: Org, orgDoc: Obj, at: string, timestamp: number): void {
  const names = new Set<string>();
  const uids = new Set<string>();
  let defaults = 0;
  list(orgDoc, 'datasources').forEach((raw, i) => {
    const dat = `${at}.datasources[${i}]`;
    const d = obj(raw, dat, ['name', 'type', 'uid', 'url', 'access', 'isDefault', 'jsonData', 'secureJsonData']);
    const name = req(d, 'name', dat, 'string');
    if (names.has(name)) throw new SeedDataError(`${dat}.name: "${name}" used twice in the org`);
    names.add(name);
    const id = ++state.lastId.datasource;
    const uid = opt(d, 'uid', dat, 'string') ?? shortUid('s', id);
    if (!isValidUid(uid)) throw new SeedDataError(`${dat}.uid: "${uid}" is not a valid uid (letters, digits, - and _, at most 40)`);
    if (uids.has(uid)) throw new SeedDataError(`${dat}.uid: "${uid}" used twice in the org`);
    uids.add(uid);
    const isDefault = optBoolean(d, 'isDefault', dat) ?? false;
    if (isDefault && ++defaults > 1) throw new SeedDataError(`${dat}.isDefault: only one data source per org can be the default`);
    state.datasources.set(id, {
      id, uid, orgId: org.id, name,
      type: req(d, 'type', dat, 'string'),
      access: opt(d, 'access', dat, 'string') ?? 'proxy',
      url: opt(d, 'url', dat, 'string') ?? '',
      user: '', database: '', basicAuth: false, basicAuthUser: '', withCredentials: false,
      isDefault,
      jsonData: mapping(d, 'jsonData', dat),
      secureJsonData: secrets(d, dat),
      readOnly: false, version: 1, created: timestamp, updated: timestamp,
    });
  });
}

function mapping(d: Obj, key: string, at: string): Record<string, unknown> {
  const value = d[key];
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SeedDataError(`${at}.${key}: expected a mapping`);
  return structuredClone(value as Record<string, unknown>);
}

function secrets(d: Obj, at: string): Record<string, string> {
  const value = mapping(d, 'secureJsonData', at);
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new SeedDataError(`${at}.secureJsonData.${key}: expected a string`);
  }
  return value as Record<string, string>;
}
