import { HttpClient } from '../../http/client.js';
import { startGrafanaSim } from '../../sim/grafana/server.js';
import type { Reconciler, TargetIdentity } from '../types.js';
import { clientSettings } from '../client-settings.js';
import { applyGrafanaOperation } from './apply-operation.js';
import { grafanaAuditGrants } from './audit-grants.js';
import { exportGrafanaDocument } from './export-document.js';
import { GrafanaCreatedIds } from './created-ids.js';
import type { GrafanaDocument } from './desired-state.js';
import { fingerprintGrafanaLive } from './fingerprint-live.js';
import { EVERYTHING, grafanaScope, type GrafanaScope } from './live-scope.js';
import type { GrafanaLive } from './live-state.js';
import type { GrafanaOperation } from './operation.js';
import { planGrafana } from './plan-grafana.js';
import { readGrafanaLive } from './read-live.js';

export const DEFAULT_GRAFANA_URL = 'http://localhost:3000';

/** The simulator's default server admin (DESIGN §6), used only by `--simulate`. */
const SIM_USER = 'admin';
const SIM_PASSWORD = 'admin';

/** Grafana's reconcile steps: the Grafana HTTP API behind the provider interface. */
export const grafanaReconciler: Reconciler<GrafanaDocument, GrafanaLive, GrafanaOperation> = {
  identify(document, env) {
    // DESIGN §3: environment, then file, then default.
    const url = env.GRAFANA_URL || document.grafana?.url || DEFAULT_GRAFANA_URL;
    return { url: url.replace(/\/+$/, '') };
  },

  identityFromEnv(env) {
    // A saved plan is applied only to the instance it was made for.
    return env.GRAFANA_URL ? { url: env.GRAFANA_URL.replace(/\/+$/, '') } : {};
  },

  connect(identity, settings, document) {
    const { GRAFANA_USER: user, GRAFANA_PASSWORD: password, GRAFANA_TOKEN: token } = settings.env;
    // Basic auth of a server admin first: `/api/orgs` and `/api/users` accept nothing else
    // (a service-account token acts only inside its own org).
    const auth =
      user && password
        ? ({ kind: 'basic', user, password } as const)
        : token
          ? ({ kind: 'bearer', token } as const)
          : undefined;
    if (!auth) {
      throw new Error(
        'GRAFANA_USER and GRAFANA_PASSWORD (a Grafana server admin) or GRAFANA_TOKEN must be set (or use --simulate FILE to try accessctl against the built-in simulator)',
      );
    }
    const url = identityValue(identity, 'url');
    const client = new HttpClient({ baseUrl: url, auth, ...clientSettings(settings, document?.grafana?.rate_limit) });
    return { client, identity, description: `grafana ${url}` };
  },

  refreshScope: (document): GrafanaScope => grafanaScope(document),

  readLive: (target, scope, progress) => readGrafanaLive(target.client, scope as GrafanaScope, progress),

  plan: planGrafana,

  auditScope: (): GrafanaScope => EVERYTHING,

  auditGrants: grafanaAuditGrants,

  exportRequest({ org }) {
    if (org) throw new Error('--org is for Chartio; export grafana reads every org the credentials can see');
    return { version: 1, provider: 'grafana' };
  },

  exportScope: (): GrafanaScope => EVERYTHING,

  exportDocument: exportGrafanaDocument,

  fingerprints: fingerprintGrafanaLive,

  createApplySession(target) {
    const ids = new GrafanaCreatedIds();
    return (change) => applyGrafanaOperation(target.client, change.operation, ids);
  },

  async simulate(dataFile) {
    const sim = await startGrafanaSim({ host: '127.0.0.1', dataFile });
    return {
      env: { GRAFANA_URL: sim.url, GRAFANA_USER: SIM_USER, GRAFANA_PASSWORD: SIM_PASSWORD },
      close: () => sim.close(),
    };
  },
};

function identityValue(identity: TargetIdentity, key: string): string {
  const value = identity[key];
  if (!value) throw new Error(`the target is missing its ${key}`);
  return value;
}
