import { describe, expect, it } from 'vitest';
import { fingerprintGrafanaLive } from '../../../src/providers/grafana/fingerprint-live.js';
import { grafanaScope } from '../../../src/providers/grafana/live-scope.js';
import { planGrafana } from '../../../src/providers/grafana/plan-grafana.js';
import { DEFAULT_GRAFANA_URL, grafanaReconciler } from '../../../src/providers/grafana/reconciler.js';
import { desired, liveInstance } from './live-fixture.js';

const settings = (env: NodeJS.ProcessEnv) => ({ parallelism: 2, env });

describe('grafanaReconciler.identify', () => {
  it('takes GRAFANA_URL, then the file, then the default, without a trailing slash', () => {
    const doc = desired({ grafana: { url: 'https://grafana.example/' } });
    expect(grafanaReconciler.identify(doc, { GRAFANA_URL: 'http://127.0.0.1:3001/' })).toEqual({ url: 'http://127.0.0.1:3001' });
    expect(grafanaReconciler.identify(doc, {})).toEqual({ url: 'https://grafana.example' });
    expect(grafanaReconciler.identify(desired({}), {})).toEqual({ url: DEFAULT_GRAFANA_URL });
  });
});

describe('grafanaReconciler.identityFromEnv', () => {
  it('is the URL GRAFANA_URL names, so a saved plan is not applied to another instance', () => {
    expect(grafanaReconciler.identityFromEnv?.({ GRAFANA_URL: 'http://127.0.0.1:3001/' })).toEqual({ url: 'http://127.0.0.1:3001' });
    expect(grafanaReconciler.identityFromEnv?.({})).toEqual({});
  });
});

describe('grafanaReconciler.connect', () => {
  it('prefers Basic auth of GRAFANA_USER + GRAFANA_PASSWORD, then GRAFANA_TOKEN, and never shows either', async () => {
    const identity = { url: 'http://127.0.0.1:9' };
    const basic = grafanaReconciler.connect(identity, settings({ GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'pw-canary-1', GRAFANA_TOKEN: 'tok-canary-2' }));
    const token = grafanaReconciler.connect(identity, settings({ GRAFANA_TOKEN: 'tok-canary-2' }));
    try {
      expect(basic.client.redact('x pw-canary-1 tok-canary-2')).toBe('x [REDACTED] tok-canary-2');
      expect(token.client.redact('x pw-canary-1 tok-canary-2')).toBe('x pw-canary-1 [REDACTED]');
      expect(basic.description).toBe('grafana http://127.0.0.1:9');
      expect(JSON.stringify(basic.identity) + basic.description).not.toContain('canary');
    } finally {
      await basic.client.close();
      await token.client.close();
    }
  });

  it('names the variables and --simulate when credentials are missing', () => {
    expect(() => grafanaReconciler.connect({ url: 'http://127.0.0.1:9' }, settings({ GRAFANA_USER: 'admin' }))).toThrow(
      /GRAFANA_USER and GRAFANA_PASSWORD .* or GRAFANA_TOKEN must be set .*--simulate/,
    );
  });
});

describe('grafanaScope', () => {
  it('names each org by its name and previous names, with the teams, folders and dashboards to read', () => {
    const scope = grafanaScope(
      desired({
        orgs: {
          Main: {
            users: { admin: 'Admin' },
            teams: { SRE: { previously: ['Ops'], members: [] }, Web: {} },
            folders: { ops: {} },
            dashboards: { abc: {} },
          },
          Partners: { previously: ['Partner'], users: { admin: 'Admin' } },
        },
      }),
    );
    expect(scope).toEqual({
      orgs: {
        Main: { teams: ['Ops', 'SRE', 'Web'], folders: ['ops'], dashboards: ['abc'] },
        Partners: { teams: [], folders: [], dashboards: [] },
        Partner: { teams: [], folders: [], dashboards: [] },
      },
    });
    expect(grafanaScope(desired({ manage: { teams: 'all' }, orgs: { Main: {} } })).orgs.Main?.teams).toBe('all');
  });
});

describe('fingerprintGrafanaLive', () => {
  const live = liveInstance({
    users: ['alice', 'bob', 'carol'],
    orgs: {
      Main: {
        users: { admin: 'Admin', alice: 'Viewer', bob: 'Editor' },
        teams: { SRE: ['alice'], Old: ['bob'] },
        folders: { ops: [{ principal: { team: 'SRE' }, permission: 'Edit' }] },
        dashboards: { abc: [{ principal: { user: 'bob' }, permission: 'View' }] },
      },
      Other: {},
    },
  });

  it('has a fingerprint for every live object a plan touches', () => {
    const plan = planGrafana(
      desired({
        manage: { orgs: 'all', teams: 'all' },
        orgs: {
          Main: {
            users: { admin: 'Admin', alice: 'Editor', carol: 'Viewer' },
            teams: { SRE: { members: ['carol'] } },
            folders: { ops: { permissions: { teams: { SRE: 'Admin' } } } },
            dashboards: { abc: { permissions: { roles: { Viewer: 'View' } } } },
          },
        },
      }),
      live,
    );
    const touched = plan.changes.flatMap((c) => c.touches);
    expect(touched.length).toBeGreaterThan(5);
    const keys = Object.keys(fingerprintGrafanaLive(live));
    for (const key of touched) expect(keys).toContain(key);
  });

  it('does not depend on the order things were read in, and changes when an object changes', () => {
    const base = fingerprintGrafanaLive(live);
    const main = live.orgs[0]!;
    const reordered = { ...live, orgs: [{ ...main, users: [...main.users!].reverse(), teams: main.teams!.map((t) => ({ ...t, members: [...t.members].reverse() })) }, live.orgs[1]!] };
    expect(fingerprintGrafanaLive(reordered)).toEqual(base);
    const promoted = { ...live, orgs: [{ ...main, users: main.users!.map((u) => (u.login === 'alice' ? { ...u, role: 'Editor' as const } : u)) }, live.orgs[1]!] };
    const changed = fingerprintGrafanaLive(promoted);
    expect(Object.keys(changed).filter((k) => changed[k] !== base[k])).toEqual([`org:${main.id}:users`]);
  });
});
