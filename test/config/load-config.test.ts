import { describe, expect, it } from 'vitest';
import { CHARTIO_HEAD, GRAFANA_HEAD, loadFiles } from './load-helpers.js';

/** Each case: one file `a.yaml`, and the exact lines validate prints for it. */
const schemaCases: { name: string; yaml: string; expected: string[] }[] = [
  {
    name: 'missing provider',
    yaml: 'version: 1\n',
    expected: ['a.yaml:1:1 error: missing required key "provider"'],
  },
  {
    name: 'unknown provider',
    yaml: 'version: 1\nprovider: looker\n',
    expected: ['a.yaml:2:11 error: provider: "looker" is not allowed; use one of: chartio, grafana'],
  },
  {
    name: 'wrong version',
    yaml: 'version: 2\nprovider: chartio\nchartio: { org: x }\n',
    expected: ['a.yaml:1:10 error: version: must be 1, not 2'],
  },
  {
    name: 'unknown top-level key, with a suggestion',
    yaml: `${CHARTIO_HEAD}team:\n  A: {}\n`,
    expected: [
      'a.yaml:4:1 error: team: unknown key "team" (did you mean "teams"?); allowed keys: version, provider, chartio, manage, safety, teams, dashboards, datasources, ignore',
    ],
  },
  {
    name: 'unknown key inside a team',
    yaml: `${CHARTIO_HEAD}teams:\n  Marketing:\n    membrs: [a@example.com]\n`,
    expected: [
      'a.yaml:6:5 error: teams.Marketing.membrs: unknown key "membrs" (did you mean "members"?); allowed keys: previously, members',
    ],
  },
  {
    name: 'grafana keys in a chartio file',
    yaml: `${CHARTIO_HEAD}orgs: {}\n`,
    expected: [
      'a.yaml:4:1 error: orgs: unknown key "orgs"; allowed keys: version, provider, chartio, manage, safety, teams, dashboards, datasources, ignore',
    ],
  },
  {
    name: 'members as a mapping instead of a list',
    yaml: `${CHARTIO_HEAD}teams:\n  Marketing:\n    members: { a: b }\n`,
    expected: ['a.yaml:6:14 error: teams.Marketing.members: must be a list, not a mapping'],
  },
  {
    name: 'teams as a list',
    yaml: `${CHARTIO_HEAD}teams:\n  - Marketing\n`,
    expected: ['a.yaml:5:3 error: teams: must be a mapping (key: value), not a list'],
  },
  {
    name: 'member that is not an email',
    yaml: `${CHARTIO_HEAD}teams:\n  Marketing:\n    members: [alice]\n`,
    expected: ['a.yaml:6:15 error: teams.Marketing.members[0]: must be an email address like alice@example.com'],
  },
  {
    name: 'id that is not a number',
    yaml: `${CHARTIO_HEAD}dashboards:\n  sales:\n    id: seven\n`,
    expected: ['a.yaml:6:9 error: dashboards.sales.id: must be a whole number, not text "seven"'],
  },
  {
    name: 'chartio dashboard level',
    yaml: `${CHARTIO_HEAD}dashboards:\n  sales:\n    permissions:\n      teams: { Marketing: owner }\n`,
    expected: [
      'a.yaml:7:27 error: dashboards.sales.permissions.teams.Marketing: "owner" is not allowed; use one of: viewer, editor, admin',
    ],
  },
  {
    name: 'chartio datasource viewer, with the reason',
    yaml: `${CHARTIO_HEAD}datasources:\n  dw:\n    permissions:\n      users: { a@example.com: viewer }\n`,
    expected: [
      'a.yaml:7:31 error: datasources.dw.permissions.users["a@example.com"]: "viewer" is not a datasource level: the Chartio API has no viewer level for datasources; use editor or admin',
    ],
  },
  {
    name: 'chartio datasource viewer for a team (no unknown-team warning while the file is invalid)',
    yaml: `${CHARTIO_HEAD}datasources:\n  dw:\n    permissions:\n      teams:\n        Sales: viewer\n`,
    expected: [
      'a.yaml:8:16 error: datasources.dw.permissions.teams.Sales: "viewer" is not a datasource level: the Chartio API has no viewer level for datasources; use editor or admin',
    ],
  },
  {
    name: 'grafana org role',
    yaml: `${GRAFANA_HEAD}orgs:\n  Main Org.:\n    users: { admin: Owner }\n`,
    expected: ['a.yaml:5:21 error: orgs["Main Org."].users.admin: "Owner" is not allowed; use one of: None, Viewer, Editor, Admin'],
  },
  {
    name: 'grafana folder permission uses the chartio word',
    yaml: `${GRAFANA_HEAD}orgs:\n  Main Org.:\n    folders:\n      ops:\n        permissions:\n          teams: { SRE: editor }\n`,
    expected: [
      'a.yaml:8:25 error: orgs["Main Org."].folders.ops.permissions.teams.SRE: "editor" is not allowed; use one of: View, Edit, Admin',
    ],
  },
  {
    name: 'grafana role principal that does not exist',
    yaml: `${GRAFANA_HEAD}orgs:\n  Main Org.:\n    dashboards:\n      abc:\n        permissions:\n          roles: { Admin: View }\n`,
    expected: [
      'a.yaml:8:20 error: orgs["Main Org."].dashboards.abc.permissions.roles.Admin: key "Admin" is not allowed; use one of: Viewer, Editor',
    ],
  },
  {
    name: 'manage value',
    yaml: `${CHARTIO_HEAD}manage:\n  users: delete\n`,
    expected: ['a.yaml:5:10 error: manage.users: "delete" is not allowed; use one of: keep, prune'],
  },
  {
    name: 'grafana manage key in a chartio file',
    yaml: `${CHARTIO_HEAD}manage:\n  org_users: additive\n`,
    expected: [
      'a.yaml:5:3 error: manage.org_users: unknown key "org_users"; allowed keys: teams, members, users, dashboards, datasources',
    ],
  },
  {
    name: 'max_deletions over 100%',
    yaml: `${CHARTIO_HEAD}safety:\n  max_deletions: 150%\n`,
    expected: [
      'a.yaml:5:18 error: safety.max_deletions: must be a percentage from 0% to 100% (like "25%") or a whole number of objects',
    ],
  },
  {
    name: 'max_deletions negative',
    yaml: `${CHARTIO_HEAD}safety:\n  max_deletions: -3\n`,
    expected: [
      'a.yaml:5:18 error: safety.max_deletions: must be a percentage from 0% to 100% (like "25%") or a whole number of objects',
    ],
  },
  ...['fast', '5/0', '0', '2.5', '"50 "', '1000000'].map((value) => ({
    name: `rate limit ${value}: the grammar of --rate-limit`,
    yaml: `version: 1\nprovider: chartio\nchartio: { org: x, rate_limit: ${value} }\n`,
    expected: ['a.yaml:3:32 error: chartio.rate_limit: must be N or N/SECONDS (N requests per second, or per SECONDS seconds; whole numbers), e.g. 50 or 300/60'],
  })),
  {
    name: 'chartio block without org',
    yaml: 'version: 1\nprovider: chartio\nchartio: { url: "http://127.0.0.1:1/v1" }\n',
    expected: ['a.yaml:3:10 error: chartio: missing required key "org"'],
  },
  {
    name: 'over-long team name',
    yaml: `${CHARTIO_HEAD}teams:\n  ${'x'.repeat(300)}: {}\n`,
    // The key is quoted as a token: cut to 40 characters, in the path and in the message.
    expected: [`a.yaml:5:3 error: teams["${'x'.repeat(40)}…"]: key "${'x'.repeat(40)}…" is longer than 255 characters`],
  },
  {
    name: 'every error is reported, not just the first',
    yaml: `${CHARTIO_HEAD}teams:\n  A: { members: [nope] }\n  B: { color: red }\ndashboards:\n  d: { permissions: { teams: { A: owner } } }\n`,
    expected: [
      'a.yaml:5:18 error: teams.A.members[0]: must be an email address like alice@example.com',
      'a.yaml:6:8 error: teams.B.color: unknown key "color"; allowed keys: previously, members',
      'a.yaml:8:35 error: dashboards.d.permissions.teams.A: "owner" is not allowed; use one of: viewer, editor, admin',
    ],
  },
];

describe('schema errors name file:line:col and say what is allowed', () => {
  it.each(schemaCases)('$name', async ({ yaml, expected }) => {
    const result = await loadFiles({ 'a.yaml': yaml });
    expect(result.lines).toEqual(expected);
    expect(result.config).toBeUndefined();
  });
});

describe('bounds keep validation cheap', () => {
  it('refuses a team with more members than an org can hold', async () => {
    const members = Array.from({ length: 10_001 }, (_, i) => `u${i}@example.com`);
    const result = await loadFiles({ 'a.yaml': `${CHARTIO_HEAD}teams:\n  Big:\n    members: [${members.join(', ')}]\n` });
    expect(result.lines).toEqual(['a.yaml:6:14 error: teams.Big.members: has more than 10000 entries']);
  });
});

describe('valid files', () => {
  it('loads a valid chartio file with no issues', async () => {
    const result = await loadFiles({
      'a.yaml': `${CHARTIO_HEAD}teams:\n  Owners: { members: [owner@example.com] }\n  Marketing: { members: [a@example.com] }\ndashboards:\n  d: { permissions: { teams: { Marketing: viewer } } }\n`,
    });
    expect(result.lines).toEqual([]);
    expect(result.config?.provider).toBe('chartio');
    expect(result.config?.document).toMatchObject({ teams: { Marketing: { members: ['a@example.com'] } } });
  });

  it.each(['50', '"50"', '300/60', '999999/99999'])('accepts rate_limit: %s, as --rate-limit does', async (value) => {
    for (const head of [`version: 1\nprovider: chartio\nchartio: { org: x, rate_limit: ${value} }\n`, `version: 1\nprovider: grafana\ngrafana: { rate_limit: ${value} }\n`]) {
      const result = await loadFiles({ 'a.yaml': head });
      expect(result.lines).toEqual([]);
      expect(result.config).toBeDefined();
    }
  });

  it('reports a missing file at 1:1', async () => {
    const result = await loadFiles({}, ['nope.yaml']);
    expect(result.lines).toEqual(['nope.yaml:1:1 error: cannot read: no such file or directory']);
  });
});

describe('ignore rules are one line', () => {
  it('refuses an ignore address with a line break (where a glob would match row by row)', async () => {
    const loaded = await loadFiles({ 'a.yaml': `${CHARTIO_HEAD}ignore:\n  - { address: "team[A]\\n*x", reason: r }\n` });
    expect(loaded.lines).toEqual([expect.stringMatching(/^a\.yaml:\d+:\d+ error: ignore\[0\]\.address: must be one line of printable characters$/)]);
  });
});
