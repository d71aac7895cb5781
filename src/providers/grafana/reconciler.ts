import { changeDirections } from '../../core/change-directions.js';
import { HttpClient } from '../../http/client.js';
import { startGrafanaSim } from '../../sim/grafana/server.js';
import type { Reconciler, TargetIdentity } from '../types.js';
import { chosenApiUrl } from '../api-url.js';
import { redactingIds } from '../checked-ids.js';
import { clientSettings } from '../client-settings.js';
import { grafanaAccessModel } from './access-model.js';
import { applyGrafanaOperation } from './apply-operation.js';
import { grafanaAuditPeople } from './audit-people.js';
import { grafanaAccessPaths, grafanaAuditNotes, grafanaAuditTitles } from './effective-access.js';
import { exportGrafanaDocument } from './export-document.js';
import { GrafanaCreatedIds } from './created-ids.js';
import { grafanaCredentialHint } from './credential-hint.js';
import { grafanaManagedAccess } from './managed-access.js';
import type { GrafanaDocument } from './desired-state.js';
import { fingerprintGrafanaLive } from './fingerprint-live.js';
import { AUDIT_SCOPE, EVERYTHING, grafanaScope, type GrafanaScope } from './live-scope.js';
import type { GrafanaLive } from './live-state.js';
import type { GrafanaOperation } from './operation.js';
import { ADMIN_ORG_PATHS, TOKEN_ORG_PATHS } from './org-paths.js';
import { planGrafana } from './plan-grafana.js';
import { grafanaKnownAddresses } from './known-addresses.js';
import { readGrafanaLive } from './read-live.js';
import { readGrafanaOrgTokenLive } from './read-org-token-live.js';

/** The simulator's default server admin (DESIGN §6), used only by `--simulate`. */
const SIM_USER = 'admin';
const SIM_PASSWORD = 'admin';

/** Grafana's reconcile steps: the Grafana HTTP API behind the provider interface. */
export const grafanaReconciler: Reconciler<GrafanaDocument, GrafanaLive, GrafanaOperation> = {
  identify(_document, env, urlFlag) {
    // DESIGN §1 principle 5: the instance (and with it the credentials) is the operator's choice:
    // --url, then GRAFANA_URL. There is no default: `grafana.url` in the file is only checked
    // against it, and guessing localhost would send the credentials to whatever listens there.
    const url = chosenApiUrl(urlFlag, env, 'GRAFANA_URL');
    if (url === undefined) {
      throw new Error("GRAFANA_URL (or --url) must name the Grafana instance; a file's grafana.url is only checked against it, never used to send credentials");
    }
    // Basic auth of a server admin first: `/api/orgs` and `/api/users` accept nothing else. A
    // service-account token alone manages its own org only (see token-org.ts).
    const access = !(env.GRAFANA_USER && env.GRAFANA_PASSWORD) && env.GRAFANA_TOKEN ? ORG_TOKEN : SERVER_ADMIN;
    return { url, access };
  },

  declaredUrl: (document) => (document.grafana?.url ? { url: document.grafana.url, path: ['grafana', 'url'] } : undefined),

  connect(identity, settings, document) {
    const { GRAFANA_USER: user, GRAFANA_PASSWORD: password, GRAFANA_TOKEN: token } = settings.env;
    const byToken = isOrgToken(identity);
    const auth = byToken
      ? token && ({ kind: 'bearer', token } as const)
      : user && password && ({ kind: 'basic', user, password } as const);
    if (!auth) {
      // A saved plan keeps how it was read: apply it with the same kind of credentials.
      throw new Error(
        byToken
          ? 'GRAFANA_TOKEN must be set: this plan was made with a service-account token'
          : token
            ? 'GRAFANA_USER and GRAFANA_PASSWORD (a Grafana server admin) must be set: this plan was made with them'
            : 'GRAFANA_USER and GRAFANA_PASSWORD (a Grafana server admin) or GRAFANA_TOKEN must be set (or use --simulate FILE to try accessctl against the built-in simulator)',
      );
    }
    const url = identityValue(identity, 'url');
    const client = new HttpClient({ baseUrl: url, auth, ...clientSettings(settings, document?.grafana?.rate_limit) });
    return { client, identity, description: `grafana ${url}${byToken ? " (service-account token: the token's org only)" : ''}` };
  },

  credentialHint: grafanaCredentialHint,

  refreshScope: (document): GrafanaScope => grafanaScope(document),

  // Every call that reads server answers: an unusable id in one is shown redacted.
  readLive: (target, scope, progress) =>
    redactingIds(target.client.redact, () =>
      isOrgToken(target.identity)
        ? readGrafanaOrgTokenLive(target.client, scope as GrafanaScope, progress)
        : readGrafanaLive(target.client, scope as GrafanaScope, progress),
    ),

  plan: planGrafana,

  knownAddresses: grafanaKnownAddresses,

  auditScope: (): GrafanaScope => AUDIT_SCOPE,

  auditGrants: grafanaAccessPaths,

  auditPeople: grafanaAuditPeople,
  auditTitles: grafanaAuditTitles,

  auditNotes: grafanaAuditNotes,

  auditManaged: grafanaManagedAccess,

  accessDirections: (live, changes) => changeDirections(live, changes, grafanaAccessModel),

  exportRequest({ org }) {
    if (org) throw new Error('--org is for Chartio; export grafana reads every org the credentials can see');
    return { version: 1, provider: 'grafana' };
  },

  exportScope: (): GrafanaScope => EVERYTHING,

  exportDocument: exportGrafanaDocument,

  fingerprints: fingerprintGrafanaLive,

  createApplySession(target) {
    const ids = new GrafanaCreatedIds();
    const paths = isOrgToken(target.identity) ? TOKEN_ORG_PATHS : ADMIN_ORG_PATHS;
    return (change) => redactingIds(target.client.redact, () => applyGrafanaOperation(target.client, change.operation, ids, paths));
  },

  async simulate(dataFile) {
    const sim = await startGrafanaSim({ host: '127.0.0.1', dataFile });
    return {
      env: { GRAFANA_URL: sim.url, GRAFANA_USER: SIM_USER, GRAFANA_PASSWORD: SIM_PASSWORD },
      close: () => sim.close(),
    };
  },
};

/** `access` in a target's identity: how the instance is read and written (kept in saved plans). */
const SERVER_ADMIN = 'server-admin';
const ORG_TOKEN = 'org-token';

function isOrgToken(identity: TargetIdentity): boolean {
  return identity.access === ORG_TOKEN;
}

function identityValue(identity: TargetIdentity, key: string): string {
  const value = identity[key];
  if (!value) throw new Error(`the target is missing its ${key}`);
  return value;
}
