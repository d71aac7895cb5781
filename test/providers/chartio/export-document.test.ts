import { describe, expect, it } from 'vitest';
import { writeDocumentYaml } from '../../../src/config/write-document.js';
import { exportChartioDocument } from '../../../src/providers/chartio/export-document.js';
import { planChartio } from '../../../src/providers/chartio/plan-chartio.js';
import type { ChartioDocument } from '../../../src/providers/chartio/desired-state.js';
import type { ChartioLive } from '../../../src/providers/chartio/live-state.js';
import { loadFiles } from '../../config/load-helpers.js';
import { liveOrg } from './live-fixture.js';

const orgs: [string, ChartioLive][] = [
  ['only the owner', liveOrg({ teams: { Owners: ['owner@example.com'] } })],
  [
    'teams, special teams and permissions',
    liveOrg({
      teams: {
        Owners: ['owner@example.com', 'b@example.com'],
        'Added from Dashboard': ['shared@example.com'],
        Sales: ['a@example.com', 'B@example.com'],
        'Team with spaces: and colons': ['c@example.com'],
      },
      dashboards: { d1: { 'team:Sales': 'viewer', 'user:shared@example.com': 'admin' }, empty: {} },
      datasources: { dw: { alias: 'Data: Warehouse', permissions: { 'team:Owners': 'admin' } }, bare: {} },
    }),
  ],
];

describe('exportChartioDocument', () => {
  it.each(orgs)('%s: the exported YAML is valid and plans no changes against the same org', async (_name, live) => {
    const yaml = writeDocumentYaml(exportChartioDocument(live), { schemaPath: 'accessctl.schema.json' });
    const loaded = await loadFiles({ 'export.yaml': yaml });
    expect(loaded.lines.filter((line) => line.includes(' error: '))).toEqual([]);
    const plan = planChartio(loaded.config!.document as unknown as ChartioDocument, live);
    expect(plan.changes).toEqual([]);
    expect(plan.problems).toEqual([]);
  });

  it('pins the second of two dashboards that share a slug by id', () => {
    const live = liveOrg({ teams: { Owners: ['o@example.com'] }, dashboards: { same: { 'team:Owners': 'admin' } } });
    live.dashboards.push({ ...live.dashboards[0]!, id: 99, permissions: [...live.dashboards[0]!.permissions!] });
    const doc = exportChartioDocument(live);
    expect(Object.keys(doc.dashboards ?? {})).toEqual(['same', 'same-99']);
    expect(doc.dashboards?.['same-99']?.id).toBe(99);
    expect(planChartio(doc, live).changes).toEqual([]);
  });

  it.each(['__proto__', 'toString', 'constructor'])('keeps a team named %s, with its grants (names are data)', (name) => {
    const live = liveOrg({ teams: { Owners: ['o@example.com'], [name]: ['a@example.com'] }, dashboards: { d: { [`team:${name}`]: 'viewer' } } });
    const doc = exportChartioDocument(live);
    expect(Object.keys(doc.teams ?? {})).toEqual(['Owners', name]);
    expect(Object.entries(Object.values(doc.dashboards ?? {})[0]?.permissions?.teams ?? {})).toEqual([[name, 'viewer']]);
    expect(planChartio(doc, live).changes).toEqual([]);
  });

  it('writes the schema comment and a header', () => {
    const yaml = writeDocumentYaml({ version: 1 }, { schemaPath: './s.json', header: 'Exported\nfrom x' });
    expect(yaml).toBe('# yaml-language-server: $schema=./s.json\n# Exported\n# from x\nversion: 1\n');
  });
});
