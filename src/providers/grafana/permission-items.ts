/**
 * Grafana's legacy folder/dashboard permission items (`GET|POST /api/folders/:uid/permissions`,
 * `/api/dashboards/uid/:uid/permissions`): each item names exactly one of `userId`, `teamId` or
 * `role`, with `permission` 1 (View), 2 (Edit) or 4 (Admin).
 */
import { PaginationError } from '../../http/errors.js';
import { checkedId } from '../checked-ids.js';
import type { FolderPermission } from './desired-state.js';
import type { LivePermissionItem } from './live-state.js';

export const PERMISSION_LEVEL: Record<FolderPermission, 1 | 2 | 4> = { View: 1, Edit: 2, Admin: 4 };
const PERMISSION_NAME: Record<number, FolderPermission> = { 1: 'View', 2: 'Edit', 4: 'Admin' };

/** What the read uses of a DashboardACLInfoDTO. */
export interface AclInfo {
  userId?: number;
  userLogin?: string;
  userEmail?: string;
  teamId?: number;
  team?: string;
  role?: string;
  permission?: number;
  title?: string;
  inherited?: boolean;
}

/**
 * A permission list as the planner sees it. A dashboard's list also shows its folder's items,
 * marked `inherited: true`; those belong to the folder and are left out (a dashboard's POST sets
 * only its own items). Grafana's legacy ACLs know the roles Viewer and Editor only (an org
 * Admin can always do everything), so an item for another role is not something to manage.
 * Grafana answers `userId`/`teamId` 0 when the item is not about a user/team; any other value
 * must be an id (an item naming `"teamId": "../1"` is a server that cannot be trusted).
 */
export function livePermissionItems(items: readonly AclInfo[], collection: string): LivePermissionItem[] {
  const result: LivePermissionItem[] = [];
  for (const item of items) {
    if (item.inherited === true) continue;
    const permission = PERMISSION_NAME[item.permission ?? -1];
    if (!permission) {
      throw new PaginationError({ problem: 'bad-shape', collection, detail: `unknown permission level ${JSON.stringify(item.permission)}` });
    }
    const source = { method: 'GET', path: collection };
    if (item.teamId) checkedId(item.teamId, source, 'teamId');
    if (item.userId) checkedId(item.userId, source, 'userId');
    if (item.teamId) result.push({ principal: { team: item.team ?? '' }, permission });
    else if (item.userId) result.push({ principal: { user: item.userLogin ?? '' }, permission });
    else if (item.role === 'Viewer' || item.role === 'Editor') result.push({ principal: { role: item.role }, permission });
  }
  return result;
}

/** The title of the folder or dashboard itself (inherited items carry the folder's title). */
export function ownTitle(items: readonly AclInfo[]): string {
  return items.find((item) => item.inherited !== true && typeof item.title === 'string')?.title ?? '';
}
