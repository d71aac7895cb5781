import type { Router } from '../shared/router.js';
import { callerUser, requireOrgRole } from './auth.js';
import { ancestorFolders, childFolders, getFolder, nestedFoldersOn } from './folder-tree.js';
import { createFolder, deleteFolder, moveFolder, updateFolder, type FolderWrite } from './folders.js';
import { pageRequest, slice } from './paging.js';
import { applyAclUpdate, folderAclResponse, parseAclUpdate } from './permissions.js';
import { message, ok, param, type GrafanaContext } from './request-context.js';
import { folderDto, folderHit } from './representations.js';
import { shortUid, type Folder } from './state.js';

/**
 * Folders and their permissions. Viewers read, Editors create, update, move and delete,
 * Admins read and replace permissions. Per-folder visibility is not modelled: a Viewer of the
 * org sees every folder (the simulator's choice; Grafana filters by the caller's permissions).
 */
export function addFolderRoutes(router: Router<GrafanaContext>): void {
  const viewer = (ctx: GrafanaContext) => requireOrgRole(ctx.identity, 'Viewer');
  const isAdmin = (ctx: GrafanaContext) => ctx.identity.role === 'Admin';
  const write = (ctx: GrafanaContext): FolderWrite => ({ state: ctx.store.state, orgId: ctx.identity.orgId, version: ctx.version, now: ctx.store.now() });
  const folderOf = (ctx: GrafanaContext): Folder => getFolder(ctx.store.state, ctx.identity.orgId, param(ctx, 'uid'));
  // Grafana: newToFolderDto adds `parents` only with nested folders on.
  const dto = (ctx: GrafanaContext, folder: Folder) =>
    folderDto(folder, nestedFoldersOn(ctx.version) ? ancestorFolders(ctx.store.state, folder) : [], isAdmin(ctx));

  // Grafana: GetFolders - with nested folders the children of `parentUid` (the root when
  // absent, `GetChildren`); on 10.4 a folder search, which ignores `parentUid`.
  router.add('GET', '/api/folders', (ctx) => {
    viewer(ctx);
    const parentUid = nestedFoldersOn(ctx.version) ? (ctx.query.get('parentUid') ?? '') : '';
    const folders = childFolders(ctx.store.state, ctx.identity.orgId, parentUid);
    return ok(slice(folders, pageRequest(ctx.query, ctx.pageSize, 1, 'limit')).map(folderHit));
  });
  router.add('POST', '/api/folders', (ctx) => {
    requireOrgRole(ctx.identity, 'Editor');
    return ok(dto(ctx, createFolder(write(ctx), ctx.body, callerUser(ctx.identity), (id) => shortUid('f', id))));
  });
  router.add('GET', '/api/folders/:uid', (ctx) => {
    viewer(ctx);
    return ok(dto(ctx, folderOf(ctx)));
  });
  router.add('PUT', '/api/folders/:uid', (ctx) => {
    requireOrgRole(ctx.identity, 'Editor');
    return ok(dto(ctx, updateFolder(write(ctx), param(ctx, 'uid'), ctx.body)));
  });
  router.add('POST', '/api/folders/:uid/move', (ctx) => {
    requireOrgRole(ctx.identity, 'Editor');
    return ok(dto(ctx, moveFolder(write(ctx), param(ctx, 'uid'), ctx.body)));
  });
  // Grafana: DeleteFolder answers `{"message":"Folder deleted"}` (not the Swagger file's `{id, title, message}`).
  router.add('DELETE', '/api/folders/:uid', (ctx) => {
    requireOrgRole(ctx.identity, 'Editor');
    deleteFolder(write(ctx), param(ctx, 'uid'));
    return message('Folder deleted');
  });
  router.add('GET', '/api/folders/:uid/permissions', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    return ok(folderAclResponse(ctx.store.state, folderOf(ctx)));
  });
  // Grafana: UpdateFolderPermissions - validate the body, then find the folder, then SetPermissions.
  router.add('POST', '/api/folders/:uid/permissions', (ctx) => {
    requireOrgRole(ctx.identity, 'Admin');
    const commands = parseAclUpdate(ctx.body);
    applyAclUpdate(ctx.store.state, folderOf(ctx), commands, ctx.store.now(), 'Failed to create permission');
    return message('Folder permissions updated');
  });
}
