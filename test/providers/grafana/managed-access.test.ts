import { describe, expect, it } from 'vitest';
import { grafanaAccessPaths } from '../../../src/providers/grafana/effective-access.js';
import { grafanaManagedAccess, ORG_WIDE_VIAS } from '../../../src/providers/grafana/managed-access.js';
import type { GrafanaDocument } from '../../../src/providers/grafana/desired-state.js';
import { desired, liveInstance } from './live-fixture.js';

const live = liveInstance({
  users: ['alice'],
  orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' }, folders: { ops: [{ principal: { user: 'alice' }, permission: 'Edit' }], hr: [] }, dashboards: { d: [] } } },
});
live.users[0]!.isGrafanaAdmin = true;

describe('grafanaManagedAccess: what the file manages, in the audit\'s naming', () => {
  it.each<[string, GrafanaDocument, string[]]>([
    ['folders and dashboards listed with permissions', desired({ orgs: { Main: { folders: { ops: { permissions: {} }, hr: {} }, dashboards: { d: { permissions: {} } } } } }), ['Main/folder:ops', 'Main/dashboard:d']],
    ['an org renamed by previously: is named as live still names it', desired({ orgs: { Production: { previously: ['Main'], folders: { ops: { permissions: {} } } } } }), ['Main/folder:ops']],
    ['an org only in the file keeps its own name', desired({ orgs: { New: { folders: { x: { permissions: {} } } } } }), ['New/folder:x']],
  ])('%s', (_name, document, resources) => {
    expect(grafanaManagedAccess(document, live)).toEqual({ resources, orgWideVias: [...ORG_WIDE_VIAS] });
  });

  it('names resources and the org-wide paths exactly as grafanaAccessPaths does', () => {
    const grants = grafanaAccessPaths(live);
    const managed = grafanaManagedAccess(desired({ orgs: { Main: { folders: { ops: { permissions: {} }, hr: { permissions: {} } }, dashboards: { d: { permissions: {} } } } } }), live);
    expect(new Set(grants.map((grant) => grant.resource))).toEqual(new Set(managed.resources));
    expect(new Set(grants.filter((grant) => ORG_WIDE_VIAS.includes(grant.via as never)).map((grant) => grant.via))).toEqual(new Set(ORG_WIDE_VIAS));
  });
});
