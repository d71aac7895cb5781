import { describe, expect, it } from 'vitest';
import { loadFiles } from './load-helpers.js';

const head = (org = 'example-org') => `version: 1\nprovider: chartio\nchartio: { org: ${org} }\n`; // lines 1-3
const bare = 'version: 1\nprovider: chartio\n'; // lines 1-2

describe('a directory is merged into one target', () => {
  it('merges teams, dashboards and datasources from several files, sorted by path', async () => {
    const result = await loadFiles(
      {
        'repo/main.yaml': `${head()}manage: { teams: all }\n`,
        'repo/teams/a.yaml': `${bare}teams:\n  A: { members: [a@example.com] }\n`,
        'repo/teams/b.yml': `${bare}teams:\n  B: { members: [b@example.com] }\n`,
        'repo/dashboards.yaml': `${bare}dashboards:\n  d: { permissions: { teams: { A: viewer } } }\n`,
        'repo/README.md': 'not yaml, ignored',
        'repo/.hidden/x.yaml': 'not: [valid',
      },
      ['repo'],
    );
    expect(result.lines).toEqual([]);
    expect(result.config?.files).toEqual(['repo/dashboards.yaml', 'repo/main.yaml', 'repo/teams/a.yaml', 'repo/teams/b.yml']);
    expect(Object.keys(result.config?.document.teams as object)).toEqual(['A', 'B']);
    expect(result.config?.document.manage).toEqual({ teams: 'all' });
  });

  it.each<{ name: string; files: Record<string, string>; expected: string[] }>([
    {
      name: 'a team defined in two files, naming both files and lines',
      files: {
        'repo/a.yaml': `${head()}teams:\n  Sales: {}\n`,
        'repo/b.yaml': `${bare}teams:\n  Other: {}\n  Sales: { members: [x@example.com] }\n`,
      },
      expected: ['repo/b.yaml:5:3 error: teams.Sales: is also defined in repo/a.yaml:5:3; define it in one file only'],
    },
    {
      name: 'manage defined in two files',
      files: {
        'repo/a.yaml': `${head()}manage: { teams: all }\n`,
        'repo/b.yaml': `${bare}manage: { teams: all }\n`,
      },
      expected: ['repo/b.yaml:3:1 error: manage: is also defined in repo/a.yaml:4:1; define it in one file only'],
    },
    {
      name: 'two files naming different orgs',
      files: { 'repo/a.yaml': head('one'), 'repo/b.yaml': head('two') },
      expected: [
        'repo/b.yaml:3:12 error: chartio.org: "two" disagrees with "one" in repo/a.yaml:3:12; all files of one target must agree',
      ],
    },
    {
      name: 'two files naming different providers',
      files: { 'repo/a.yaml': head(), 'repo/b.yaml': 'version: 1\nprovider: grafana\n' },
      expected: [
        'repo/b.yaml:2:11 error: provider: "grafana" differs from "chartio" in repo/a.yaml:2:11; files merged together must describe one target',
      ],
    },
    {
      name: 'a semantic error in a later file points into that file',
      files: {
        'repo/a.yaml': `${head()}teams:\n  A: { members: [a@example.com] }\n`,
        'repo/b.yaml': `${bare}teams:\n  B:\n    members: [b@example.com, B@example.com]\n`,
      },
      expected: [
        'repo/b.yaml:5:30 error: teams.B.members[1]: member "B@example.com" is listed twice (as "b@example.com"; members compare case-insensitively); first at repo/b.yaml:5:15',
      ],
    },
    {
      name: 'a schema error in one file is reported with that file',
      files: { 'repo/a.yaml': head(), 'repo/b.yaml': `${bare}teams:\n  B: { owner: x }\n` },
      expected: ['repo/b.yaml:4:8 error: teams.B.owner: unknown key "owner"; allowed keys: previously, members'],
    },
    {
      name: 'an empty directory',
      files: { 'repo/notes.txt': 'x' },
      expected: ['repo:1:1 error: directory holds no .yaml or .yml files'],
    },
  ])('$name', async ({ files, expected }) => {
    const result = await loadFiles(files, ['repo']);
    expect(result.lines).toEqual(expected);
    expect(result.config).toBeUndefined();
  });

  it('lets two files state the same org', async () => {
    const result = await loadFiles({ 'repo/a.yaml': head(), 'repo/b.yaml': `${head()}teams: { A: {} }\n` }, ['repo']);
    expect(result.lines).toEqual([]);
    expect(result.config?.document.chartio).toEqual({ org: 'example-org' });
  });

  it('merges one grafana org split across files by section', async () => {
    const g = 'version: 1\nprovider: grafana\n';
    const result = await loadFiles(
      {
        'repo/users.yaml': `${g}orgs:\n  Main:\n    users: { admin: Admin, bob: Viewer }\n`,
        'repo/teams.yaml': `${g}orgs:\n  Main:\n    teams: { SRE: { members: [bob] } }\n`,
        'repo/more-users.yaml': `${g}orgs:\n  Main:\n    users: { carol: Editor }\n`,
      },
      ['repo'],
    );
    expect(result.lines).toEqual([]);
    expect(result.config?.document.orgs).toEqual({
      Main: { users: { carol: 'Editor', admin: 'Admin', bob: 'Viewer' }, teams: { SRE: { members: ['bob'] } } },
    });
  });

  it('refuses the same grafana org user in two files', async () => {
    const g = 'version: 1\nprovider: grafana\n';
    const result = await loadFiles(
      {
        'repo/a.yaml': `${g}orgs:\n  Main:\n    users: { admin: Admin }\n`,
        'repo/b.yaml': `${g}orgs:\n  Main:\n    users:\n      admin: Viewer\n`,
      },
      ['repo'],
    );
    expect(result.lines).toEqual([
      'repo/b.yaml:6:7 error: orgs.Main.users.admin: is also defined in repo/a.yaml:5:14; define it in one file only',
    ]);
  });
});
