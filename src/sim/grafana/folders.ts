import { ApiError } from '../shared/api-error.js';
import { objectBody, optionalString } from './body.js';
import { badRequest, FOLDER_NOT_FOUND, notFound } from './errors.js';
import { compareText, nextId, type AclItem, type Folder, type GrafanaState, type User } from './state.js';

/** Grafana's uid rule (`util.IsValidShortUID`): letters, digits, `-` and `_`, at most 40 characters. */
const UID = /^[a-zA-Z0-9\-_]{1,40}$/;

export function getFolder(state: GrafanaState, orgId: number, uid: string): Folder {
  const folder = findFolder(state, orgId, uid);
  if (!folder) throw notFound(FOLDER_NOT_FOUND);
  return folder;
}

export function findFolder(state: GrafanaState, orgId: number, uid: string): Folder | undefined {
  for (const folder of state.folders.values()) if (folder.orgId === orgId && folder.uid === uid) return folder;
  return undefined;
}

/** Folders of an org sorted by title, as `GET /api/folders` lists them. */
export function foldersOfOrg(state: GrafanaState, orgId: number): Folder[] {
  return [...state.folders.values()].filter((f) => f.orgId === orgId).sort((a, b) => compareText(a.title, b.title) || a.id - b.id);
}

/**
 * `POST /api/folders` `{uid?, title}`: title required; a uid or title already used in the org
 * is 409 (Grafana: ErrFolderWithSameUIDExists / ErrFolderSameNameExists). A new folder gets
 * Grafana's default permissions: the creating user Admin, role Editor Edit, role Viewer View.
 */
export function createFolder(state: GrafanaState, orgId: number, rawBody: unknown, creator: User | undefined, now: number, uidFor: (id: number) => string): Folder {
  const body = objectBody(rawBody);
  const title = optionalString(body, 'title');
  const givenUid = optionalString(body, 'uid');
  if (title === undefined || title.trim() === '') throw badRequest('folder title cannot be empty');
  if (givenUid !== undefined && givenUid !== '' && !UID.test(givenUid)) throw badRequest('uid contains illegal characters');
  if (givenUid && (findFolder(state, orgId, givenUid) || dashboardUidTaken(state, orgId, givenUid))) {
    throw new ApiError(409, 'A folder/dashboard with the same uid already exists');
  }
  for (const folder of state.folders.values()) {
    if (folder.orgId === orgId && folder.title.toLowerCase() === title.toLowerCase()) {
      throw new ApiError(409, 'a folder with the same name already exists');
    }
  }
  const id = nextId(state, 'dashboard');
  const folder: Folder = { id, uid: givenUid || uidFor(id), orgId, title, version: 1, created: now, updated: now, acl: defaultAcl(creator, now) };
  state.folders.set(id, folder);
  return folder;
}

export function defaultAcl(creator: User | undefined, now: number): AclItem[] {
  const items: AclItem[] = [];
  if (creator) items.push({ userId: creator.id, permission: 4, created: now, updated: now });
  items.push({ role: 'Editor', permission: 2, created: now, updated: now });
  items.push({ role: 'Viewer', permission: 1, created: now, updated: now });
  return items;
}

function dashboardUidTaken(state: GrafanaState, orgId: number, uid: string): boolean {
  for (const d of state.dashboards.values()) if (d.orgId === orgId && d.uid === uid) return true;
  return false;
}

export function isValidUid(uid: string): boolean {
  return UID.test(uid);
}
