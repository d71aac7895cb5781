import { ApiError } from '../shared/api-error.js';
import { objectBody, optionalBoolean, optionalInt, optionalString } from './body.js';
import { badRequest, badRequestData, DASHBOARD_NOT_FOUND, notFound } from './errors.js';
import { creatorAdmin, defaultAcl, findFolder, isValidUid } from './folders.js';
import { nextId, type Dashboard, type GrafanaState, type User } from './state.js';

export function getDashboard(state: GrafanaState, orgId: number, uid: string): Dashboard {
  for (const d of state.dashboards.values()) if (d.orgId === orgId && d.uid === uid) return d;
  throw notFound(DASHBOARD_NOT_FOUND);
}

/**
 * `POST /api/dashboards/db` `{dashboard, folderUid?, overwrite?, message?}` (Grafana's
 * dashboard service SaveDashboard): a dashboard with the model's uid is updated when the
 * model's `version` matches or `overwrite` is set, otherwise 412 `version-mismatch`; a new
 * dashboard whose title is taken in the same folder is 412 `name-exists`. The folder is
 * `folderUid`, or, when that is empty, the deprecated `folderId` (Grafana's dashboard service
 * `BuildSaveDashboardCommand` looks the folder up by id then). A new dashboard in the General
 * folder gets the default permissions, one in a folder only its creator's Admin (the rest is
 * inherited from the folder).
 */
export function saveDashboard(
  state: GrafanaState,
  orgId: number,
  rawBody: unknown,
  creator: User | undefined,
  now: number,
  uidFor: (id: number) => string,
): Dashboard {
  const body = objectBody(rawBody);
  const model = body['dashboard'];
  if (model === null || typeof model !== 'object' || Array.isArray(model)) throw badRequestData();
  const json = model as Record<string, unknown>;
  const title = optionalString(json, 'title');
  const uid = optionalString(json, 'uid');
  const version = optionalInt(json, 'version');
  const overwrite = optionalBoolean(body, 'overwrite') ?? false;
  const folderUid = optionalString(body, 'folderUid') || folderUidOfId(state, orgId, optionalInt(body, 'folderId') ?? 0);
  const tagsRaw = json['tags'] ?? [];
  if (!Array.isArray(tagsRaw) || tagsRaw.some((t) => typeof t !== 'string')) throw badRequestData();
  if (title === undefined || title.trim() === '') throw badRequest('Dashboard title cannot be empty');
  if (uid !== undefined && uid !== '' && !isValidUid(uid)) throw badRequest('uid contains illegal characters');
  if (folderUid !== '' && !findFolder(state, orgId, folderUid)) throw badRequest('folder not found');
  const existing = uid ? [...state.dashboards.values()].find((d) => d.orgId === orgId && d.uid === uid) : undefined;
  if (uid && !existing && findFolder(state, orgId, uid)) throw new ApiError(400, 'A folder/dashboard with the same uid already exists');
  if (existing && !overwrite && version !== existing.version) {
    throw new ApiError(412, 'The dashboard has been changed by someone else', {}, { status: 'version-mismatch' });
  }
  const clash = [...state.dashboards.values()].find(
    (d) => d.orgId === orgId && d.folderUid === folderUid && d.id !== existing?.id && d.title.toLowerCase() === title.toLowerCase(),
  );
  if (clash && !overwrite) throw new ApiError(412, 'A dashboard with the same name in the folder already exists', {}, { status: 'name-exists' });
  if (clash && overwrite) state.dashboards.delete(clash.id);

  if (existing) {
    existing.version += 1;
    Object.assign(existing, { title, folderUid, tags: tagsRaw as string[], updated: now });
    existing.model = { ...json, id: existing.id, uid: existing.uid, title, version: existing.version };
    return existing;
  }
  const id = nextId(state, 'dashboard');
  const dashboard: Dashboard = {
    id,
    uid: uid || uidFor(id),
    orgId,
    folderUid,
    title,
    tags: tagsRaw as string[],
    model: {},
    version: 1,
    created: now,
    updated: now,
    acl: folderUid === '' ? defaultAcl(creator, now) : creatorAdmin(creator, now),
  };
  dashboard.model = { ...json, id, uid: dashboard.uid, title, version: 1 };
  state.dashboards.set(id, dashboard);
  return dashboard;
}

/** `folderId` 0 is the General folder; an id that names no folder of the org is 400 like an unknown `folderUid`. */
function folderUidOfId(state: GrafanaState, orgId: number, folderId: number): string {
  if (folderId === 0) return '';
  const folder = state.folders.get(folderId);
  if (!folder || folder.orgId !== orgId) throw badRequest('folder not found');
  return folder.uid;
}

/**
 * `DELETE /api/dashboards/uid/:uid` (Grafana: pkg/api/dashboard.go `deleteDashboard`): the
 * dashboard and its ACL go; a folder's uid is 400 "Use folders endpoint for deleting folders.".
 */
export function deleteDashboard(state: GrafanaState, orgId: number, uid: string): Dashboard {
  if (findFolder(state, orgId, uid)) throw badRequest('Use folders endpoint for deleting folders.');
  const dashboard = getDashboard(state, orgId, uid);
  state.dashboards.delete(dashboard.id);
  return dashboard;
}
