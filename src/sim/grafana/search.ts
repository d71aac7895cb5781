import { ApiError } from '../shared/api-error.js';
import { badRequest } from './errors.js';
import { findFolder } from './folder-tree.js';
import { searchHit } from './representations.js';
import { compareText, type Dashboard, type Folder, type GrafanaState } from './state.js';

/** Grafana: pkg/api/search.go `Search` refuses a `limit` above 5000 with 422. */
const MAX_SEARCH_LIMIT = 5000;

type Item = Folder | Dashboard;
const isFolder = (item: Item): item is Folder => !('folderUid' in item);
/** The uid of the folder an item sits in: a dashboard's folder, a folder's parent ('' = General/root). */
const containerUid = (item: Item): string => (isFolder(item) ? item.parentUid : item.folderUid);

/**
 * `GET /api/search` (Grafana: pkg/api/search.go `Search`, pkg/services/search `SearchHandler`,
 * the dashboard store's `FindDashboards` over the `dashboard` table that holds folders too):
 *  - `limit` above 5000 is 422; below 1 it is the default (`defaultLimit`, Grafana's 1000);
 *    `page` is 1-based (below 1 is 1). No other cap.
 *  - filters: `type` dash-folder|dash-db (anything else: both), `query` (title substring, case-
 *    insensitive like SQLite's LIKE), `tag` (dashboards carrying every tag given),
 *    `dashboardUIDs` / `dashboardIds` (the item's own uid/id - folders match too; both kinds at
 *    once is 400), `folderUIDs` / `folderIds` (the folder an item sits in, `general` / 0 = the
 *    root, so root folders match those too). Ids that do not parse are dropped, as Grafana does.
 *  - order: SQL `ORDER BY title` (by code unit, SQLite's collation) decides what lands on a
 *    page; then `sortedHits` re-sorts each page folders first, case-insensitively by title.
 */
export function searchHits(state: GrafanaState, orgId: number, query: URLSearchParams, defaultLimit: number): unknown[] {
  const limitAsked = queryInt(query.get('limit'));
  if (limitAsked > MAX_SEARCH_LIMIT) {
    throw new ApiError(422, 'Limit is above maximum allowed (5000), use page parameter to access hits beyond limit');
  }
  const limit = limitAsked < 1 ? defaultLimit : limitAsked;
  const page = Math.max(1, queryInt(query.get('page')));
  const list = (name: string) => query.getAll(name).flatMap((v) => v.split(',')).filter((v) => v !== '');
  const ids = (name: string) => list(name).map(Number).filter((n) => Number.isSafeInteger(n));
  const dashboardIds = ids('dashboardIds');
  const dashboardUids = list('dashboardUIDs');
  if (dashboardIds.length > 0 && dashboardUids.length > 0) throw badRequest('search supports UIDs or IDs, not both');
  const folderUids = list('folderUIDs').map((uid) => (uid === 'general' ? '' : uid));
  const folderIds = ids('folderIds');
  const tags = query.getAll('tag');
  const type = query.get('type');
  const text = (query.get('query') ?? '').toLowerCase();

  const items: Item[] = [];
  if (type !== 'dash-db') items.push(...[...state.folders.values()].filter((f) => f.orgId === orgId));
  if (type !== 'dash-folder') items.push(...[...state.dashboards.values()].filter((d) => d.orgId === orgId));
  const idOfFolder = (uid: string) => (uid === '' ? 0 : (findFolder(state, orgId, uid)?.id ?? -1));
  const matching = items
    .filter((i) => i.title.toLowerCase().includes(text))
    .filter((i) => tags.length === 0 || (!isFolder(i) && tags.every((t) => i.tags.includes(t))))
    .filter((i) => dashboardUids.length === 0 || dashboardUids.includes(i.uid))
    .filter((i) => dashboardIds.length === 0 || dashboardIds.includes(i.id))
    .filter((i) => folderUids.length === 0 || folderUids.includes(containerUid(i)))
    .filter((i) => folderIds.length === 0 || folderIds.includes(idOfFolder(containerUid(i))))
    .sort((a, b) => compareText(a.title, b.title) || a.id - b.id);
  const pageItems = matching.slice((page - 1) * limit, page * limit);
  const foldersFirst = pageItems
    .map((item, position) => ({ item, position }))
    .sort((a, b) => Number(isFolder(b.item)) - Number(isFolder(a.item)) || compareText(a.item.title.toLowerCase(), b.item.title.toLowerCase()) || a.position - b.position);
  return foldersFirst.map(({ item }) => searchHit(item, containerUid(item) === '' ? undefined : findFolder(state, orgId, containerUid(item))));
}

/** Like Grafana's `c.QueryInt64`: missing or unparsable is 0. */
function queryInt(raw: string | null): number {
  if (raw === null || raw.trim() === '') return 0;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : 0;
}
