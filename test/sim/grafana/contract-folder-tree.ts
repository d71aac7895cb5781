import { expect } from 'vitest';
import { denied, msg, type Case } from './contract-case.js';
import { basic, call } from './helpers.js';

const CAROL = basic('carol', 'carol-pw');
const FOLDER_NOT_FOUND = { status: 'not-found', message: 'folder not found' };
const NESTED = ['11', '12'] as const;
const SUBFOLDER: [string, string, unknown] = ['POST', '/api/folders', { uid: 'sub', title: 'Sub', parentUid: 'infra' }];
const titles = (body: Array<{ title: string }>) => body.map((h) => h.title);

/**
 * Nested folders (rows 6, 7), `PUT /api/folders/:uid`, `POST /api/folders/:uid/move` and
 * `DELETE /api/folders/:uid`. Nested folders follow the `nestedFolders` toggle's default:
 * off in 10.4, on from 11 (pkg/api/folder.go checks `featuremgmt.FlagNestedFolders`).
 */
export const folderTreeCases: Case[] = [
  // ---- nested folders (row 7) ----
  {
    name: 'POST /api/folders with parentUid makes a subfolder, creator Admin only (CreateFolder, setDefaultFolderPermissions)', versions: NESTED,
    method: 'POST', path: '/api/folders', body: { uid: 'sub', title: 'Sub', parentUid: 'infra' }, status: 200,
    expect: { uid: 'sub', parentUid: 'infra', parents: [{ uid: 'infra', title: 'Infrastructure' }] },
    after: async (_res, sim) => {
      const acl = (await call(sim, 'GET', '/api/folders/sub/permissions')).body;
      expect(acl.map((p: { userId: number; role?: string }) => p.role ?? `user:${p.userId}`)).toEqual(['user:1']);
      expect(acl[0]).toMatchObject({ folderUid: 'infra', permission: 4 });
    },
  },
  {
    name: 'POST /api/folders: a title is unique per parent only (folder store)', versions: NESTED,
    setup: [['POST', '/api/folders', { uid: 'team-a', title: 'Team A' }]],
    method: 'POST', path: '/api/folders', body: { title: 'Infrastructure', parentUid: 'team-a' }, status: 200, expect: { title: 'Infrastructure', parentUid: 'team-a' },
  },
  {
    name: 'POST /api/folders: a title taken in the same parent: 409 ErrFolderSameNameExists', versions: NESTED, setup: [SUBFOLDER],
    method: 'POST', path: '/api/folders', body: { title: 'sub', parentUid: 'infra' }, status: 409, expect: msg('a folder or dashboard in the general folder with the same name already exists'),
  },
  { name: 'POST /api/folders with an unknown parentUid: 404', versions: NESTED, method: 'POST', path: '/api/folders', body: { title: 'X', parentUid: 'nope' }, status: 404, expect: FOLDER_NOT_FOUND },
  {
    name: 'GET /api/folders lists the root, ?parentUid= the children (GetFolders, GetChildren)', versions: NESTED, setup: [SUBFOLDER],
    method: 'GET', path: '/api/folders?parentUid=infra', status: 200, expect: [{ uid: 'sub', title: 'Sub', parentUid: 'infra' }],
    after: async (_res, sim) => expect(titles((await call(sim, 'GET', '/api/folders')).body)).toEqual(['Infrastructure']),
  },
  {
    name: 'GET /api/search?type=dash-folder: a nested folder carries its parent as folderUid', versions: NESTED, setup: [SUBFOLDER],
    method: 'GET', path: '/api/search?type=dash-folder', status: 200,
    expect: [{ uid: 'infra', type: 'dash-folder' }, { uid: 'sub', type: 'dash-folder', folderId: 1, folderUid: 'infra', folderTitle: 'Infrastructure' }],
  },
  {
    name: 'GET /api/folders/:uid of a subfolder lists its parents, root first (newToFolderDto)', versions: NESTED,
    setup: [SUBFOLDER, ['POST', '/api/folders', { uid: 'subsub', title: 'Deeper', parentUid: 'sub' }]],
    method: 'GET', path: '/api/folders/subsub', status: 200, expect: { parentUid: 'sub', parents: [{ uid: 'infra' }, { uid: 'sub' }] },
  },

  // ---- POST /api/folders/:uid/move ----
  {
    name: 'POST /api/folders/:uid/move under another folder (MoveFolder)', versions: NESTED, setup: [['POST', '/api/folders', { uid: 'team-a', title: 'Team A' }]],
    method: 'POST', path: '/api/folders/team-a/move', body: { parentUid: 'infra' }, status: 200, expect: { uid: 'team-a', parentUid: 'infra' },
    after: async (_res, sim) => expect(titles((await call(sim, 'GET', '/api/folders')).body)).toEqual(['Infrastructure']),
  },
  {
    name: 'POST /api/folders/:uid/move to the root', versions: NESTED, setup: [SUBFOLDER],
    method: 'POST', path: '/api/folders/sub/move', body: {}, status: 200,
    after: (res) => expect(res.body.parentUid).toBeUndefined(),
  },
  {
    name: 'POST /api/folders/:uid/move into its own subfolder: 400 ErrCircularReference', versions: NESTED, setup: [SUBFOLDER],
    method: 'POST', path: '/api/folders/infra/move', body: { parentUid: 'sub' }, status: 400, expect: { message: 'Circular reference detected', messageId: 'folder.circular-reference' },
  },
  {
    name: 'POST /api/folders/:uid/move where the title is taken: 409', versions: NESTED,
    setup: [SUBFOLDER, ['POST', '/api/folders', { uid: 'sub2', title: 'Sub' }]],
    method: 'POST', path: '/api/folders/sub2/move', body: { parentUid: 'infra' }, status: 409, expect: msg('a folder or dashboard in the general folder with the same name already exists'),
  },
  { name: 'POST /api/folders/:uid/move unknown: 404', versions: NESTED, method: 'POST', path: '/api/folders/nope/move', body: { parentUid: '' }, status: 404, expect: FOLDER_NOT_FOUND },
  {
    name: 'POST /api/folders/:uid/move without nested folders: 404 (MoveFolder, toggle off)', versions: ['10.4'],
    method: 'POST', path: '/api/folders/infra/move', body: { parentUid: '' }, status: 404, expect: msg('To use this service, you need to activate nested folder feature.'),
  },

  // ---- PUT /api/folders/:uid ----
  {
    name: 'PUT /api/folders/:uid renames with the current version (UpdateFolder)', method: 'PUT', path: '/api/folders/infra', body: { title: 'Infra 2', version: 1 }, status: 200,
    expect: { uid: 'infra', title: 'Infra 2', version: 2, url: '/dashboards/f/infra/infra-2' },
    after: async (_res, sim) => expect((await call(sim, 'GET', '/api/search?type=dash-folder')).body[0]).toMatchObject({ title: 'Infra 2' }),
  },
  { name: 'PUT /api/folders/:uid with overwrite ignores the version', method: 'PUT', path: '/api/folders/infra', body: { title: 'Infra 2', overwrite: true }, status: 200, expect: { version: 2 } },
  {
    name: 'PUT /api/folders/:uid with a stale version: 412 ErrFolderVersionMismatch', method: 'PUT', path: '/api/folders/infra', body: { title: 'Infra 2', version: 7 }, status: 412,
    expect: { status: 'version-mismatch', message: 'the folder has been changed by someone else' },
  },
  {
    name: 'PUT /api/folders/:uid to a taken title: 409', setup: [['POST', '/api/folders', { title: 'Other' }]],
    method: 'PUT', path: '/api/folders/infra', body: { title: 'other', version: 1 }, status: 409, expect: msg('a folder or dashboard in the general folder with the same name already exists'),
  },
  { name: 'PUT /api/folders/:uid with an empty title: 400', method: 'PUT', path: '/api/folders/infra', body: { title: ' ', version: 1 }, status: 400, expect: msg('folder title cannot be empty') },
  { name: 'PUT /api/folders/:uid unknown: 404', method: 'PUT', path: '/api/folders/nope', body: { title: 'X', version: 1 }, status: 404, expect: FOLDER_NOT_FOUND },
  { name: 'PUT /api/folders/:uid as a Viewer: 403', method: 'PUT', path: '/api/folders/infra', auth: CAROL, body: { title: 'X', version: 1 }, status: 403, expect: denied('folders:write') },

  // ---- DELETE /api/folders/:uid (row 6) ----
  {
    name: 'DELETE /api/folders/:uid deletes its dashboards; search omits both, permissions are 404 (DeleteFolder)',
    method: 'DELETE', path: '/api/folders/infra', status: 200, expect: msg('Folder deleted'),
    // Grafana answers {"message":"Folder deleted"}; the Swagger file's deleteFolderResponse still requires id and title.
    definition: 'SuccessResponseBody',
    after: async (_res, sim) => {
      expect(titles((await call(sim, 'GET', '/api/search')).body)).toEqual(['Home']);
      const perms = await call(sim, 'GET', '/api/folders/infra/permissions');
      expect([perms.status, perms.body]).toEqual([404, FOLDER_NOT_FOUND]);
      expect((await call(sim, 'GET', '/api/dashboards/uid/nodes')).status).toBe(404);
    },
  },
  {
    name: 'DELETE /api/folders/:uid deletes its subfolders and their dashboards', versions: NESTED,
    setup: [SUBFOLDER, ['POST', '/api/dashboards/db', { dashboard: { uid: 'deep', title: 'Deep' }, folderUid: 'sub' }]],
    method: 'DELETE', path: '/api/folders/infra', status: 200, expect: msg('Folder deleted'), definition: 'SuccessResponseBody',
    after: async (_res, sim) => {
      expect(titles((await call(sim, 'GET', '/api/search')).body)).toEqual(['Home']);
      expect((await call(sim, 'GET', '/api/folders/sub')).status).toBe(404);
    },
  },
  { name: 'DELETE /api/folders/:uid unknown: 404', method: 'DELETE', path: '/api/folders/nope', status: 404, expect: FOLDER_NOT_FOUND },
  { name: 'DELETE /api/folders/:uid as a Viewer: 403', method: 'DELETE', path: '/api/folders/infra', auth: CAROL, status: 403, expect: denied('folders:delete') },
];
