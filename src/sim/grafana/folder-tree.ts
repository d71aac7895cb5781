import { ApiError } from '../shared/api-error.js';
import { compareText, type Folder, type GrafanaState } from './state.js';
import { atLeast, type GrafanaVersion } from './version.js';

/**
 * Nested folders: each folder names its parent by uid (`parentUid`, empty at the root), as
 * Grafana's `folder` table does with `parent_uid`.
 *
 * Grafana guards the feature with the `nestedFolders` toggle: off by default up to 10.4,
 * on by default (and then generally available) from 11.0. The simulator follows the default
 * of the release line it imitates (`nestedFoldersOn`); with the toggle off every folder is at
 * the root. Grafana: pkg/api/folder.go `GetFolders`, `MoveFolder`, `setDefaultFolderPermissions`
 * (each checks `featuremgmt.FlagNestedFolders`).
 */
export function nestedFoldersOn(version: GrafanaVersion): boolean {
  return atLeast(version, '11');
}

/**
 * Grafana: `dashboards.ErrFolderNotFound` through apierrors `ToFolderErrorResponse`, which
 * answers 404 with a `status` beside the (lower-case) message.
 */
export const folderNotFound = (): ApiError => new ApiError(404, 'folder not found', {}, { status: 'not-found' });

export function findFolder(state: GrafanaState, orgId: number, uid: string): Folder | undefined {
  for (const folder of state.folders.values()) if (folder.orgId === orgId && folder.uid === uid) return folder;
  return undefined;
}

export function getFolder(state: GrafanaState, orgId: number, uid: string): Folder {
  const folder = findFolder(state, orgId, uid);
  if (!folder) throw folderNotFound();
  return folder;
}

/** The folders directly under `parentUid` ('' = the root), sorted by title as `GET /api/folders` lists them. */
export function childFolders(state: GrafanaState, orgId: number, parentUid: string): Folder[] {
  return [...state.folders.values()]
    .filter((f) => f.orgId === orgId && f.parentUid === parentUid)
    .sort((a, b) => compareText(a.title, b.title) || a.id - b.id);
}

/** Every folder below `folder` (children, their children, ...), not the folder itself. */
export function descendantFolders(state: GrafanaState, folder: Folder): Folder[] {
  const result: Folder[] = [];
  const queue = [folder];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const children = childFolders(state, folder.orgId, next.uid);
    result.push(...children);
    queue.push(...children);
  }
  return result;
}

/** The folder's parents from the root down (Grafana: folder service `GetParents`, the DTO's `parents`). */
export function ancestorFolders(state: GrafanaState, folder: Folder): Folder[] {
  const result: Folder[] = [];
  for (let parent = findFolder(state, folder.orgId, folder.parentUid); parent; parent = findFolder(state, folder.orgId, parent.parentUid)) {
    result.unshift(parent);
  }
  return result;
}

/**
 * Titles are unique among the folders of one parent (case-insensitively; the root is one
 * parent too). Grafana: `dashboards.ErrFolderSameNameExists`, answered 409 by
 * `ToFolderErrorResponse`, with its message naming the general folder whatever the parent.
 */
export function assertTitleFree(state: GrafanaState, orgId: number, parentUid: string, title: string, exceptId?: number): void {
  const clash = childFolders(state, orgId, parentUid).some((f) => f.id !== exceptId && f.title.toLowerCase() === title.toLowerCase());
  if (clash) throw new ApiError(409, 'a folder or dashboard in the general folder with the same name already exists');
}
