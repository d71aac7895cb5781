import { ApiError } from '../shared/api-error.js';
import { objectBody, optionalBoolean, optionalInt, optionalString } from './body.js';
import { badRequest } from './errors.js';
import { ancestorFolders, assertTitleFree, descendantFolders, findFolder, getFolder, nestedFoldersOn } from './folder-tree.js';
import { nextId, type AclItem, type Folder, type GrafanaState, type User } from './state.js';
import type { GrafanaVersion } from './version.js';

export { findFolder, getFolder } from './folder-tree.js';

/** Grafana's uid rule (`util.IsValidShortUID`): letters, digits, `-` and `_`, at most 40 characters. */
const UID = /^[a-zA-Z0-9\-_]{1,40}$/;

/** What a folder write needs besides its body. */
export interface FolderWrite {
  state: GrafanaState;
  orgId: number;
  version: GrafanaVersion;
  now: number;
}

/**
 * `POST /api/folders` `{uid?, title, parentUid?}` (Grafana: pkg/api/folder.go `CreateFolder`,
 * folder service `Create`): title required; a uid used by a folder or dashboard of the org is
 * 409 `ErrFolderWithSameUIDExists`; a title taken under the same parent is 409. With nested
 * folders on (11+) `parentUid` must name a folder of the org (404 otherwise); on 10.4 the
 * toggle is off and the folder service does not read `parentUid`, so the folder lands at the
 * root. Default permissions as `setDefaultFolderPermissions` sets them: the creating user
 * Admin, and only for a folder at the root role Editor Edit and role Viewer View.
 */
export function createFolder(write: FolderWrite, rawBody: unknown, creator: User | undefined, uidFor: (id: number) => string): Folder {
  const { state, orgId, now } = write;
  const body = objectBody(rawBody);
  const title = optionalString(body, 'title');
  const givenUid = optionalString(body, 'uid');
  const askedParent = optionalString(body, 'parentUid') ?? '';
  if (title === undefined || title.trim() === '') throw badRequest('folder title cannot be empty');
  if (givenUid !== undefined && givenUid !== '' && !UID.test(givenUid)) throw badRequest('uid contains illegal characters');
  if (givenUid && (findFolder(state, orgId, givenUid) || dashboardUidTaken(state, orgId, givenUid))) {
    throw new ApiError(409, 'a folder/dashboard with the same uid already exists');
  }
  const parentUid = nestedFoldersOn(write.version) ? askedParent : '';
  if (parentUid !== '') getFolder(state, orgId, parentUid);
  assertTitleFree(state, orgId, parentUid, title);
  const id = nextId(state, 'dashboard');
  const acl = parentUid === '' ? defaultAcl(creator, now) : creatorAdmin(creator, now);
  const folder: Folder = { id, uid: givenUid || uidFor(id), orgId, parentUid, title, version: 1, created: now, updated: now, acl };
  state.folders.set(id, folder);
  return folder;
}

/**
 * `PUT /api/folders/:uid` `{title?, version?, overwrite?}` (Grafana: `UpdateFolder`, the legacy
 * folder update): unless `overwrite` is set, `version` must be the stored one, else 412
 * `ErrFolderVersionMismatch` (`status: "version-mismatch"`); an empty title is 400; a title taken
 * under the same parent is 409. Each update counts the version up.
 */
export function updateFolder(write: FolderWrite, uid: string, rawBody: unknown): Folder {
  const { state, orgId, now } = write;
  const folder = getFolder(state, orgId, uid);
  const body = objectBody(rawBody);
  const title = optionalString(body, 'title');
  const version = optionalInt(body, 'version') ?? 0;
  const overwrite = optionalBoolean(body, 'overwrite') ?? false;
  optionalString(body, 'description');
  if (title !== undefined && title.trim() === '') throw badRequest('folder title cannot be empty');
  if (!overwrite && version !== folder.version) {
    throw new ApiError(412, 'the folder has been changed by someone else', {}, { status: 'version-mismatch' });
  }
  if (title !== undefined) assertTitleFree(state, orgId, folder.parentUid, title, folder.id);
  Object.assign(folder, { title: title ?? folder.title, version: folder.version + 1, updated: now });
  return folder;
}

/**
 * `POST /api/folders/:uid/move` `{parentUid}` (Grafana: `MoveFolder`, folder service `Move`):
 * only with nested folders on - on 10.4 the handler answers 404 "To use this service, you need
 * to activate nested folder feature.". The new parent ('' = root) must exist and must not be the
 * folder or one of its subfolders (400 `folder.ErrCircularReference`); the title must be free
 * under the new parent (409).
 */
export function moveFolder(write: FolderWrite, uid: string, rawBody: unknown): Folder {
  const { state, orgId, now } = write;
  if (!nestedFoldersOn(write.version)) throw new ApiError(404, 'To use this service, you need to activate nested folder feature.');
  const body = objectBody(rawBody);
  const parentUid = optionalString(body, 'parentUid') ?? '';
  const folder = getFolder(state, orgId, uid);
  if (parentUid !== '') {
    const parent = getFolder(state, orgId, parentUid);
    if (parent.id === folder.id || ancestorFolders(state, parent).some((a) => a.id === folder.id)) {
      // Grafana's errutil answer: the public message with its message id and status.
      throw new ApiError(400, 'Circular reference detected', {}, { messageId: 'folder.circular-reference', statusCode: 400, traceID: '' });
    }
  }
  assertTitleFree(state, orgId, parentUid, folder.title, folder.id);
  Object.assign(folder, { parentUid, version: folder.version + 1, updated: now });
  return folder;
}

/**
 * `DELETE /api/folders/:uid` (Grafana: `DeleteFolder`, folder service `Delete`): the folder
 * goes with every dashboard in it and, with nested folders, every subfolder and their
 * dashboards; their ACLs go with them. Grafana refuses (400) when the folders hold alert rules
 * and `forceDeleteRules` is not set, and (403) when library panels in them are in use: the
 * simulator has neither, so that never happens here.
 */
export function deleteFolder(write: FolderWrite, uid: string): Folder {
  const { state, orgId } = write;
  const folder = getFolder(state, orgId, uid);
  const doomed = [folder, ...descendantFolders(state, folder)];
  const doomedUids = new Set(doomed.map((f) => f.uid));
  for (const [id, dashboard] of state.dashboards) if (dashboard.orgId === orgId && doomedUids.has(dashboard.folderUid)) state.dashboards.delete(id);
  for (const f of doomed) state.folders.delete(f.id);
  return folder;
}

export function defaultAcl(creator: User | undefined, now: number): AclItem[] {
  return [
    ...creatorAdmin(creator, now),
    { role: 'Editor', permission: 2, created: now, updated: now },
    { role: 'Viewer', permission: 1, created: now, updated: now },
  ];
}

/** A user creator becomes Admin of what they create; a token gets nothing (`IsIdentityType(claims.TypeUser)`). */
export function creatorAdmin(creator: User | undefined, now: number): AclItem[] {
  return creator ? [{ userId: creator.id, permission: 4, created: now, updated: now }] : [];
}

function dashboardUidTaken(state: GrafanaState, orgId: number, uid: string): boolean {
  for (const d of state.dashboards.values()) if (d.orgId === orgId && d.uid === uid) return true;
  return false;
}

export function isValidUid(uid: string): boolean {
  return UID.test(uid);
}
