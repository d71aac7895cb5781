import { describe, expect, it } from 'vitest';
import { planGrafana } from '../../../src/providers/grafana/plan-grafana.js';
import type { GrafanaDocument } from '../../../src/providers/grafana/desired-state.js';
import type { GrafanaLive } from '../../../src/providers/grafana/live-state.js';
import { desired, liveInstance } from './live-fixture.js';

/** [address, reducesAccess, grantsAccess] for every planned change: which way applying it moves access. */
const directions = (document: GrafanaDocument, live: GrafanaLive) =>
  planGrafana(document, live).changes.map((c) => [c.address, c.reducesAccess, c.grantsAccess ?? false]);

describe('planGrafana: grantsAccess, the other half of reducesAccess', () => {
  it.each<[string, GrafanaDocument, GrafanaLive, [string, boolean, boolean][]]>([
    [
      'org users: an add and a promotion grant; a demotion and a removal reduce',
      desired({ orgs: { Main: { users: { admin: 'Admin', alice: 'Admin', bob: 'Viewer', dave: 'Editor' } } } }),
      liveInstance({ users: ['alice', 'bob', 'carol', 'dave'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer', bob: 'Editor', carol: 'Viewer' } } } }),
      [
        ['org[Main].user[alice]', false, true],
        ['org[Main].user[dave]', false, true],
        ['org[Main].user[bob]', true, false],
        ['org[Main].user[carol]', true, false],
      ],
    ],
    [
      'teams: a new team and an email grant nothing; a member add grants, a removal reduces',
      desired({ orgs: { Main: { teams: { SRE: { email: 'sre@example.com', members: ['alice'] }, Ops: {} } } } }),
      liveInstance({ users: ['alice', 'bob'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer', bob: 'Viewer' }, teams: { SRE: ['bob'] } } } }),
      [
        ['org[Main].team[Ops]', false, false],
        ['org[Main].team[SRE]', false, false],
        ['org[Main].team[SRE].member[alice]', false, true],
        ['org[Main].team[SRE].member[bob]', true, false],
      ],
    ],
    [
      'a permission list that only adds grants',
      desired({ orgs: { Main: { folders: { ops: { permissions: { roles: { Viewer: 'View' }, users: { alice: 'Edit' } } } } } } }),
      liveInstance({ users: ['alice'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' }, folders: { ops: [{ principal: { role: 'Viewer' }, permission: 'View' }] } } } }),
      [['org[Main].folder[ops].permissions', false, true]],
    ],
    [
      'a permission list that only raises grants',
      desired({ orgs: { Main: { dashboards: { d: { permissions: { users: { alice: 'Admin' } } } } } } }),
      liveInstance({ users: ['alice'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' }, dashboards: { d: [{ principal: { user: 'alice' }, permission: 'View' }] } } } }),
      [['org[Main].dashboard[d].permissions', false, true]],
    ],
    [
      'a permission list that only removes reduces',
      desired({ orgs: { Main: { folders: { ops: { permissions: {} } } } } }),
      liveInstance({ users: ['alice'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' }, folders: { ops: [{ principal: { user: 'alice' }, permission: 'Admin' }] } } } }),
      [['org[Main].folder[ops].permissions', true, false]],
    ],
    [
      'a permission list that adds one and lowers another does both',
      desired({ orgs: { Main: { folders: { ops: { permissions: { roles: { Editor: 'Edit' }, users: { alice: 'View' } } } } } } }),
      liveInstance({ users: ['alice'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer' }, folders: { ops: [{ principal: { user: 'alice' }, permission: 'Admin' }] } } } }),
      [['org[Main].folder[ops].permissions', true, true]],
    ],
  ])('%s', (_name, document, live, expected) => {
    expect(directions(document, live)).toEqual(expected);
  });
});
