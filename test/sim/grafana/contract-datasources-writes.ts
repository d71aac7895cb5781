import { expect } from 'vitest';
import type { GrafanaSim } from '../../../src/sim/grafana/server.js';
import { denied, msg, type Case } from './contract-case.js';
import { BOB, expectSecretNowhere, LOKI, NOT_FOUND, PROM, PROM_BODY } from './contract-datasources.js';
import { bearer, call } from './helpers.js';

/**
 * Data sources, updating and deleting (pkg/api/datasources.go `UpdateDataSourceByID`/`ByUID`
 * → `updateDataSourceByID`, `DeleteDataSourceBy*`; service and store `UpdateDataSource`).
 */
const UPDATE = { name: 'Prometheus 2', type: 'prometheus', access: 'proxy' };
const get = async (sim: GrafanaSim, path: string) => (await call(sim, 'GET', path)).body;
const stateDataSources = async (sim: GrafanaSim) => (await get(sim, '/__sim/state')).datasources as unknown[];

export const dataSourceWriteCases: Case[] = [
  {
    name: 'PUT /api/datasources/:id (UpdateDataSourceByID): id and the sent name beside the stored data source', setup: [PROM],
    method: 'PUT', path: '/api/datasources/1', body: { ...UPDATE, version: 1 }, status: 200,
    expect: { message: 'Datasource updated', id: 1, name: 'Prometheus 2', datasource: { id: 1, uid: 'prom', name: 'Prometheus 2', version: 2 } },
    after: expectSecretNowhere,
  },
  // Grafana's store writes `Version: cmd.Version + 1`: without a version in the body that is 1.
  { name: 'PUT /api/datasources/:id without version: the version becomes 1', setup: [PROM, ['PUT', '/api/datasources/1', { ...UPDATE, version: 1 }]], method: 'PUT', path: '/api/datasources/1', body: UPDATE, status: 200, expect: { datasource: { version: 1 } } },
  // `version < ?` with sent + 1: a version ahead of the stored one is accepted ("force updates").
  { name: 'PUT /api/datasources/:id with a version ahead of the stored one: accepted', setup: [PROM], method: 'PUT', path: '/api/datasources/1', body: { ...UPDATE, version: 5 }, status: 200, expect: { datasource: { version: 6 } } },
  {
    name: 'PUT /api/datasources/:id with a stale version: 409 (ErrDataSourceUpdatingOldVersion)', setup: [PROM, ['PUT', '/api/datasources/1', { ...UPDATE, version: 1 }]],
    method: 'PUT', path: '/api/datasources/1', body: { ...UPDATE, version: 1 }, status: 409, expect: msg('Datasource has already been updated by someone else. Please reload and try again'),
  },
  {
    name: 'PUT /api/datasources/:id merges secrets (fillWithSecureJSONData): unsent keys stay, a key sent empty is cleared', setup: [PROM],
    method: 'PUT', path: '/api/datasources/1', body: { ...UPDATE, secureJsonData: { password: 'p' } }, status: 200, expect: { datasource: { secureJsonFields: { basicAuthPassword: true, password: true } } },
    after: async (_res, sim) => {
      const res = await call(sim, 'PUT', '/api/datasources/1', { body: { ...UPDATE, secureJsonData: { basicAuthPassword: '' } } });
      expect(res.body.datasource.secureJsonFields).toEqual({ password: true });
    },
  },
  {
    name: 'PUT /api/datasources/:id: an empty url keeps the old one (xorm skips it), user and jsonData are replaced', setup: [PROM],
    method: 'PUT', path: '/api/datasources/1', body: { ...UPDATE, url: '', user: '' }, status: 200,
    expect: { datasource: { url: 'http://prom:9090', basicAuth: false, basicAuthUser: 'grafana', jsonData: {} } },
  },
  { name: 'PUT /api/datasources/:id to a taken name: 409', setup: [PROM, LOKI], method: 'PUT', path: '/api/datasources/1', body: { ...UPDATE, name: 'Loki' }, status: 409, expect: msg('Failed to update datasource: data source with the same name already exists') },
  { name: 'PUT /api/datasources/:id without name: 400 (binding Required)', setup: [PROM], method: 'PUT', path: '/api/datasources/1', body: { type: 'prometheus', access: 'proxy' }, status: 400, expect: msg('bad request data') },
  { name: 'PUT /api/datasources/:id not a number: 400', method: 'PUT', path: '/api/datasources/abc', body: UPDATE, status: 400, expect: msg('id is invalid') },
  { name: 'PUT /api/datasources/:id unknown: 404', method: 'PUT', path: '/api/datasources/99', body: UPDATE, status: 404, expect: NOT_FOUND },
  { name: 'PUT /api/datasources/0: 500 (ErrDataSourceIdentifierNotSet is not mapped)', method: 'PUT', path: '/api/datasources/0', body: UPDATE, status: 500, expect: msg('Failed to update datasource') },
  { name: 'PUT /api/datasources/:id to another one\'s uid: 500 (unique index, not mapped)', setup: [PROM, LOKI], method: 'PUT', path: '/api/datasources/1', body: { ...UPDATE, uid: 'loki' }, status: 500, expect: msg('Failed to update datasource') },
  { name: 'PUT /api/datasources/:id to an invalid uid: 400', versions: ['12'], setup: [PROM], method: 'PUT', path: '/api/datasources/1', body: { ...UPDATE, uid: 'a/b' }, status: 400, expect: { message: 'Invalid datasource UID.', messageId: 'datasource.uidInvalid' } },
  {
    name: 'PUT /api/datasources/:id with isDefault takes the default over', setup: [PROM, LOKI],
    method: 'PUT', path: '/api/datasources/2', body: { name: 'Loki', type: 'loki', access: 'proxy', isDefault: true }, status: 200, expect: { datasource: { isDefault: true } },
    after: async (_res, sim) => expect((await get(sim, '/api/datasources/1')).isDefault).toBe(false),
  },
  { name: 'PUT /api/datasources/:id as an Editor: 403', setup: [PROM], method: 'PUT', path: '/api/datasources/1', auth: BOB, body: UPDATE, status: 403, expect: denied('datasources:write') },
  { name: 'PUT /api/datasources/uid/:uid (UpdateDataSourceByUID)', setup: [PROM], method: 'PUT', path: '/api/datasources/uid/prom', body: { ...PROM_BODY, url: 'http://prom:9091' }, status: 200, expect: { message: 'Datasource updated', id: 1, name: 'Prometheus', datasource: { url: 'http://prom:9091' } } },
  { name: 'PUT /api/datasources/uid/:uid unknown: 404', method: 'PUT', path: '/api/datasources/uid/nope', body: UPDATE, status: 404, expect: NOT_FOUND },
  { name: 'PUT /api/datasources/uid/:uid of another org: 404', setup: [PROM], method: 'PUT', path: '/api/datasources/uid/prom', auth: bearer('org2-admin'), body: UPDATE, status: 404, expect: NOT_FOUND },

  {
    name: 'DELETE /api/datasources/:id (DeleteDataSourceById): response.Success, no id', setup: [PROM],
    method: 'DELETE', path: '/api/datasources/1', status: 200, expect: msg('Data source deleted'),
    after: async (res, sim) => {
      expect(res.body).toEqual({ message: 'Data source deleted' });
      expect((await call(sim, 'GET', '/api/datasources/1')).status).toBe(404);
    },
  },
  { name: 'DELETE /api/datasources/:id unknown: 404', method: 'DELETE', path: '/api/datasources/99', status: 404, expect: NOT_FOUND },
  { name: 'DELETE /api/datasources/0: 400', method: 'DELETE', path: '/api/datasources/0', status: 400, expect: msg('Missing valid datasource id') },
  { name: 'DELETE /api/datasources/:id not a number: 400', method: 'DELETE', path: '/api/datasources/abc', status: 400, expect: msg('id is invalid') },
  { name: 'DELETE /api/datasources/uid/:uid (DeleteDataSourceByUID): message and id', setup: [PROM, LOKI], method: 'DELETE', path: '/api/datasources/uid/loki', status: 200, expect: { message: 'Data source deleted', id: 2 }, after: async (_res, sim) => expect(await stateDataSources(sim)).toMatchObject([{ uid: 'prom' }]) },
  { name: 'DELETE /api/datasources/uid/:uid unknown: 404', method: 'DELETE', path: '/api/datasources/uid/nope', status: 404, expect: NOT_FOUND },
  { name: 'DELETE /api/datasources/uid/:uid of another org: 404', setup: [PROM], method: 'DELETE', path: '/api/datasources/uid/prom', auth: bearer('org2-admin'), status: 404, expect: NOT_FOUND },
  { name: 'DELETE /api/datasources/name/:name (DeleteDataSourceByName): message and id', setup: [PROM], method: 'DELETE', path: '/api/datasources/name/Prometheus', status: 200, expect: { message: 'Data source deleted', id: 1 }, after: async (_res, sim) => expect(await stateDataSources(sim)).toEqual([]) },
  { name: 'DELETE /api/datasources/name/:name unknown: 404', method: 'DELETE', path: '/api/datasources/name/nope', status: 404, expect: NOT_FOUND },
  { name: 'DELETE /api/datasources/name/:name as an Editor: 403', setup: [PROM], method: 'DELETE', path: '/api/datasources/name/Prometheus', auth: BOB, status: 403, expect: denied('datasources:delete') },
  {
    name: 'DELETE /api/orgs/:id drops the org\'s data sources',
    setup: [['POST', '/api/orgs', { name: 'Tmp' }], ['POST', '/api/user/using/3'], PROM, ['POST', '/api/user/using/1']],
    method: 'DELETE', path: '/api/orgs/3', status: 200, expect: msg('Organization deleted'),
    after: async (_res, sim) => expect(await stateDataSources(sim)).toEqual([]),
  },
];
