import { describe, expect, it } from 'vitest';
import { fingerprintGrafanaLive } from '../../../src/providers/grafana/fingerprint-live.js';
import { grafanaScope } from '../../../src/providers/grafana/live-scope.js';
import { planGrafana } from '../../../src/providers/grafana/plan-grafana.js';
import { grafanaReconciler } from '../../../src/providers/grafana/reconciler.js';
import { desired, liveInstance } from './live-fixture.js';

const settings = (env: NodeJS.ProcessEnv) => ({ parallelism: 2, env });

const URL_ENV = { GRAFANA_URL: 'http://127.0.0.1:3001/' };

describe('grafanaReconciler.identify', () => {
  it('takes --url, then GRAFANA_URL, never the file, without a trailing slash', () => {
    const doc = desired({ grafana: { url: 'https://grafana.example/' } });
    expect(grafanaReconciler.identify(doc, URL_ENV).url).toBe('http://127.0.0.1:3001');
    expect(grafanaReconciler.identify(doc, URL_ENV, 'http://127.0.0.2:4000/').url).toBe('http://127.0.0.2:4000');
    // The file alone names no instance: its url is an assertion, and there is no localhost default.
    expect(() => grafanaReconciler.identify(doc, {})).toThrow(/GRAFANA_URL \(or --url\) must name the Grafana instance/);
    expect(() => grafanaReconciler.identify(desired({}), { GRAFANA_TOKEN: 'tok' })).toThrow(/GRAFANA_URL/);
  });

  it('declares the file url as an assertion with its place', () => {
    expect(grafanaReconciler.declaredUrl(desired({ grafana: { url: 'https://grafana.example' } }))).toEqual({
      url: 'https://grafana.example',
      path: ['grafana', 'url'],
    });
    expect(grafanaReconciler.declaredUrl(desired({}))).toBeUndefined();
  });

  it.each([
    ['a server admin', { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'pw' }, 'server-admin'],
    ['a server admin, even with a token set too', { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'pw', GRAFANA_TOKEN: 'tok' }, 'server-admin'],
    ['a token alone', { GRAFANA_TOKEN: 'tok' }, 'org-token'],
    ['a token and half a Basic pair', { GRAFANA_USER: 'admin', GRAFANA_TOKEN: 'tok' }, 'org-token'],
    ['no credentials (connect says what is missing)', {}, 'server-admin'],
  ])('records how it reads with %s', (_name, env, access) => {
    expect(grafanaReconciler.identify(desired({}), { ...URL_ENV, ...env })).toEqual({ url: 'http://127.0.0.1:3001', access });
  });
});

describe('grafanaReconciler.connect', () => {
  it('uses Basic auth as a server admin and the token in token mode, and never shows either', async () => {
    const env = { GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'pw-canary-1', GRAFANA_TOKEN: 'tok-canary-2' };
    const basic = grafanaReconciler.connect({ url: 'http://127.0.0.1:9', access: 'server-admin' }, settings(env));
    const token = grafanaReconciler.connect({ url: 'http://127.0.0.1:9', access: 'org-token' }, settings(env));
    try {
      expect(basic.client.redact('x pw-canary-1 tok-canary-2')).toBe('x [REDACTED] tok-canary-2');
      expect(token.client.redact('x pw-canary-1 tok-canary-2')).toBe('x pw-canary-1 [REDACTED]');
      expect(basic.description).toBe('grafana http://127.0.0.1:9');
      expect(token.description).toBe("grafana http://127.0.0.1:9 (service-account token: the token's org only)");
      expect(JSON.stringify([basic.identity, token.identity]) + basic.description + token.description).not.toContain('canary');
    } finally {
      await basic.client.close();
      await token.client.close();
    }
  });

  it.each([
    ['no credentials', { url: 'http://127.0.0.1:9' }, { GRAFANA_USER: 'admin' }, /GRAFANA_USER and GRAFANA_PASSWORD .* or GRAFANA_TOKEN must be set .*--simulate/],
    ['a token for a plan made as server admin', { url: 'http://127.0.0.1:9', access: 'server-admin' }, { GRAFANA_TOKEN: 't' }, /GRAFANA_USER and GRAFANA_PASSWORD \(a Grafana server admin\) must be set: this plan was made with them/],
    ['Basic auth for a plan made with a token', { url: 'http://127.0.0.1:9', access: 'org-token' }, { GRAFANA_USER: 'a', GRAFANA_PASSWORD: 'p' }, /GRAFANA_TOKEN must be set: this plan was made with a service-account token/],
  ])('names what is missing: %s', (_name, identity, env, message) => {
    expect(() => grafanaReconciler.connect(identity, settings(env))).toThrow(message);
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
