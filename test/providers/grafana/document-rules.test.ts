import { describe, expect, it } from 'vitest';
import { GRAFANA_HEAD, loadFiles } from '../../config/load-helpers.js';

const ORG = 'orgs:\n  Main:\n'; // lines 3-4

const cases: { name: string; yaml: string; expected: string[]; valid?: boolean }[] = [
  {
    name: 'an org user listed twice in different case',
    yaml: `${GRAFANA_HEAD}${ORG}    users:\n      admin: Admin\n      alice@example.com: Viewer\n      ALICE@example.com: Editor\n`,
    expected: [
      'a.yaml:8:7 error: orgs.Main.users["ALICE@example.com"]: user "ALICE@example.com" is listed twice (as "alice@example.com"; users compare case-insensitively); first at a.yaml:7:7',
    ],
  },
  {
    name: 'an authoritative user list without an Admin',
    yaml: `${GRAFANA_HEAD}${ORG}    users:\n      alice@example.com: Editor\n`,
    expected: [
      'a.yaml:5:5 error: orgs.Main.users: org "Main" has no Admin; Grafana refuses to remove or demote an org\'s last Admin, so list at least one',
    ],
  },
  {
    name: 'an additive user list without an Admin is fine',
    yaml: `${GRAFANA_HEAD}manage: { org_users: additive }\n${'orgs:\n  Main:\n'}    users:\n      alice@example.com: Editor\n`,
    expected: [],
    valid: true,
  },
  {
    name: 'a team member who is not an org user is a warning',
    yaml: `${GRAFANA_HEAD}${ORG}    users: { admin: Admin }\n    teams:\n      SRE: { members: [bob] }\n`,
    expected: [
      'a.yaml:7:24 warning: orgs.Main.teams.SRE.members[0]: "bob" is not among the users of org "Main" in this file; Grafana adds them to the team anyway, but its UI does not show them there',
    ],
    valid: true,
  },
  {
    name: 'a team member listed twice',
    yaml: `${GRAFANA_HEAD}${ORG}    teams:\n      SRE: { members: [bob, Bob] }\n`,
    expected: [
      'a.yaml:6:29 error: orgs.Main.teams.SRE.members[1]: member "Bob" is listed twice (as "bob"; members compare case-insensitively); first at a.yaml:6:24',
    ],
  },
  {
    name: 'a folder permission for a team not in the org',
    yaml: `${GRAFANA_HEAD}${ORG}    folders:\n      ops:\n        permissions: { teams: { SRE: Edit } }\n`,
    expected: [
      'a.yaml:7:33 warning: orgs.Main.folders.ops.permissions.teams.SRE: team "SRE" is not defined in this org in this file; it must already exist in Grafana',
    ],
    valid: true,
  },
  {
    name: 'a dashboard permission for a user not in the org',
    yaml: `${GRAFANA_HEAD}${ORG}    users: { admin: Admin }\n    dashboards:\n      abc:\n        permissions: { users: { eve: View } }\n`,
    expected: [
      'a.yaml:8:33 warning: orgs.Main.dashboards.abc.permissions.users.eve: "eve" is not among this org\'s users in this file; Grafana stores the grant anyway, but its UI does not show it',
    ],
    valid: true,
  },
  {
    name: 'an org old name in use by another org',
    yaml: `${GRAFANA_HEAD}orgs:\n  A: { previously: [B] }\n  B: {}\n`,
    expected: ['a.yaml:4:21 error: orgs.A.previously[0]: "B" is also defined at a.yaml:5:3; an old name must not be in use'],
  },
  {
    name: 'the README example shape is valid',
    yaml: `${GRAFANA_HEAD}orgs:\n  Main Org.:\n    users: { admin: Admin, alice@example.com: Viewer }\n    teams:\n      SRE: { members: [alice@example.com] }\n    folders:\n      ops:\n        permissions: { teams: { SRE: Edit }, roles: { Viewer: View } }\n`,
    expected: [],
    valid: true,
  },
];

describe('grafana rules beyond the schema', () => {
  it.each(cases)('$name', async ({ yaml, expected, valid = false }) => {
    const result = await loadFiles({ 'a.yaml': yaml });
    expect(result.lines).toEqual(expected);
    expect(result.config !== undefined).toBe(valid);
  });
});
