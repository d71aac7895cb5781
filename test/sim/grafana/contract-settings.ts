import { expect } from 'vitest';
import { denied, msg, type Case } from './contract-case.js';
import { CAROL, LOKI, PROM } from './contract-datasources.js';
import { basic, bearer } from './helpers.js';

/**
 * `GET /api/frontend/settings` (pkg/api/frontendsettings.go `getFrontendSettings`; not in the
 * OpenAPI file, so no definition to check) and `GET /api/users/:id/teams` (pkg/api/user.go
 * `GetUserTeams` → `getUserTeamList`).
 */
export const settingsCases: Case[] = [
  // Per release line, so that the same case holds against a real Grafana of that line.
  ...(['10.4', '11', '12'] as const).map((version): Case => ({
    name: 'GET /api/frontend/settings: buildInfo.version of the release line, edition Open Source', versions: [version],
    method: 'GET', path: '/api/frontend/settings', status: 200, definition: null,
    expect: {
      buildInfo: { version: expect.stringMatching(new RegExp(`^${version.replace('.', '\\.')}\\.`)), edition: 'Open Source', hideVersion: false },
      anonymousEnabled: false, defaultDatasource: '-- Grafana --', datasources: {},
    },
  })),
  // Feature toggles list only what is enabled (GetEnabled): nestedFolders is on by default in 11 only.
  { name: 'GET /api/frontend/settings: featureToggles.nestedFolders on by default', versions: ['11'], method: 'GET', path: '/api/frontend/settings', status: 200, definition: null, expect: { featureToggles: { nestedFolders: true } } },
  {
    name: 'GET /api/frontend/settings: no nestedFolders toggle (10.4: off by default; 12.2: toggle removed, grafana#109212)', versions: ['10.4', '12'],
    method: 'GET', path: '/api/frontend/settings', status: 200, definition: null, expect: { featureToggles: {} },
    after: (res) => expect(res.body.featureToggles).not.toHaveProperty('nestedFolders'),
  },
  {
    name: 'GET /api/frontend/settings: datasources keyed by name (getFSDataSources), proxied urls, the default\'s name', setup: [PROM, LOKI],
    method: 'GET', path: '/api/frontend/settings', auth: CAROL, status: 200, definition: null,
    expect: {
      defaultDatasource: 'Prometheus',
      datasources: {
        Prometheus: { id: 1, uid: 'prom', type: 'prometheus', name: 'Prometheus', url: '/api/datasources/proxy/uid/prom', isDefault: true, access: 'proxy', readOnly: false },
        Loki: { id: 2, uid: 'loki', isDefault: false },
      },
    },
  },
  { name: 'GET /api/frontend/settings with a token: the token\'s org', setup: [PROM], method: 'GET', path: '/api/frontend/settings', auth: bearer('org2-admin'), status: 200, definition: null, expect: { datasources: {}, defaultDatasource: '-- Grafana --' } },

  // bob is in SRE (org 1) and Oncall (org 2): only the caller's org counts.
  { name: 'GET /api/users/:id/teams: the user\'s teams in the caller\'s org, permission 0', method: 'GET', path: '/api/users/3/teams', status: 200, expect: [{ id: 1, name: 'SRE', orgId: 1, memberCount: 2, permission: 0 }] },
  { name: 'GET /api/users/:id/teams of an unknown user: 200 [] (no lookup)', method: 'GET', path: '/api/users/99/teams', status: 200, expect: [] },
  { name: 'GET /api/users/:id/teams not a number: 400', method: 'GET', path: '/api/users/abc/teams', status: 400, expect: msg('id is invalid') },
  { name: 'GET /api/users/:id/teams as a non server admin: 403', method: 'GET', path: '/api/users/3/teams', auth: basic('alice', 'alice-pw'), status: 403, expect: denied('users:read') },
  { name: 'GET /api/users/:id/teams with a token: 403', method: 'GET', path: '/api/users/3/teams', auth: bearer('org1-admin'), status: 403, expect: denied('users:read') },
];
