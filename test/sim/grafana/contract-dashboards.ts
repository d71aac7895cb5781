import { expect } from 'vitest';
import { anyMessage, denied, msg, type Case } from './contract-case.js';
import { basic, call } from './helpers.js';

const CAROL = basic('carol', 'carol-pw');
const perms = (body: Array<{ userId: number; teamId: number; role?: string; permission: number; inherited: boolean }>) =>
  body.map((p) => [p.userId || p.teamId ? (p.userId ? `user:${p.userId}` : `team:${p.teamId}`) : `role:${p.role}`, p.permission, p.inherited]);

/** Dashboards and their permissions. */
export const dashboardCases: Case[] = [
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
  { name: 'POST /api/dashboards/db as a Viewer: 403', method: 'POST', path: '/api/dashboards/db', auth: CAROL, body: { dashboard: { title: 'X' } }, status: 403, expect: denied('any of dashboards:create, dashboards:write') },
  { name: 'GET /api/dashboards/uid/:uid', method: 'GET', path: '/api/dashboards/uid/nodes', status: 200, expect: { dashboard: { uid: 'nodes', title: 'Nodes', version: 1 }, meta: { folderUid: 'infra', slug: 'nodes', url: '/d/nodes/nodes', isStarred: false, isSnapshot: false, publicDashboardEnabled: false, annotationsPermissions: { dashboard: { canAdd: true } } } } },
  { name: 'GET /api/dashboards/uid/:uid unknown: 404', method: 'GET', path: '/api/dashboards/uid/nope', status: 404, expect: msg('Dashboard not found') },
  {
    // Row 5. Grafana: getDashboardACL skips unmanaged permissions and the folder's entries (another scope), sets Inherited: false and FolderID.
    name: 'GET /api/dashboards/uid/:uid/permissions lists only the dashboard\'s own, none inherited (getDashboardACL)', method: 'GET', path: '/api/dashboards/uid/nodes/permissions', status: 200,
    expect: [{ dashboardId: 2, folderId: 1, folderUid: '', uid: 'nodes', slug: 'nodes', isFolder: false, url: '/d/nodes/nodes' }],
    after: (res) => expect(perms(res.body)).toEqual([['user:3', 1, false]]),
  },
  {
    name: 'POST /api/dashboards/uid/:uid/permissions', method: 'POST', path: '/api/dashboards/uid/home/permissions', body: { items: [{ userId: 3, permission: 2 }] }, status: 200,
    expect: msg('Dashboard permissions updated'),
    after: async (_res, sim) => expect(perms((await call(sim, 'GET', '/api/dashboards/uid/home/permissions')).body)).toEqual([['user:3', 2, false]]),
  },
  { name: 'POST /api/dashboards/uid/:uid/permissions unknown: 404', method: 'POST', path: '/api/dashboards/uid/nope/permissions', body: { items: [] }, status: 404, expect: msg('Dashboard not found') },
  // Row 3: updateDashboardAccessControl's error (validateUser / validateTeam) is answered 500.
  { name: 'dashboard permissions: a user that does not exist: 500 (validateUser)', method: 'POST', path: '/api/dashboards/uid/home/permissions', body: { items: [{ userId: 99, permission: 1 }] }, status: 500, expect: msg('Failed to update permissions') },
  { name: 'dashboard permissions: a team that does not exist: 500 (validateTeam)', method: 'POST', path: '/api/dashboards/uid/home/permissions', body: { items: [{ teamId: 99, permission: 1 }] }, status: 500, expect: msg('Failed to update permissions') },

  // Row 13: saveDashboard reads the deprecated folderId when folderUid is empty.
  {
    name: 'POST /api/dashboards/db with folderId puts it in that folder (BuildSaveDashboardCommand)', method: 'POST', path: '/api/dashboards/db', body: { dashboard: { title: 'By id' }, folderId: 1 }, status: 200,
    expect: { folderUid: 'infra' },
    after: async (res, sim) => expect((await call(sim, 'GET', `/api/dashboards/uid/${res.body.uid}`)).body.meta).toMatchObject({ folderId: 1, folderUid: 'infra' }),
  },
  { name: 'POST /api/dashboards/db with an unknown folderId: 400', method: 'POST', path: '/api/dashboards/db', body: { dashboard: { title: 'X' }, folderId: 77 }, status: 400, expect: msg('folder not found') },

  // ---- DELETE /api/dashboards/uid/:uid (Grafana: deleteDashboard) ----
  {
    name: 'DELETE /api/dashboards/uid/:uid answers {title, message, uid}', method: 'DELETE', path: '/api/dashboards/uid/nodes', status: 200,
    expect: { title: 'Nodes', message: 'Dashboard Nodes deleted', uid: 'nodes' },
    // The Swagger file's deleteDashboardResponse still requires `id`; Grafana 10.4+ answers `uid` instead.
    definition: 'SuccessResponseBody',
    after: async (_res, sim) => {
      expect((await call(sim, 'GET', '/api/dashboards/uid/nodes')).status).toBe(404);
      expect((await call(sim, 'GET', '/api/search?type=dash-db')).body.map((h: { uid: string }) => h.uid)).toEqual(['home']);
    },
  },
  { name: 'DELETE /api/dashboards/uid/:uid unknown: 404', method: 'DELETE', path: '/api/dashboards/uid/nope', status: 404, expect: msg('Dashboard not found') },
  { name: 'DELETE /api/dashboards/uid/:uid of a folder: 400', method: 'DELETE', path: '/api/dashboards/uid/infra', status: 400, expect: msg('Use folders endpoint for deleting folders.') },
  { name: 'DELETE /api/dashboards/uid/:uid as a Viewer: 403', method: 'DELETE', path: '/api/dashboards/uid/nodes', auth: CAROL, status: 403, expect: denied('dashboards:delete') },


];
