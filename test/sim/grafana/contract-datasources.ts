import { expect } from 'vitest';
import type { GrafanaSim } from '../../../src/sim/grafana/server.js';
import { denied, msg, type Case } from './contract-case.js';
import { basic, bearer, call, type ApiResponse } from './helpers.js';

/**
 * Data sources, reading and creating (pkg/api/datasources.go `GetDataSources`, `AddDataSource`,
 * `GetDataSourceBy*`, `GetDataSourceIdByName`). The fixture has no data sources; cases create
 * theirs in `setup` as admin, in org 1. Updates and deletes: contract-datasources-writes.ts.
 */
export const BOB = basic('bob', 'bob-pw'); // Editor of org 1
export const CAROL = basic('carol', 'carol-pw'); // Viewer of org 1
export const NOT_FOUND = msg('Data source not found');
export const SECRET = 's3cr3t-never-echoed';

type Setup = [method: string, path: string, body?: unknown];
export const PROM_BODY = {
  name: 'Prometheus', type: 'prometheus', access: 'proxy', url: 'http://prom:9090', uid: 'prom',
  basicAuth: true, basicAuthUser: 'grafana', jsonData: { httpMethod: 'POST' }, secureJsonData: { basicAuthPassword: SECRET },
};
/** id 1, uid prom, the org's default (first data source). */
export const PROM: Setup = ['POST', '/api/datasources', PROM_BODY];
/** id 2, uid loki. */
export const LOKI: Setup = ['POST', '/api/datasources', { name: 'Loki', type: 'loki', access: 'proxy', uid: 'loki' }];
const create = (body: Record<string, unknown>): Setup => ['POST', '/api/datasources', { access: 'proxy', ...body }];

/** Every read answer the simulator has about data sources, and its state: the secret is in none. */
export async function expectSecretNowhere(res: ApiResponse, sim: GrafanaSim): Promise<void> {
  const answers = [res.body];
  for (const path of ['/api/datasources', '/api/datasources/1', '/api/datasources/uid/prom', '/api/datasources/name/Prometheus', '/api/frontend/settings', '/__sim/state']) {
    answers.push((await call(sim, 'GET', path)).body);
  }
  for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(SECRET);
}

const PROM_DTO = {
  id: 1, uid: 'prom', orgId: 1, name: 'Prometheus', type: 'prometheus', typeLogoUrl: 'public/img/icn-datasource.svg', access: 'proxy',
  url: 'http://prom:9090', user: '', database: '', basicAuth: true, basicAuthUser: 'grafana', withCredentials: false, isDefault: true,
  jsonData: { httpMethod: 'POST' }, secureJsonFields: { basicAuthPassword: true }, version: 1, readOnly: false,
};

export const dataSourceReadCases: Case[] = [
  { name: 'GET /api/datasources with none: []', method: 'GET', path: '/api/datasources', status: 200, expect: [] },
  {
    name: 'GET /api/datasources: DataSourceListItemDTO, sorted by lower-cased name (GetDataSources sort.Sort)',
    setup: [create({ name: 'zeta', type: 'loki' }), create({ name: 'Alpha', type: 'prometheus' }), create({ name: 'beta', type: 'tempo' })],
    method: 'GET', path: '/api/datasources', status: 200,
    expect: [
      { id: 2, name: 'Alpha', type: 'prometheus', typeName: 'prometheus', typeLogoUrl: 'public/img/icn-datasource.svg', isDefault: false, jsonData: {}, readOnly: false, orgId: 1 },
      { id: 3, name: 'beta' },
      { id: 1, name: 'zeta', isDefault: true },
    ],
  },
  { name: 'GET /api/datasources as an Editor: 403 (datasources:read is Admin only)', setup: [PROM], method: 'GET', path: '/api/datasources', auth: BOB, status: 403, expect: denied('datasources:read') },
  { name: 'GET /api/datasources as a Viewer: 403', setup: [PROM], method: 'GET', path: '/api/datasources', auth: CAROL, status: 403, expect: denied('datasources:read') },
  { name: 'GET /api/datasources with a Viewer token: 403', method: 'GET', path: '/api/datasources', auth: bearer('org1-viewer'), status: 403, expect: denied('datasources:read') },
  { name: 'GET /api/datasources with an Admin token', setup: [PROM], method: 'GET', path: '/api/datasources', auth: bearer('org1-admin'), status: 200, expect: [{ uid: 'prom' }] },
  { name: 'GET /api/datasources lists only the caller\'s org', setup: [PROM], method: 'GET', path: '/api/datasources', auth: bearer('org2-admin'), status: 200, expect: [] },

  {
    name: 'POST /api/datasources (AddDataSource): the first one is the default; secrets answered as secureJsonFields only',
    method: 'POST', path: '/api/datasources', body: PROM_BODY, status: 200,
    expect: { message: 'Datasource added', id: 1, name: 'Prometheus', datasource: PROM_DTO },
    after: expectSecretNowhere,
  },
  {
    name: 'POST /api/datasources: top-level password and basicAuthPassword are no command fields: dropped',
    method: 'POST', path: '/api/datasources', body: { name: 'Old', type: 'mysql', access: 'proxy', password: SECRET, basicAuthPassword: SECRET }, status: 200,
    expect: { datasource: { name: 'Old', secureJsonFields: {} } },
    after: async (res, sim) => {
      for (const path of ['/api/datasources/1', '/api/datasources', '/__sim/state']) expect(JSON.stringify((await call(sim, 'GET', path)).body)).not.toContain(SECRET);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    },
  },
  { name: 'POST /api/datasources: the second one is not the default', setup: [PROM], method: 'POST', path: '/api/datasources', body: LOKI[2], status: 200, expect: { id: 2, datasource: { uid: 'loki', isDefault: false, version: 1 } } },
  {
    name: 'POST /api/datasources with isDefault takes the default over (updateIsDefaultFlag)', setup: [PROM],
    method: 'POST', path: '/api/datasources', body: { ...(LOKI[2] as object), isDefault: true }, status: 200, expect: { datasource: { isDefault: true } },
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/datasources/uid/prom')).body.isDefault).toBe(false),
  },
  { name: 'POST /api/datasources with a taken name: 409', setup: [PROM], method: 'POST', path: '/api/datasources', body: { name: 'Prometheus', type: 'loki', access: 'proxy' }, status: 409, expect: msg('data source with the same name already exists') },
  // Grafana's store asks `name = ?`: exact on SQLite.
  { name: 'POST /api/datasources: a name that differs only in case is free', setup: [PROM], method: 'POST', path: '/api/datasources', body: { name: 'prometheus', type: 'loki', access: 'proxy' }, status: 200, expect: { name: 'prometheus' } },
  { name: 'POST /api/datasources with a taken uid: 409', setup: [PROM], method: 'POST', path: '/api/datasources', body: { name: 'Other', type: 'loki', access: 'proxy', uid: 'prom' }, status: 409, expect: msg('data source with the same uid already exists') },
  { name: 'POST /api/datasources without a name: named after the type (getAvailableName, case-insensitive)', setup: [PROM], method: 'POST', path: '/api/datasources', body: { type: 'prometheus', access: 'proxy' }, status: 200, expect: { name: 'prometheus-1', datasource: { name: 'prometheus-1' } } },
  { name: 'POST /api/datasources without a uid: one is generated', method: 'POST', path: '/api/datasources', body: { name: 'X', type: 'loki', access: 'proxy' }, status: 200, expect: { datasource: { uid: expect.stringMatching(/^[a-zA-Z0-9]{14}$/) } } },
  { name: 'POST /api/datasources without type: 400 (binding Required)', method: 'POST', path: '/api/datasources', body: { name: 'X', access: 'proxy' }, status: 400, expect: msg('bad request data') },
  { name: 'POST /api/datasources without access: 400 (binding Required)', method: 'POST', path: '/api/datasources', body: { name: 'X', type: 'loki' }, status: 400, expect: msg('bad request data') },
  { name: 'POST /api/datasources with a non-string secret: 400', method: 'POST', path: '/api/datasources', body: { name: 'X', type: 'loki', access: 'proxy', secureJsonData: { password: 1 } }, status: 400, expect: msg('bad request data') },
  {
    name: 'POST /api/datasources with an invalid uid: 400 (failWrongDSUID on by default)', versions: ['12'],
    method: 'POST', path: '/api/datasources', body: { name: 'X', type: 'loki', access: 'proxy', uid: 'not valid!' }, status: 400,
    expect: { message: 'Invalid datasource UID.', messageId: 'datasource.uidInvalid', statusCode: 400 },
  },
  {
    name: 'POST /api/datasources with an invalid uid: accepted (only logged)', versions: ['10.4', '11'],
    method: 'POST', path: '/api/datasources', body: { name: 'X', type: 'loki', access: 'proxy', uid: 'not valid!' }, status: 200, expect: { datasource: { uid: 'not valid!' } },
  },
  { name: 'POST /api/datasources as an Editor: 403', method: 'POST', path: '/api/datasources', auth: BOB, body: LOKI[2], status: 403, expect: denied('datasources:create') },
  { name: 'POST /api/datasources with a Viewer token: 403', method: 'POST', path: '/api/datasources', auth: bearer('org1-viewer'), body: LOKI[2], status: 403, expect: denied('datasources:create') },
  { name: 'POST /api/datasources with an Admin token: in the token\'s org', method: 'POST', path: '/api/datasources', auth: bearer('org2-admin'), body: LOKI[2], status: 200, expect: { datasource: { orgId: 2, isDefault: true } } },

  { name: 'GET /api/datasources/:id (GetDataSourceById)', setup: [PROM], method: 'GET', path: '/api/datasources/1', status: 200, expect: PROM_DTO },
  { name: 'GET /api/datasources/:id unknown: 404', setup: [PROM], method: 'GET', path: '/api/datasources/99', status: 404, expect: NOT_FOUND },
  { name: 'GET /api/datasources/:id not a number: 400', method: 'GET', path: '/api/datasources/abc', status: 400, expect: msg('id is invalid') },
  { name: 'GET /api/datasources/0: 400 (ErrDataSourceIdentifierNotSet)', method: 'GET', path: '/api/datasources/0', status: 400, expect: msg('Datasource id is missing') },
  { name: 'GET /api/datasources/uid/:uid (GetDataSourceByUID)', setup: [PROM], method: 'GET', path: '/api/datasources/uid/prom', status: 200, expect: PROM_DTO },
  { name: 'GET /api/datasources/uid/:uid unknown: 404', method: 'GET', path: '/api/datasources/uid/nope', status: 404, expect: NOT_FOUND },
  {
    name: 'GET /api/datasources/name/:name (GetDataSourceByName), the name decoded', setup: [create({ name: 'My Loki', type: 'loki', uid: 'myloki' })],
    method: 'GET', path: '/api/datasources/name/My%20Loki', status: 200, expect: { uid: 'myloki', name: 'My Loki', secureJsonFields: {} },
  },
  { name: 'GET /api/datasources/name/:name unknown: 404', method: 'GET', path: '/api/datasources/name/nope', status: 404, expect: NOT_FOUND },
  { name: 'GET /api/datasources/uid/:uid as an Editor: 403', setup: [PROM], method: 'GET', path: '/api/datasources/uid/prom', auth: BOB, status: 403, expect: denied('datasources:read') },
  { name: 'GET /api/datasources/:id as a Viewer: 403', setup: [PROM], method: 'GET', path: '/api/datasources/1', auth: CAROL, status: 403, expect: denied('datasources:read') },
  { name: 'GET /api/datasources/id/:name (GetDataSourceIdByName)', setup: [PROM, LOKI], method: 'GET', path: '/api/datasources/id/Loki', status: 200, expect: { id: 2 } },
  { name: 'GET /api/datasources/id/:name as a Viewer (datasources.id:read is granted to Viewer)', setup: [PROM], method: 'GET', path: '/api/datasources/id/Prometheus', auth: CAROL, status: 200, expect: { id: 1 } },
  { name: 'GET /api/datasources/id/:name with a Viewer token', setup: [PROM], method: 'GET', path: '/api/datasources/id/Prometheus', auth: bearer('org1-viewer'), status: 200, expect: { id: 1 } },
  { name: 'GET /api/datasources/id/:name unknown: 404', method: 'GET', path: '/api/datasources/id/nope', status: 404, expect: NOT_FOUND },
  { name: 'GET /api/datasources/uid/:uid of another org: 404', setup: [PROM], method: 'GET', path: '/api/datasources/uid/prom', auth: bearer('org2-admin'), status: 404, expect: NOT_FOUND },
  { name: 'GET /api/datasources/:id of another org: 404', setup: [PROM], method: 'GET', path: '/api/datasources/1', auth: bearer('org2-admin'), status: 404, expect: NOT_FOUND },
  { name: 'GET /api/datasources/name/:name of another org: 404', setup: [PROM], method: 'GET', path: '/api/datasources/name/Prometheus', auth: bearer('org2-admin'), status: 404, expect: NOT_FOUND },
  { name: 'GET /api/datasources/id/:name of another org: 404', setup: [PROM], method: 'GET', path: '/api/datasources/id/Prometheus', auth: bearer('org2-admin'), status: 404, expect: NOT_FOUND },
];
