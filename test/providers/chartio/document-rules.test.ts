import { describe, expect, it } from 'vitest';
import { CHARTIO_HEAD, loadFiles } from '../../config/load-helpers.js';

const cases: { name: string; yaml: string; expected: string[]; valid?: boolean }[] = [
  {
    name: 'a member listed twice in different case, naming both places',
    yaml: `${CHARTIO_HEAD}teams:\n  Sales:\n    members:\n      - alice@example.com\n      - Alice@Example.COM\n`,
    expected: [
      'a.yaml:8:9 error: teams.Sales.members[1]: member "Alice@Example.COM" is listed twice (as "alice@example.com"; members compare case-insensitively); first at a.yaml:7:9',
    ],
  },
  {
    name: 'a member listed twice in the same case',
    yaml: `${CHARTIO_HEAD}teams:\n  Sales: { members: [a@example.com, a@example.com] }\n`,
    expected: ['a.yaml:5:37 error: teams.Sales.members[1]: member "a@example.com" is listed twice; first at a.yaml:5:22'],
  },
  {
    name: 'the same user twice in a permission list',
    yaml: `${CHARTIO_HEAD}dashboards:\n  d:\n    permissions:\n      users:\n        bob@example.com: viewer\n        BOB@example.com: editor\n`,
    expected: [
      'a.yaml:9:9 error: dashboards.d.permissions.users["BOB@example.com"]: user "BOB@example.com" is listed twice (as "bob@example.com"; users compare case-insensitively); first at a.yaml:8:9',
    ],
  },
  {
    name: 'a permission for a team the file does not define is a warning',
    yaml: `${CHARTIO_HEAD}dashboards:\n  d:\n    permissions:\n      teams: { Sales: viewer }\n`,
    expected: [
      'a.yaml:7:16 warning: dashboards.d.permissions.teams.Sales: team "Sales" is not defined in this file; it must already exist in Chartio',
    ],
    valid: true,
  },
  {
    name: 'Owners with no members',
    yaml: `${CHARTIO_HEAD}teams:\n  Owners:\n    members: []\n`,
    expected: [
      'a.yaml:6:14 error: teams.Owners.members: the Owners team must keep at least one member (Chartio refuses to remove its last member)',
    ],
  },
  {
    name: 'Owners listed without a members key is not managed, so it is fine',
    yaml: `${CHARTIO_HEAD}teams:\n  Owners: {}\n`,
    expected: [],
    valid: true,
  },
  {
    name: '"Added from Dashboard" may not gain members',
    yaml: `${CHARTIO_HEAD}teams:\n  Added from Dashboard:\n    members: [a@example.com]\n`,
    expected: [
      'a.yaml:6:14 error: teams["Added from Dashboard"].members: members cannot be added to the "Added from Dashboard" team (Chartio answers 405; only dashboard sharing adds to it); list no members, or leave the team out',
    ],
  },
  {
    name: '"Added from Dashboard" may be emptied',
    yaml: `${CHARTIO_HEAD}teams:\n  Added from Dashboard:\n    members: []\n`,
    expected: [],
    valid: true,
  },
  {
    name: 'an old name claimed by two teams',
    yaml: `${CHARTIO_HEAD}teams:\n  A: { previously: [Old] }\n  B: { previously: [Old] }\n`,
    expected: ['a.yaml:6:21 error: teams.B.previously[0]: "Old" is also an earlier name at a.yaml:5:21; it can be renamed only once'],
  },
  {
    name: 'an old name that is another team of the file',
    yaml: `${CHARTIO_HEAD}teams:\n  A: { previously: [B] }\n  B: {}\n`,
    expected: ['a.yaml:5:21 error: teams.A.previously[0]: "B" is also defined at a.yaml:6:3; an old name must not be in use'],
  },
  {
    name: 'renaming into Owners',
    yaml: `${CHARTIO_HEAD}teams:\n  A: { previously: [Owners] }\n`,
    expected: ['a.yaml:5:21 error: teams.A.previously[0]: "Owners" cannot be renamed'],
  },
  {
    name: 'renaming the Owners team',
    yaml: `${CHARTIO_HEAD}teams:\n  Owners:\n    previously: [Admins]\n    members: [o@example.com]\n`,
    expected: ['a.yaml:6:5 error: teams.Owners.previously: "Owners" cannot be renamed, so it cannot have earlier names'],
  },
  {
    name: 'a team that names itself as its old name',
    yaml: `${CHARTIO_HEAD}teams:\n  A: { previously: [A] }\n`,
    expected: ['a.yaml:5:21 error: teams.A.previously[0]: "A" is this entry\'s own name'],
  },
  {
    name: 'no org',
    yaml: 'version: 1\nprovider: chartio\nteams: {}\n',
    expected: [
      'a.yaml:1:1 error: missing `chartio: { org: SLUG }`: a Chartio file names its org, so a plan can never land on another org',
    ],
  },
];

describe('chartio rules beyond the schema', () => {
  it.each(cases)('$name', async ({ yaml, expected, valid = false }) => {
    const result = await loadFiles({ 'a.yaml': yaml });
    expect(result.lines).toEqual(expected);
    expect(result.config !== undefined).toBe(valid);
  });
});
