import { expect } from 'vitest';
import { msg, type Case } from './contract-case.js';
import { basic, bearer, call } from './helpers.js';

const ALICE = basic('alice', 'alice-pw');
const CAROL = basic('carol', 'carol-pw');
const DENIED = msg('Permission denied');
/** The fixture has users 1-6; a service account is a user row in Grafana, so the first one made is 7. */
const CREATE_CI_BOT: [string, string, unknown] = ['POST', '/api/serviceaccounts', { name: 'CI bot', role: 'Editor' }];
const NOT_FOUND = msg('service account not found');

/**
 * Service accounts and their tokens (Grafana: pkg/services/serviceaccounts/api/api.go, token.go;
 * database/store.go). The fixture's `--data` tokens belong to no listed service account, so
 * every case that lists or uses one creates it in `setup`.
 */
export const serviceAccountCases: Case[] = [
  {
    name: 'POST /api/serviceaccounts creates one in the caller\'s org (CreateServiceAccount: 201, login sa-<org>-<name>)',
    method: 'POST', path: '/api/serviceaccounts', body: { name: 'CI bot', role: 'Editor' }, status: 201,
    expect: { id: 7, name: 'CI bot', login: 'sa-1-ci-bot', orgId: 1, role: 'Editor', isDisabled: false, tokens: 0 },
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/users/search?query=ci')).body.totalCount).toBe(0),
  },
  { name: 'POST /api/serviceaccounts: role defaults to Viewer (store CreateServiceAccount)', method: 'POST', path: '/api/serviceaccounts', body: { name: 'Reader' }, status: 201, expect: { role: 'Viewer', login: 'sa-1-reader' } },
  {
    name: 'POST /api/serviceaccounts with a name taken in the org, in another case: 400 (LoginConflict)', setup: [CREATE_CI_BOT],
    method: 'POST', path: '/api/serviceaccounts', body: { name: 'ci BOT' }, status: 400, expect: { message: 'service account already exists', messageId: 'serviceaccounts.ErrAlreadyExists' },
  },
  {
    name: 'POST /api/serviceaccounts: a name another org uses is free (generateLogin includes the org id)', setup: [CREATE_CI_BOT],
    method: 'POST', path: '/api/serviceaccounts', auth: ALICE, orgId: 2, body: { name: 'CI bot' }, status: 201, expect: { id: 8, orgId: 2, login: 'sa-2-ci-bot' },
  },
  { name: 'POST /api/serviceaccounts without a name: 400 (binding:"Required")', method: 'POST', path: '/api/serviceaccounts', body: { role: 'Viewer' }, status: 400, expect: msg('Bad request data') },
  { name: 'POST /api/serviceaccounts with an unknown role: 400 (org.RoleType decoding)', method: 'POST', path: '/api/serviceaccounts', body: { name: 'X', role: 'Owner' }, status: 400, expect: msg('Bad request data') },
  { name: 'POST /api/serviceaccounts as a Viewer: 403', method: 'POST', path: '/api/serviceaccounts', auth: CAROL, body: { name: 'X' }, status: 403, expect: DENIED },
  { name: 'POST /api/serviceaccounts with a Viewer token: 403', method: 'POST', path: '/api/serviceaccounts', auth: bearer('org1-viewer'), body: { name: 'X' }, status: 403, expect: DENIED },
  {
    name: 'GET /api/serviceaccounts/search (SearchOrgServiceAccountsWithPaging)', setup: [CREATE_CI_BOT],
    method: 'GET', path: '/api/serviceaccounts/search?query=bot', status: 200,
    expect: { totalCount: 1, page: 1, perPage: 1000, serviceAccounts: [{ id: 7, name: 'CI bot', login: 'sa-1-ci-bot', role: 'Editor', tokens: 0 }] },
  },
  { name: 'GET /api/serviceaccounts/search as a Viewer: 403', method: 'GET', path: '/api/serviceaccounts/search', auth: CAROL, status: 403, expect: DENIED },
  {
    // RetrieveServiceAccount answers ServiceAccountProfileDTO; its swagger comment names ServiceAccountDTO.
    name: 'GET /api/serviceaccounts/:id (RetrieveServiceAccount: the profile)', setup: [CREATE_CI_BOT],
    method: 'GET', path: '/api/serviceaccounts/7', status: 200, definition: 'ServiceAccountProfileDTO',
    expect: { id: 7, name: 'CI bot', login: 'sa-1-ci-bot', orgId: 1, role: 'Editor', teams: [] },
  },
  { name: 'GET /api/serviceaccounts/:id unknown: 404 (ErrServiceAccountNotFound)', method: 'GET', path: '/api/serviceaccounts/99', status: 404, expect: NOT_FOUND },
  {
    name: 'GET /api/serviceaccounts/:id of another org: 404 (RetrieveServiceAccount filters by org)', setup: [CREATE_CI_BOT],
    method: 'GET', path: '/api/serviceaccounts/7', auth: ALICE, orgId: 2, status: 404, expect: NOT_FOUND,
  },
  {
    name: 'POST /api/serviceaccounts/:id/tokens: the key acts as the service account, in its org with its role (CreateToken)',
    setup: [['POST', '/api/serviceaccounts', { name: 'Reader' }]],
    method: 'POST', path: '/api/serviceaccounts/7/tokens', body: { name: 'ci' }, status: 200,
    expect: { id: expect.any(Number), name: 'ci', key: expect.stringMatching(/^glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}$/) },
    after: async (res, sim) => {
      const token = bearer(res.body.key);
      expect((await call(sim, 'GET', '/api/org', { auth: token })).body).toMatchObject({ id: 1 });
      expect((await call(sim, 'GET', '/api/folders', { auth: token })).status).toBe(200);
      expect((await call(sim, 'POST', '/api/teams', { auth: token, body: { name: 'X' } })).status).toBe(403);
      expect((await call(sim, 'GET', '/api/serviceaccounts/7')).body).toMatchObject({ tokens: 1 });
    },
  },
  { name: 'POST /api/serviceaccounts/:id/tokens of an unknown service account: 404', method: 'POST', path: '/api/serviceaccounts/99/tokens', body: { name: 'ci' }, status: 404, expect: NOT_FOUND },
  {
    name: 'POST /api/serviceaccounts/:id/tokens with a name taken in the org: 400 (ErrDuplicateToken)',
    setup: [CREATE_CI_BOT, ['POST', '/api/serviceaccounts/7/tokens', { name: 'ci' }]],
    method: 'POST', path: '/api/serviceaccounts/7/tokens', body: { name: 'ci' }, status: 400,
    expect: { message: 'service account token with given name already exists in the organization' },
  },
  { name: 'POST /api/serviceaccounts/:id/tokens without a name: 400', setup: [CREATE_CI_BOT], method: 'POST', path: '/api/serviceaccounts/7/tokens', body: {}, status: 400, expect: msg('Bad request data') },
  { name: 'POST /api/serviceaccounts/:id/tokens as a Viewer: 403', method: 'POST', path: '/api/serviceaccounts/7/tokens', auth: CAROL, body: { name: 'ci' }, status: 403, expect: DENIED },
];
