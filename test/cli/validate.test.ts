import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

describe('accessctl validate (the built CLI, as a child process)', () => {
  it('accepts the shipped examples with one line per -f argument', async () => {
    const run = await runCli(['validate', '-f', 'examples/chartio.yaml', '-f', 'examples/grafana.yaml', '-f', 'examples/gitops-repo']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'examples/chartio.yaml: valid (3 teams, 7 permissions)',
        'examples/grafana.yaml: valid (2 orgs, 2 teams, 6 users, 6 permissions)',
        'examples/gitops-repo: valid (4 teams, 7 permissions)',
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(0);
  });

  it('exits 1 and prints every error with file:line:col', async () => {
    const temp = await tempFiles({
      'bad.yaml': 'version: 1\nprovider: chartio\nchartio: { org: x }\nteams:\n  A: { members: [nope] }\n  B: { colour: red }\n',
      'good.yaml': 'version: 1\nprovider: grafana\n',
    });
    try {
      const run = await runCli(['validate', '-f', 'bad.yaml', '-f', 'good.yaml'], { cwd: temp.dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('bad.yaml: invalid (2 errors)\ngood.yaml: valid (0 orgs, 0 teams, 0 users, 0 permissions)\n');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toEqual([
        'bad.yaml:5:18 error: teams.A.members[0]: must be an email address like alice@example.com',
        'bad.yaml:6:8 error: teams.B.colour: unknown key "colour"; allowed keys: previously, members',
      ]);
      for (const line of lines) expect(line).toMatch(/^[^:]+:\d+:\d+ (error|warning): /);
    } finally {
      await temp.remove();
    }
  });

  it('prints warnings but stays valid', async () => {
    const temp = await tempFiles({
      'access.yaml': 'version: 1\nprovider: chartio\nchartio: { org: x }\ndashboards:\n  d: { permissions: { teams: { Sales: viewer } } }\n',
    });
    try {
      const run = await runCli(['validate'], { cwd: temp.dir }); // -f defaults to access.yaml
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('access.yaml: valid (0 teams, 1 permission)\n');
      expect(run.stderr).toContain('access.yaml:5:32 warning: dashboards.d.permissions.teams.Sales: team "Sales" is not defined');
    } finally {
      await temp.remove();
    }
  });

  it('answers in JSON for machines', async () => {
    const temp = await tempFiles({ 'a.yaml': 'version: 1\nprovider: chartio\nchartio: { org: x }\nmanage: { users: delete }\n' });
    try {
      const run = await runCli(['validate', '-f', 'a.yaml', '--format', 'json'], { cwd: temp.dir });
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout);
      expect(report).toEqual({
        valid: false,
        results: [
          {
            path: 'a.yaml',
            valid: false,
            files: [],
            issues: [
              {
                severity: 'error',
                file: 'a.yaml',
                line: 4,
                col: 18,
                path: 'manage.users',
                message: '"delete" is not allowed; use one of: keep, prune',
              },
            ],
          },
        ],
      });
    } finally {
      await temp.remove();
    }
  });

  it('escapes keys from the file in its messages: no ANSI sequence or bidi override reaches the terminal', async () => {
    const temp = await tempFiles({ 'a.yaml': 'version: 1\nprovider: chartio\nchartio: { org: x }\nteams:\n  B: { "\\e[2J\\u202eloc": red }\n' });
    try {
      const run = await runCli(['validate', '-f', 'a.yaml'], { cwd: temp.dir });
      expect(run.code).toBe(1);
      expect(run.stderr).not.toMatch(/[\u001b\u202e]/);
      expect(run.stderr).toContain('\\u001b[2J\\u202eloc');
    } finally {
      await temp.remove();
    }
  });

  it('redacts the environment\'s credentials from what it prints, in any encoding', async () => {
    const secret = 'validate-canary-s3cret';
    const temp = await tempFiles({ 'a.yaml': `version: 1\nprovider: chartio\nchartio: { org: x }\nteams:\n  B: { "${secret}": 1, "${Buffer.from(`k:${secret}`).toString('base64')}": 2 }\n` });
    try {
      const run = await runCli(['validate', '-f', 'a.yaml'], { cwd: temp.dir, env: { CHARTIO_API_KEY: 'k', CHARTIO_API_SECRET: secret } });
      expect(run.code).toBe(1);
      expect(run.stderr.match(/unknown key "\[REDACTED\]"/g)).toHaveLength(2);
      expect(run.stderr).not.toContain(secret);
      expect(run.stderr).not.toContain(Buffer.from(`k:${secret}`).toString('base64'));
    } finally {
      await temp.remove();
    }
  });

  it('exits 1 on a missing file and on an unknown format', async () => {
    const missing = await runCli(['validate', '-f', 'does-not-exist.yaml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('does-not-exist.yaml:1:1 error: cannot read: no such file or directory\n');
    const badFormat = await runCli(['validate', '--format', 'xml']);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toMatch(/xml/);
  });
});
