import { expect } from 'vitest';
import { anyMessage, msg, type Case } from './contract-case.js';
import { basic, bearer, call } from './helpers.js';

const BOB = basic('bob', 'bob-pw');
const CAROL = basic('carol', 'carol-pw');
const DENIED = msg('Permission denied');
const titles = (body: Array<{ title: string }>) => body.map((h) => h.title);
const perms = (body: Array<{ userId: number; teamId: number; role?: string; permission: number; inherited: boolean }>) =>
  body.map((p) => [p.userId || p.teamId ? (p.userId ? `user:${p.userId}` : `team:${p.teamId}`) : `role:${p.role}`, p.permission, p.inherited]);

/** Folders, dashboards, search, permissions, health. */
export const folderCases: Case[] = [
  { name: 'GET /api/health needs no auth', method: 'GET', path: '/api/health', auth: null, status: 200, expect: { database: 'ok' }, definition: null },
  { name: 'GET /api/folders', method: 'GET', path: '/api/folders', status: 200, expect: [{ id: 1, uid: 'infra', title: 'Infrastructure' }] },
  { name: 'GET /api/folders in the token\'s org', method: 'GET', path: '/api/folders', auth: bearer('org2-admin'), status: 200, expect: [{ uid: 'ops-f' }] },
  {
    name: 'POST /api/folders with default permissions', method: 'POST', path: '/api/folders', body: { uid: 'new-f', title: 'New' }, status: 200,
    expect: { uid: 'new-f', title: 'New', orgId: 1, url: '/dashboards/f/new-f/new', version: 1 },
    after: async (_res, sim) => expect(perms((await call(sim, 'GET', '/api/folders/new-f/permissions')).body)).toEqual([['user:1', 4, false], ['role:Editor', 2, false], ['role:Viewer', 1, false]]),
  },
  { name: 'POST /api/folders generates a uid', method: 'POST', path: '/api/folders', auth: BOB, body: { title: 'Bob\'s' }, status: 200, expect: { uid: expect.stringMatching(/^[a-zA-Z0-9]{14}$/), title: 'Bob\'s' } },
  { name: 'POST /api/folders with a taken title: 409', method: 'POST', path: '/api/folders', body: { title: 'infrastructure' }, status: 409, expect: anyMessage() },
  { name: 'POST /api/folders with a taken uid: 409', method: 'POST', path: '/api/folders', body: { uid: 'infra', title: 'Other' }, status: 409, expect: anyMessage() },
  { name: 'POST /api/folders without a title: 400', method: 'POST', path: '/api/folders', body: {}, status: 400, expect: anyMessage() },
  { name: 'POST /api/folders as a Viewer: 403', method: 'POST', path: '/api/folders', auth: CAROL, body: { title: 'X' }, status: 403, expect: DENIED },
  { name: 'GET /api/folders/:uid', method: 'GET', path: '/api/folders/infra', status: 200, expect: { id: 1, uid: 'infra', title: 'Infrastructure', canAdmin: true } },
  { name: 'GET /api/folders/:uid unknown: 404', method: 'GET', path: '/api/folders/nope', status: 404, expect: msg('Folder not found') },
  { name: 'GET /api/folders/:uid of another org: 404', method: 'GET', path: '/api/folders/ops-f', status: 404, expect: msg('Folder not found') },
  {
    name: 'GET /api/folders/:uid/permissions', method: 'GET', path: '/api/folders/infra/permissions', status: 200,
    expect: [{ teamId: 1, team: 'SRE', permission: 2, permissionName: 'Edit', uid: 'infra', isFolder: true }, { role: 'Viewer', permission: 1, permissionName: 'View' }],
  },
  { name: 'GET /api/folders/:uid/permissions as an Editor: 403', method: 'GET', path: '/api/folders/infra/permissions', auth: BOB, status: 403, expect: DENIED },
  {
    name: 'POST /api/folders/:uid/permissions replaces the list', method: 'POST', path: '/api/folders/infra/permissions',
    body: { items: [{ teamId: 2, permission: 1 }, { userId: 4, permission: 4 }, { role: 'Editor', permission: 2 }] }, status: 200, expect: msg('Folder permissions updated'),
    after: async (_res, sim) => expect(perms((await call(sim, 'GET', '/api/folders/infra/permissions')).body)).toEqual([['team:2', 1, false], ['user:4', 4, false], ['role:Editor', 2, false]]),
  },
  {
    name: 'POST /api/folders/:uid/permissions with no items clears it', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [] }, status: 200, expect: anyMessage(),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/folders/infra/permissions')).body).toEqual([]),
  },
  { name: 'folder permissions: a team of another org: 404', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ teamId: 3, permission: 1 }] }, status: 404, expect: msg('Team not found') },
  {
    // resourcepermissions validateUser: GetSignedInUser with a LEFT OUTER JOIN org_user finds users outside the org.
    name: 'folder permissions: a user outside the org is granted (validateUser)', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ userId: 5, permission: 1 }] }, status: 200,
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/folders/infra/permissions')).body).toMatchObject([{ userId: 5, userLogin: 'dave', permission: 1 }]),
  },
  { name: 'folder permissions: permission 3: 400', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ teamId: 1, permission: 3 }] }, status: 400, expect: anyMessage() },
  { name: 'folder permissions: user and team on one item: 400', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ teamId: 1, userId: 2, permission: 1 }] }, status: 400, expect: anyMessage() },
  { name: 'folder permissions: an unknown role: 400', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ role: 'Owner', permission: 1 }] }, status: 400, expect: msg('bad request data') },
  { name: 'folder permissions: one team twice: 400', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ teamId: 1, permission: 1 }, { teamId: 1, permission: 2 }] }, status: 400, expect: anyMessage() },
  { name: 'folder permissions: unknown folder: 404', method: 'POST', path: '/api/folders/nope/permissions', body: { items: [] }, status: 404, expect: msg('Folder not found') },
  { name: 'folder permissions with a Viewer token: 403', method: 'POST', path: '/api/folders/infra/permissions', auth: bearer('org1-viewer'), body: { items: [] }, status: 403, expect: DENIED },

  // ---- dashboards ----
  {
    name: 'POST /api/dashboards/db creates', method: 'POST', path: '/api/dashboards/db', body: { dashboard: { title: 'New dash', tags: ['a'] }, folderUid: 'infra' }, status: 200,
    expect: { status: 'success', version: 1, folderUid: 'infra', uid: expect.any(String), url: expect.stringMatching(/^\/d\/.+\/new-dash$/) },
    after: async (res, sim) => expect((await call(sim, 'GET', `/api/dashboards/uid/${res.body.uid}`)).body.meta).toMatchObject({ folderUid: 'infra', folderTitle: 'Infrastructure' }),
  },
  { name: 'POST /api/dashboards/db updates by uid and version', method: 'POST', path: '/api/dashboards/db', body: { dashboard: { uid: 'nodes', title: 'Nodes', version: 1 }, folderUid: 'infra' }, status: 200, expect: { uid: 'nodes', version: 2 } },
  { name: 'POST /api/dashboards/db with overwrite', method: 'POST', path: '/api/dashboards/db', body: { dashboard: { uid: 'nodes', title: 'Nodes!' }, folderUid: 'infra', overwrite: true }, status: 200, expect: { uid: 'nodes', version: 2 } },
  { name: 'POST /api/dashboards/db with a stale version: 412', method: 'POST', path: '/api/dashboards/db', body: { dashboard: { uid: 'nodes', title: 'Nodes', version: 7 }, folderUid: 'infra' }, status: 412, expect: { status: 'version-mismatch', message: expect.any(String) } },
  { name: 'POST /api/dashboards/db with a title taken in the folder: 412', method: 'POST', path: '/api/dashboards/db', body: { dashboard: { title: 'nodes' }, folderUid: 'infra' }, status: 412, expect: { status: 'name-exists' } },
  { name: 'POST /api/dashboards/db without a title: 400', method: 'POST', path: '/api/dashboards/db', body: { dashboard: { title: '' } }, status: 400, expect: msg('Dashboard title cannot be empty') },
  { name: 'POST /api/dashboards/db into an unknown folder: 400', method: 'POST', path: '/api/dashboards/db', body: { dashboard: { title: 'X' }, folderUid: 'nope' }, status: 400, expect: anyMessage() },
  { name: 'POST /api/dashboards/db as a Viewer: 403', method: 'POST', path: '/api/dashboards/db', auth: CAROL, body: { dashboard: { title: 'X' } }, status: 403, expect: DENIED },
  { name: 'GET /api/dashboards/uid/:uid', method: 'GET', path: '/api/dashboards/uid/nodes', status: 200, expect: { dashboard: { uid: 'nodes', title: 'Nodes', version: 1 }, meta: { folderUid: 'infra', slug: 'nodes', url: '/d/nodes/nodes' } } },
  { name: 'GET /api/dashboards/uid/:uid unknown: 404', method: 'GET', path: '/api/dashboards/uid/nope', status: 404, expect: msg('Dashboard not found') },
  {
    name: 'GET /api/dashboards/uid/:uid/permissions lists the folder\'s as inherited', method: 'GET', path: '/api/dashboards/uid/nodes/permissions', status: 200,
    after: (res) => expect(perms(res.body)).toEqual([['team:1', 2, true], ['role:Viewer', 1, true], ['user:3', 1, false]]),
  },
  {
    name: 'POST /api/dashboards/uid/:uid/permissions', method: 'POST', path: '/api/dashboards/uid/home/permissions', body: { items: [{ userId: 3, permission: 2 }] }, status: 200,
    expect: msg('Dashboard permissions updated'),
    after: async (_res, sim) => expect(perms((await call(sim, 'GET', '/api/dashboards/uid/home/permissions')).body)).toEqual([['user:3', 2, false]]),
  },
  { name: 'POST /api/dashboards/uid/:uid/permissions unknown: 404', method: 'POST', path: '/api/dashboards/uid/nope/permissions', body: { items: [] }, status: 404, expect: msg('Dashboard not found') },

  // ---- search ----
  { name: 'GET /api/search', method: 'GET', path: '/api/search', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Home', 'Infrastructure', 'Nodes']) },
  { name: 'GET /api/search?type=dash-folder', method: 'GET', path: '/api/search?type=dash-folder', status: 200, expect: [{ uid: 'infra', type: 'dash-folder' }] },
  {
    name: 'GET /api/search?type=dash-db', method: 'GET', path: '/api/search?type=dash-db', status: 200,
    expect: [{ uid: 'home', type: 'dash-db' }, { uid: 'nodes', type: 'dash-db', folderUid: 'infra', folderTitle: 'Infrastructure', tags: ['infra'] }],
  },
  { name: 'GET /api/search?query=', method: 'GET', path: '/api/search?query=NOD', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Nodes']) },
  { name: 'GET /api/search pages 1-based with limit', method: 'GET', path: '/api/search?limit=1&page=2', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Infrastructure']) },
  { name: 'GET /api/search?folderUIDs=', method: 'GET', path: '/api/search?folderUIDs=infra', status: 200, after: (res) => expect(titles(res.body)).toEqual(['Nodes']) },
  { name: 'GET /api/search with a token of another org', method: 'GET', path: '/api/search', auth: bearer('org2-admin'), status: 200, after: (res) => expect(titles(res.body)).toEqual(['Ops folder']) },
];
