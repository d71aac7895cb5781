import { describe, expect, it } from 'vitest';
import { writeDocumentYaml } from '../../../src/config/write-document.js';
import type { GrafanaDocument } from '../../../src/providers/grafana/desired-state.js';
import { exportGrafanaDocument } from '../../../src/providers/grafana/export-document.js';
import { planGrafana } from '../../../src/providers/grafana/plan-grafana.js';
import { loadFiles } from '../../config/load-helpers.js';
import { liveInstance } from './live-fixture.js';

describe('exportGrafanaDocument', () => {
  it.each([
    ['one org, admin only', liveInstance({ users: [], orgs: { 'Main Org.': {} } })],
    [
      'orgs with users, teams and permission lists',
      liveInstance({
        users: ['alice', 'bob', 'carol'],
        orgs: {
          'Main Org.': {
            users: { admin: 'Admin', alice: 'Viewer', bob: 'Editor', carol: 'None' },
            teams: { SRE: ['alice', 'bob'], 'Team: with colon': [] },
            folders: { ops: [{ principal: { team: 'SRE' }, permission: 'Admin' }, { principal: { role: 'Viewer' }, permission: 'View' }], empty: [] },
            dashboards: { abc: [{ principal: { user: 'carol' }, permission: 'Edit' }] },
          },
          Partners: { users: { admin: 'Admin', bob: 'Viewer' } },
        },
      }),
    ],
  ])('%s: the YAML is valid and plans no changes against the same instance', async (_name, live) => {
    const yaml = writeDocumentYaml(exportGrafanaDocument(live), { schemaPath: 'accessctl.schema.json' });
    const loaded = await loadFiles({ 'export.yaml': yaml });
    expect(loaded.lines.filter((line) => line.includes(' error: '))).toEqual([]);
    const plan = planGrafana(loaded.config!.document as unknown as GrafanaDocument, live);
    expect(plan.changes).toEqual([]);
    expect(plan.problems).toEqual([]);
  });

  it('writes a user the way a given file does (email or login), the login otherwise', () => {
    const live = liveInstance({
      users: ['alice', 'bob'],
      orgs: {
        'Main Org.': {
          users: { admin: 'Admin', alice: 'Viewer', bob: 'Editor' },
          teams: { SRE: ['alice', 'bob'] },
          folders: { ops: [{ principal: { user: 'alice' }, permission: 'Edit' }] },
        },
      },
    });
    const file = { version: 1, provider: 'grafana', orgs: { 'Main Org.': { users: { admin: 'Admin', 'ALICE@example.com': 'Viewer' } } } } as GrafanaDocument;
    const org = exportGrafanaDocument(live, file).orgs!['Main Org.']!;
    expect(Object.keys(org.users!)).toEqual(['admin', 'alice@example.com', 'bob']);
    expect(org.teams!.SRE!.members).toEqual(['alice@example.com', 'bob']);
    expect(Object.keys(org.folders!.ops!.permissions!.users!)).toEqual(['alice@example.com']);
    expect(Object.keys(exportGrafanaDocument(live).orgs!['Main Org.']!.users!)).toEqual(['admin', 'alice', 'bob']);
  });

  it('leaves out orgs whose contents were not read', () => {
    const live = liveInstance({ users: [], orgs: { 'Main Org.': {} } });
    live.orgs.push({ id: 9, name: 'Unread' });
    expect(Object.keys(exportGrafanaDocument(live).orgs ?? {})).toEqual(['Main Org.']);
  });
});
