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
    expect(grafanaManagedAccess(document, live)).toMatchObject({ resources, orgWideVias: [...ORG_WIDE_VIAS] });
  });

  // Org 1 (Main) is never deleted, so its teams are unmanaged even under manage.orgs: all; Other is org 2.
  const withTeams = liveInstance({
    users: ['alice', 'bob'],
    orgs: { Main: { teams: { SRE: ['alice'], Old: ['bob'], 'Hand-made': [] } }, Other: { teams: { Ops: ['bob'] } } },
  });
  it.each<[string, GrafanaDocument, string[]]>([
    ['teams a named org does not list, and every team of an org the file leaves alone', desired({ orgs: { Main: { teams: { SRE: {} } } } }), ['Main/Old', 'Main/Hand-made', 'Other/Ops']],
    ['a previously: name claims its live team, and an org renamed by previously: claims its org', desired({ orgs: { Prod: { previously: ['Main'], teams: { New: { previously: ['Old'] } } } } }), ['Main/SRE', 'Main/Hand-made', 'Other/Ops']],
    ['names match exactly, as Grafana compares them: sre is not SRE', desired({ orgs: { Main: { teams: { sre: {}, Old: {}, 'Hand-made': {} } } } }), ['Main/SRE', 'Other/Ops']],
    ['under manage.teams: all a named org\'s other teams are planned deletions (drift)', desired({ manage: { teams: 'all' }, orgs: { Main: {} } }), ['Other/Ops']],
    ['under manage.orgs: all the main org is never deleted, so its teams are unmanaged though the file does not name it', desired({ manage: { orgs: 'all' }, orgs: { Other: { teams: {} } } }), ['Other/Ops', 'Main/SRE', 'Main/Old', 'Main/Hand-made']],
    ['under manage.orgs: all, an unnamed org other than the main one is drift', desired({ manage: { orgs: 'all' }, orgs: { Main: { teams: { SRE: {}, Old: {}, 'Hand-made': {} } } } }), []],
  ])('unmanaged teams: %s', (_name, document, teams) => {
    expect(grafanaManagedAccess(document, withTeams).unmanagedTeams.map((team) => `${team.org}/${team.team}`)).toEqual(teams);
  });

  it('an unmanaged team carries its members by login', () => {
    expect(grafanaManagedAccess(desired({}), withTeams).unmanagedTeams).toContainEqual({ team: 'Old', org: 'Main', members: ['bob'] });
  });

  it('names resources and the org-wide paths exactly as grafanaAccessPaths does', () => {
    const grants = grafanaAccessPaths(live);
    const managed = grafanaManagedAccess(desired({ orgs: { Main: { folders: { ops: { permissions: {} }, hr: { permissions: {} } }, dashboards: { d: { permissions: {} } } } } }), live);
    expect(new Set(grants.map((grant) => grant.resource))).toEqual(new Set(managed.resources));
    expect(new Set(grants.filter((grant) => ORG_WIDE_VIAS.includes(grant.via as never)).map((grant) => grant.via))).toEqual(new Set(ORG_WIDE_VIAS));
  });
});
