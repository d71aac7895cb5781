import { secureJsonFields } from './datasources.js';
import type { DataSource } from './state.js';

/**
 * Answers about data sources, shaped like Grafana's pkg/api/dtos/datasource.go. The simulator
 * has no plugin catalog, so every type is answered the way Grafana answers a type whose plugin
 * is not installed (`convertModelToDtos`, `GetDataSources`): the generic logo, `typeName` = type.
 */
const GENERIC_LOGO = 'public/img/icn-datasource.svg';

/**
 * `dtos.DataSource` (`GET /api/datasources/:id|uid/:uid|name/:name`, and `datasource` in the
 * add and update answers). Secrets are never answered: `secureJsonFields` names the keys that
 * hold a value. `accessControl` is only filled with `?accesscontrol=true` (not served);
 * `apiVersion`, which the newest Grafana adds, is not in the OpenAPI file and left out.
 */
export function dataSourceDto(ds: DataSource) {
  return {
    id: ds.id,
    uid: ds.uid,
    orgId: ds.orgId,
    name: ds.name,
    type: ds.type,
    typeLogoUrl: GENERIC_LOGO,
    access: ds.access,
    url: ds.url,
    user: ds.user,
    database: ds.database,
    basicAuth: ds.basicAuth,
    basicAuthUser: ds.basicAuthUser,
    withCredentials: ds.withCredentials,
    isDefault: ds.isDefault,
    jsonData: structuredClone(ds.jsonData),
    secureJsonFields: secureJsonFields(ds),
    version: ds.version,
    readOnly: ds.readOnly,
  };
}

/** `dtos.DataSourceListItemDTO` (`GET /api/datasources`): no secrets, no version, no basicAuthUser. */
export function dataSourceListItem(ds: DataSource) {
  return {
    id: ds.id,
    uid: ds.uid,
    orgId: ds.orgId,
    name: ds.name,
    type: ds.type,
    typeName: ds.type,
    typeLogoUrl: GENERIC_LOGO,
    access: ds.access,
    url: ds.url,
    user: ds.user,
    database: ds.database,
    basicAuth: ds.basicAuth,
    isDefault: ds.isDefault,
    jsonData: structuredClone(ds.jsonData),
    readOnly: ds.readOnly,
  };
}
