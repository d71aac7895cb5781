import { expect } from 'vitest';
import { anyMessage, denied, msg, type Case } from './contract-case.js';
import { folderTreeCases } from './contract-folder-tree.js';
import { basic, bearer, call } from './helpers.js';

const BOB = basic('bob', 'bob-pw');
const CAROL = basic('carol', 'carol-pw');
/** Grafana: apierrors.ToFolderErrorResponse for `dashboards.ErrFolderNotFound` (row 19). */
const FOLDER_NOT_FOUND = { status: 'not-found', message: 'folder not found' };
const perms = (body: Array<{ userId: number; teamId: number; role?: string; permission: number; inherited: boolean }>) =>
  body.map((p) => [p.userId || p.teamId ? (p.userId ? `user:${p.userId}` : `team:${p.teamId}`) : `role:${p.role}`, p.permission, p.inherited]);

/** Folders, their permissions, health. Dashboards: contract-dashboards.ts; search: contract-search.ts. */
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
  // Grafana: dashboards.ErrFolderSameNameExists (row 20) and ErrFolderWithSameUIDExists, both lower-case.
  { name: 'POST /api/folders with a title taken at the root: 409 ErrFolderSameNameExists', method: 'POST', path: '/api/folders', body: { title: 'infrastructure' }, status: 409, expect: msg('a folder or dashboard in the general folder with the same name already exists') },
  { name: 'POST /api/folders with a taken uid: 409 ErrFolderWithSameUIDExists', method: 'POST', path: '/api/folders', body: { uid: 'infra', title: 'Other' }, status: 409, expect: msg('a folder/dashboard with the same uid already exists') },
  { name: 'POST /api/folders without a title: 400', method: 'POST', path: '/api/folders', body: {}, status: 400, expect: anyMessage() },
  { name: 'POST /api/folders as a Viewer: 403', method: 'POST', path: '/api/folders', auth: CAROL, body: { title: 'X' }, status: 403, expect: denied('folders:create') },
  { name: 'GET /api/folders/:uid', method: 'GET', path: '/api/folders/infra', status: 200, expect: { id: 1, uid: 'infra', title: 'Infrastructure', canAdmin: true } },
  { name: 'GET /api/folders/:uid unknown: 404 ToFolderErrorResponse body', method: 'GET', path: '/api/folders/nope', status: 404, expect: FOLDER_NOT_FOUND },
  { name: 'GET /api/folders/:uid of another org: 404 ToFolderErrorResponse body', method: 'GET', path: '/api/folders/ops-f', status: 404, expect: FOLDER_NOT_FOUND },
  {
    name: 'GET /api/folders/:uid/permissions', method: 'GET', path: '/api/folders/infra/permissions', status: 200,
    expect: [{ teamId: 1, team: 'SRE', permission: 2, permissionName: 'Edit', uid: 'infra', isFolder: true }, { role: 'Viewer', permission: 1, permissionName: 'View' }],
  },
  {
    // Grafana: GetFolderPermissionList sets FolderID = folder.ID, DashboardID = 0; getFolderACL sets FolderUID = folder.ParentUID.
    name: 'GET /api/folders/:uid/permissions items: dashboardId 0, folderId the folder, folderUid its parent (GetFolderPermissionList)', method: 'GET', path: '/api/folders/infra/permissions', status: 200,
    expect: [{ dashboardId: 0, folderId: 1, folderUid: '', slug: '', inherited: false }, { dashboardId: 0, folderId: 1, folderUid: '' }],
  },
  { name: 'GET /api/folders/:uid/permissions as an Editor: 403', method: 'GET', path: '/api/folders/infra/permissions', auth: BOB, status: 403, expect: denied('folders.permissions:read') },
  {
    name: 'POST /api/folders/:uid/permissions replaces the list', method: 'POST', path: '/api/folders/infra/permissions',
    body: { items: [{ teamId: 2, permission: 1 }, { userId: 4, permission: 4 }, { role: 'Editor', permission: 2 }] }, status: 200, expect: msg('Folder permissions updated'),
    after: async (_res, sim) => expect(perms((await call(sim, 'GET', '/api/folders/infra/permissions')).body)).toEqual([['team:2', 1, false], ['user:4', 4, false], ['role:Editor', 2, false]]),
  },
  {
    name: 'POST /api/folders/:uid/permissions with no items clears it', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [] }, status: 200, expect: anyMessage(),
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/folders/infra/permissions')).body).toEqual([]),
  },
  // Row 3: SetPermissions' validateTeam/validateUser errors are unmapped: UpdateFolderPermissions answers 500.
  { name: 'folder permissions: a team of another org: 500 (validateTeam)', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ teamId: 3, permission: 1 }] }, status: 500, expect: msg('Failed to create permission') },
  { name: 'folder permissions: a team that does not exist: 500 (validateTeam)', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ teamId: 99, permission: 1 }] }, status: 500, expect: msg('Failed to create permission') },
  { name: 'folder permissions: a user that does not exist: 500 (validateUser)', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ userId: 99, permission: 1 }] }, status: 500, expect: msg('Failed to create permission') },
  {
    // resourcepermissions validateUser: GetSignedInUser with a LEFT OUTER JOIN org_user finds users outside the org.
    name: 'folder permissions: a user outside the org is granted (validateUser)', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ userId: 5, permission: 1 }] }, status: 200,
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/folders/infra/permissions')).body).toMatchObject([{ userId: 5, userLogin: 'dave', permission: 1 }]),
  },
  // Row 18: PermissionType(3).String() is "", which SetPermissions (mapPermission("")) reads as removal.
  {
    name: 'folder permissions: permission 3 removes the principal (mapPermission("")): 200', method: 'POST', path: '/api/folders/infra/permissions',
    body: { items: [{ teamId: 1, permission: 3 }, { role: 'Viewer', permission: 1 }] }, status: 200, expect: msg('Folder permissions updated'),
    after: async (_res, sim) => expect(perms((await call(sim, 'GET', '/api/folders/infra/permissions')).body)).toEqual([['role:Viewer', 1, false]]),
  },
  // Row 18: validatePermissionsUpdate's two messages are swapped in dashboardaccess.
  { name: 'folder permissions: user and team on one item: 400 ErrPermissionsWithUserAndTeamNotAllowed', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ teamId: 1, userId: 2, permission: 1 }] }, status: 400, expect: msg('team and user permissions cannot have an associated role') },
  { name: 'folder permissions: role and user on one item: 400 ErrPermissionsWithRoleNotAllowed', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ role: 'Viewer', userId: 2, permission: 1 }] }, status: 400, expect: msg('permissions cannot have both a user and team') },
  { name: 'folder permissions: the body is validated before the folder is looked up (UpdateFolderPermissions)', method: 'POST', path: '/api/folders/nope/permissions', body: { items: [{ teamId: 1, userId: 2, permission: 1 }] }, status: 400, expect: msg('team and user permissions cannot have an associated role') },
  { name: 'folder permissions: an unknown role: 400', method: 'POST', path: '/api/folders/infra/permissions', body: { items: [{ role: 'Owner', permission: 1 }] }, status: 400, expect: msg('bad request data') },
  // Row 18: the commands run in order in one SetPermissions call; the last one for a principal wins.
  {
    name: 'folder permissions: one team twice: 200, the last wins (SetPermissions)', method: 'POST', path: '/api/folders/infra/permissions',
    body: { items: [{ teamId: 1, permission: 1 }, { teamId: 1, permission: 2 }] }, status: 200, expect: msg('Folder permissions updated'),
    after: async (_res, sim) => expect(perms((await call(sim, 'GET', '/api/folders/infra/permissions')).body)).toEqual([['team:1', 2, false]]),
  },
  { name: 'folder permissions: unknown folder: 404', method: 'POST', path: '/api/folders/nope/permissions', body: { items: [] }, status: 404, expect: FOLDER_NOT_FOUND },
  { name: 'folder permissions with a Viewer token: 403', method: 'POST', path: '/api/folders/infra/permissions', auth: bearer('org1-viewer'), body: { items: [] }, status: 403, expect: denied('folders.permissions:write') },

  ...folderTreeCases,
];
