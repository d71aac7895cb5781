import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveAccess, levelRank } from '../../../src/core/access-grant.js';
import { HttpClient } from '../../../src/http/client.js';
import { grafanaAccessPaths, grafanaAuditNotes } from '../../../src/providers/grafana/effective-access.js';
import { AUDIT_SCOPE, EVERYTHING } from '../../../src/providers/grafana/live-scope.js';
import { readGrafanaLive } from '../../../src/providers/grafana/read-live.js';
import { startGrafanaSim, type GrafanaSim } from '../../../src/sim/grafana/server.js';
import type { GrafanaLive, LivePermissionItem } from '../../../src/providers/grafana/live-state.js';
import { liveInstance } from './live-fixture.js';

/**
 * One org "Main": admin (Admin), vera (Viewer), ed (Editor), ada (Admin), nora (None), and
 * outsider (in no org); team SRE [nora]. Folders: payroll (root), ops (root), ops-db under ops;
 * dashboards: salaries in payroll, nodes in ops-db, home in General. Each case sets the lists.
 */
function instance(lists: { folders?: Record<string, LivePermissionItem[]>; dashboards?: Record<string, LivePermissionItem[]> }, serverAdmins: string[] = []): GrafanaLive {
  const live = liveInstance({
    users: ['vera', 'ed', 'ada', 'nora', 'outsider'],
    orgs: {
      Main: {
        users: { admin: 'Admin', vera: 'Viewer', ed: 'Editor', ada: 'Admin', nora: 'None' },
        teams: { SRE: ['nora'] },
        folders: { payroll: [], ops: [], 'ops-db': [], ...lists.folders },
        dashboards: { salaries: [], nodes: [], home: [], ...lists.dashboards },
      },
    },
  });
  const parent: Record<string, string> = { payroll: '', ops: '', 'ops-db': 'ops', salaries: 'payroll', nodes: 'ops-db', home: '' };
  const org = live.orgs[0]!;
  for (const target of [...org.folders!, ...org.dashboards!]) target.folderUid = parent[target.uid];
  for (const user of live.users) if (serverAdmins.includes(user.login)) user.isGrafanaAdmin = true;
  return live;
}

const viewerRole: LivePermissionItem = { principal: { role: 'Viewer' }, permission: 'View' };
const editorRole: LivePermissionItem = { principal: { role: 'Editor' }, permission: 'Edit' };

/** What a user reaches on a resource: the level and every path, as the audit shows them. */
function reach(live: GrafanaLive, user: string, resource: string) {
  const entry = effectiveAccess(grafanaAccessPaths(live), levelRank).find((e) => e.user === user && e.resource === `Main/${resource}`);
  return entry ? { level: entry.level, via: entry.paths.map((p) => `${p.via} (${p.level})`).sort() } : undefined;
}

describe('grafanaAccessPaths', () => {
  it.each([
    ['a direct entry', instance({ dashboards: { home: [{ principal: { user: 'nora' }, permission: 'Edit' }] } }), 'nora', 'dashboard:home', { level: 'Edit', via: ['direct (Edit)'] }],
    ['a team entry reaches its members', instance({ dashboards: { home: [{ principal: { team: 'SRE' }, permission: 'View' }] } }), 'nora', 'dashboard:home', { level: 'View', via: ['team:SRE (View)'] }],
    ['role Viewer reaches a Viewer', instance({ dashboards: { home: [viewerRole] } }), 'vera', 'dashboard:home', { level: 'View', via: ['role:Viewer (View)'] }],
    ['role Viewer reaches an Editor too (Admin ⊃ Editor ⊃ Viewer)', instance({ dashboards: { home: [viewerRole] } }), 'ed', 'dashboard:home', { level: 'View', via: ['role:Viewer (View)'] }],
    ['role Viewer does not reach role None', instance({ dashboards: { home: [viewerRole] } }), 'nora', 'dashboard:home', undefined],
    ['role Editor does not reach a Viewer', instance({ dashboards: { home: [editorRole] } }), 'vera', 'dashboard:home', undefined],
    [
      'an org Admin administers everything, whatever the list says',
      instance({ dashboards: { home: [editorRole] } }),
      'ada',
      'dashboard:home',
      { level: 'Admin', via: ['org-role:Admin (Admin)', 'role:Editor (Edit)'] },
    ],
    ['a server admin reaches every org, member or not', instance({}, ['outsider']), 'outsider', 'folder:ops', { level: 'Admin', via: ['server-admin (Admin)'] }],
    ['a dashboard inherits its folder\'s entries', instance({ folders: { payroll: [viewerRole] } }), 'vera', 'dashboard:salaries', { level: 'View', via: ['folder:payroll > role:Viewer (View)'] }],
    [
      'a nested folder\'s dashboard inherits every ancestor, nearest first, and keeps every path',
      instance({ folders: { ops: [{ principal: { team: 'SRE' }, permission: 'Admin' }], 'ops-db': [{ principal: { user: 'nora' }, permission: 'View' }] } }),
      'nora',
      'dashboard:nodes',
      { level: 'Admin', via: ['folder:ops > team:SRE (Admin)', 'folder:ops-db > direct (View)'] },
    ],
    ['a nested folder inherits its parent\'s entries', instance({ folders: { ops: [editorRole] } }), 'ed', 'folder:ops-db', { level: 'Edit', via: ['folder:ops > role:Editor (Edit)'] }],
    ['another folder\'s entries do not leak', instance({ folders: { ops: [viewerRole] } }), 'vera', 'dashboard:salaries', undefined],
  ] as const)('%s', (_name, live, user, resource, expected) => {
    expect(reach(live, user, resource)).toEqual(expected);
  });

  it.each([
    ['a dashboard: every View path also edits', 'dashboard:home', { level: 'Edit', via: ['role:Viewer (View)', 'viewers-can-edit > role:Viewer (Edit)'] }],
    ['a folder: unchanged (the setting is about dashboards)', 'folder:payroll', { level: 'View', via: ['role:Viewer (View)'] }],
  ] as const)('with viewers_can_edit on, %s', (_name, resource, expected) => {
    const live = { ...instance({ folders: { payroll: [viewerRole] }, dashboards: { home: [viewerRole] } }), instance: { viewersCanEdit: true, anonymousEnabled: false } };
    expect(reach(live, 'vera', resource)).toEqual(expected);
  });

  it.each([
    [{ viewersCanEdit: false, anonymousEnabled: true }, 1],
    [{ viewersCanEdit: true, anonymousEnabled: false }, 0],
  ])('notes anonymous access, whose reach the API does not report (%j)', (settings, notes) => {
    expect(grafanaAuditNotes({ ...instance({}), instance: settings })).toHaveLength(notes);
  });

  it('the issue\'s Payroll case: a Viewer entry on the folder reaches the Viewer, the Editor and both Admins on the folder and its dashboard', () => {
    const live = instance({ folders: { payroll: [viewerRole] } });
    const access = effectiveAccess(grafanaAccessPaths(live), levelRank);
    const who = (resource: string) => access.filter((e) => e.resource === `Main/${resource}`).map((e) => `${e.user}:${e.level}`).sort();
    expect(who('folder:payroll')).toEqual(['ada:Admin', 'admin:Admin', 'ed:View', 'vera:View']);
    expect(who('dashboard:salaries')).toEqual(['ada:Admin', 'admin:Admin', 'ed:View', 'vera:View']);
  });

  it('stops at a folder cycle a hostile server could describe', () => {
    const live = instance({ folders: { ops: [viewerRole] } });
    const folders = live.orgs[0]!.folders!;
    folders.find((f) => f.uid === 'ops')!.folderUid = 'ops-db'; // ops-db's parent is ops: a cycle
    expect(reach(live, 'vera', 'folder:ops-db')).toEqual({ level: 'View', via: ['folder:ops > role:Viewer (View)'] });
  });
});

/**
 * The same paths, read from the real simulator seeded with `--data`: the reader must bring what
 * the model needs (each dashboard's folder and each folder's parent from /api/search, the
 * server-admin flag from /api/users/search).
 */
describe('grafanaAccessPaths on a seeded simulator', () => {
  let sim: GrafanaSim;
  let live: GrafanaLive;
  beforeAll(async () => {
    sim = await startGrafanaSim({
      data: {
        users: [
          { login: 'admin', password: 'admin', isGrafanaAdmin: true },
          ...['vera', 'ed', 'ada', 'nora'].map((login) => ({ login })),
          { login: 'root', isGrafanaAdmin: true },
        ],
        orgs: [
          {
            name: 'Main',
            users: [{ user: 'admin', role: 'Admin' }, { user: 'vera', role: 'Viewer' }, { user: 'ed', role: 'Editor' }, { user: 'ada', role: 'Admin' }, { user: 'nora', role: 'None' }],
            teams: [{ name: 'SRE', members: ['nora'] }],
            folders: [
              { uid: 'payroll', title: 'Payroll', permissions: [{ role: 'Viewer', permission: 'View' }], dashboards: [{ uid: 'salaries', title: 'Salaries' }] },
              {
                uid: 'ops', title: 'Ops', permissions: [{ team: 'SRE', permission: 'Admin' }],
                folders: [{ uid: 'ops-db', title: 'DB', permissions: [{ user: 'nora', permission: 'View' }], dashboards: [{ uid: 'nodes', title: 'Nodes' }] }],
              },
            ],
            dashboards: [{ uid: 'home', title: 'Home', permissions: [{ user: 'ed', permission: 'Edit' }] }],
          },
        ],
      },
    });
    const client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'admin', password: 'admin' } });
    try {
      live = await readGrafanaLive(client, EVERYTHING);
    } finally {
      await client.close();
    }
  });
  afterAll(async () => {
    await sim.close();
  });

  it.each([
    ['direct', 'ed', 'dashboard:home', { level: 'Edit', via: ['direct (Edit)'] }],
    ['role hierarchy and folder inheritance', 'ed', 'dashboard:salaries', { level: 'View', via: ['folder:payroll > role:Viewer (View)'] }],
    ['team through nested folders', 'nora', 'dashboard:nodes', { level: 'Admin', via: ['folder:ops > team:SRE (Admin)', 'folder:ops-db > direct (View)'] }],
    ['org Admin', 'ada', 'folder:ops-db', { level: 'Admin', via: ['org-role:Admin (Admin)'] }],
    ['server admin outside the org', 'root', 'dashboard:salaries', { level: 'Admin', via: ['server-admin (Admin)'] }],
    ['role None reaches nothing by role', 'nora', 'dashboard:salaries', undefined],
  ] as const)('%s', (_name, user, resource, expected) => {
    expect(reach(live, user, resource)).toEqual(expected);
  });
});

describe('instance settings read from a seeded simulator', () => {
  it('reads viewers_can_edit and anonymous access with the audit scope only, and the model uses them', async () => {
    const sim = await startGrafanaSim({
      data: {
        settings: { viewersCanEdit: true, anonymousEnabled: true },
        users: [{ login: 'vera' }],
        orgs: [{ name: 'Main', users: [{ user: 'admin', role: 'Admin' }, { user: 'vera', role: 'Viewer' }], dashboards: [{ uid: 'home', title: 'Home', permissions: [{ role: 'Viewer', permission: 'View' }] }] }],
      },
    });
    const client = new HttpClient({ baseUrl: sim.url, auth: { kind: 'basic', user: 'admin', password: 'admin' } });
    try {
      expect((await readGrafanaLive(client, EVERYTHING)).instance).toBeUndefined();
      const live = await readGrafanaLive(client, AUDIT_SCOPE);
      expect(live.instance).toEqual({ viewersCanEdit: true, anonymousEnabled: true });
      expect(reach(live, 'vera', 'dashboard:home')).toEqual({ level: 'Edit', via: ['role:Viewer (View)', 'viewers-can-edit > role:Viewer (Edit)'] });
      expect(grafanaAuditNotes(live)).toHaveLength(1);
    } finally {
      await client.close();
      await sim.close();
    }
  });
});
