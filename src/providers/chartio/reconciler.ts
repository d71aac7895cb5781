import { changeDirections } from '../../core/change-directions.js';
import { HttpClient } from '../../http/client.js';
import { startChartioSim } from '../../sim/chartio/server.js';
import { loadSeedFile } from '../../sim/shared/seed-reader.js';
import { SimulationMismatch } from '../simulation-mismatch.js';
import type { Reconciler, TargetIdentity } from '../types.js';
import { chosenApiUrl } from '../api-url.js';
import { redactingIds } from '../checked-ids.js';
import { clientSettings } from '../client-settings.js';
import { chartioAccessModel } from './access-model.js';
import { applyChartioOperation } from './apply-operation.js';
import { runChartioSchemaSync } from './schema-sync.js';
import { CreatedIds } from './created-ids.js';
import { chartioCredentialHint } from './credential-hint.js';
import type { ChartioDocument } from './desired-state.js';
import { chartioAuditGrants, chartioAuditTitles } from './effective-access.js';
import { chartioAuditPeople } from './audit-people.js';
import { exportChartioDocument } from './export-document.js';
import { chartioManagedAccess } from './managed-access.js';
import { fingerprintChartioLive } from './fingerprint-live.js';
import type { ChartioLive } from './live-state.js';
import type { ChartioOperation } from './operation.js';
import { planChartio } from './plan-chartio.js';
import { chartioKnownAddresses } from './known-addresses.js';
import { readChartioLive, type LiveScope } from './read-live.js';

export const DEFAULT_CHARTIO_URL = 'https://api.chartio.com/v1';

/** The simulator's default credentials (DESIGN §6), used only by `--simulate`. */
const SIM_KEY = 'sim-key';
const SIM_SECRET = 'sim-secret';

/** Chartio's reconcile steps: the Chartio Admin API v1 behind the provider interface. */
export const chartioReconciler: Reconciler<ChartioDocument, ChartioLive, ChartioOperation> = {
  identify(document, env, urlFlag) {
    // DESIGN §1 principle 5: the API root (and with it the credentials) is the operator's choice:
    // --url, then CHARTIO_URL, then the default. `chartio.url` in the file is only checked against it.
    const url = chosenApiUrl(urlFlag, env, 'CHARTIO_URL', DEFAULT_CHARTIO_URL)!;
    // The org always comes from the file: the file says which org it describes.
    return { org: document.chartio?.org ?? '', url };
  },

  declaredUrl: (document) => (document.chartio?.url ? { url: document.chartio.url, path: ['chartio', 'url'] } : undefined),

  connect(identity, settings, document) {
    const key = settings.env.CHARTIO_API_KEY;
    const secret = settings.env.CHARTIO_API_SECRET;
    if (!key || !secret) {
      throw new Error(
        'CHARTIO_API_KEY and CHARTIO_API_SECRET must be set to the Admin API key and secret (or use --simulate FILE to try accessctl against the built-in simulator)',
      );
    }
    const client = new HttpClient({
      baseUrl: identityValue(identity, 'url'),
      auth: { kind: 'basic', user: key, password: secret },
      ...clientSettings(settings, document?.chartio?.rate_limit),
    });
    return { client, identity, description: `chartio org ${identityValue(identity, 'org')} (${identityValue(identity, 'url')})` };
  },

  credentialHint: chartioCredentialHint,

  refreshScope(document): LiveScope {
    const listed = (objects: Record<string, { id?: number }> | undefined) =>
      Object.entries(objects ?? {}).map(([slug, spec]) => (spec.id !== undefined ? { slug, id: spec.id } : { slug }));
    return {
      dashboards: document.manage?.dashboards === 'all' ? 'all' : listed(document.dashboards),
      datasources: document.manage?.datasources === 'all' ? 'all' : listed(document.datasources),
    };
  },

  // Every call that reads server answers: an unusable id in one is shown redacted.
  readLive: (target, scope, progress) =>
    redactingIds(target.client.redact, () => readChartioLive(target.client, identityValue(target.identity, 'org'), scope as LiveScope, progress)),

  plan: planChartio,

  knownAddresses: chartioKnownAddresses,

  fingerprints: fingerprintChartioLive,

  schemaSync: (target, datasource, options) =>
    redactingIds(target.client.redact, () => runChartioSchemaSync(target.client, identityValue(target.identity, 'org'), datasource, options)),

  createApplySession(target) {
    const created = new CreatedIds();
    const org = identityValue(target.identity, 'org');
    return (change) => redactingIds(target.client.redact, () => applyChartioOperation(target.client, org, change.operation, created));
  },

  exportRequest({ org }) {
    if (!org) throw new Error('export chartio needs --org SLUG');
    return { version: 1, provider: 'chartio', chartio: { org }, manage: { dashboards: 'all', datasources: 'all' } };
  },

  exportDocument: exportChartioDocument,

  auditScope: (): LiveScope => ({ dashboards: 'all', datasources: 'all' }),

  auditGrants: chartioAuditGrants,

  auditPeople: chartioAuditPeople,
  auditTitles: chartioAuditTitles,

  auditManaged: chartioManagedAccess,

  accessDirections: (live, changes) => changeDirections(live, changes, chartioAccessModel),

  async simulate(dataFile, document) {
    const data = await loadSeedFile(dataFile);
    const org = document.chartio?.org ?? '';
    // The data's org is the simulated org; a file for another (a typo) must not be served as if right.
    // Data that names no org takes the file's.
    const dataOrg = (data as { org?: unknown } | null)?.org;
    if (typeof dataOrg === 'string' && dataOrg !== org) {
      throw new SimulationMismatch(['chartio', 'org'], `the file's org ${JSON.stringify(org)} is not the simulated org ${JSON.stringify(dataOrg)}`);
    }
    const sim = await startChartioSim({
      host: '127.0.0.1',
      data,
      org,
      credentials: `${SIM_KEY}:${SIM_SECRET}`,
      syncDelayMs: 0,
    });
    return {
      env: { CHARTIO_URL: sim.url, CHARTIO_API_KEY: SIM_KEY, CHARTIO_API_SECRET: SIM_SECRET },
      close: () => sim.close(),
    };
  },
};

function identityValue(identity: TargetIdentity, key: string): string {
  const value = identity[key];
  if (!value) throw new Error(`the target is missing its ${key}`);
  return value;
}
