import { ApiError } from '../shared/api-error.js';
import { Router, type Handler } from '../shared/router.js';
import { accessDenied, PERMISSION_DENIED } from './errors.js';
import { routeAction } from './rbac-actions.js';
import type { GrafanaContext } from './request-context.js';

/**
 * A router whose RBAC-guarded routes refuse the way Grafana's access-control middleware does.
 * The handlers check the caller's basic role and throw the plain `permissionDenied()`; on a
 * route that api.go guards with `authorize(...)` that refusal becomes the `deny` body naming
 * the route's evaluator (rbac-actions.ts). Refusals with their own wording (e.g. "Endpoint only
 * available for users") pass through unchanged.
 */
export class RbacRouter extends Router<GrafanaContext> {
  override add(method: string, pattern: string, handler: Handler<GrafanaContext>): this {
    const action = routeAction(method, pattern);
    return super.add(method, pattern, action === undefined ? handler : denyingWith(action, handler));
  }
}

function denyingWith(action: string, handler: Handler<GrafanaContext>): Handler<GrafanaContext> {
  return (ctx) => {
    try {
      return handler(ctx);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403 && error.message === PERMISSION_DENIED) throw accessDenied(action);
      throw error;
    }
  };
}
