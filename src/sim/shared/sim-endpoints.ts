import type { LoggedRequest } from './request-log.js';
import type { Reply } from './router.js';

/**
 * Test-only endpoints under `/__sim/`: no credentials, never delayed, rate limited or faulted,
 * and served only when the simulator listens on a loopback address (DESIGN §6).
 */
export interface SimHooks {
  state(): unknown;
  requests(): LoggedRequest[];
  reset(): void;
}

export function simEndpoint(method: string, path: string, loopback: boolean, hooks: SimHooks): Reply {
  if (!loopback) return { status: 404, body: { message: 'Not found.' } };
  const route = path.replace(/\/+$/, '');
  const only = (allowed: string, run: () => Reply): Reply =>
    method === allowed ? run() : { status: 405, headers: { Allow: allowed }, body: { message: `Method ${method} not allowed.` } };
  switch (route) {
    case '/__sim/state':
      return only('GET', () => ({ status: 200, body: hooks.state() }));
    case '/__sim/requests':
      return only('GET', () => ({ status: 200, body: { requests: hooks.requests() } }));
    case '/__sim/reset':
      return only('POST', () => {
        hooks.reset();
        return { status: 204 };
      });
    default:
      return { status: 404, body: { message: 'Not found.' } };
  }
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address === 'localhost' || /^127\./.test(address) || /^::ffff:127\./.test(address);
}
