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

// Every command that reads the desired state gives the same hint, before it reads anything or connects.
describe('with no -f and no access.yaml, every command that reads the file hints at -f', () => {
  it.each([['plan'], ['apply', '--auto-approve'], ['drift'], ['audit']])('%s', async (...args) => {
    const temp = await tempFiles({ 'other.yaml': 'version: 1\nprovider: grafana\n' });
    try {
      const run = await runCli(args, { cwd: temp.dir, env: { CHARTIO_API_KEY: 'k', CHARTIO_API_SECRET: 's' } });
      expect(run.stderr).toBe('error: no access.yaml here; pass the file with -f PATH\n');
      expect(run.code).toBe(1);
    } finally {
      await temp.remove();
    }
  });
});

describe('validate says where and what to fix (issue 15)', () => {
  it('with no -f and no access.yaml: a hint about -f, exit 1', async () => {
    const temp = await tempFiles({ 'other.yaml': 'version: 1\nprovider: grafana\n' });
    try {
      const run = await runCli(['validate'], { cwd: temp.dir });
      expect(run.stderr).toBe('error: no access.yaml here; pass the file with -f PATH\n');
      expect(run.stdout).toBe('');
      expect(run.code).toBe(1);
    } finally {
      await temp.remove();
    }
  });

  const HEAD = 'version: 1\nprovider: chartio\nchartio:\n  org: acme\n';
  // Where the mistake is, not the next line or the end of the file where the YAML parser noticed it.
  it.each([
    ['an unclosed [', `${HEAD}teams:\n  A:\n    members: [a@example.com\n  B:\n    members: []\n`, '7:14', 'the [ that starts here is not closed'],
    ['an unclosed [ over two lines', `${HEAD}teams:\n  A:\n    members: [a@example.com,\n      b@example.com\n  B: {}\n`, '7:14', 'the [ that starts here is not closed'],
    ['an unclosed [ at the end of the file', `${HEAD}teams:\n  A:\n    members: [a@example.com\n\n# end\n`, '7:14', 'the [ that starts here is not closed'],
    ['an unclosed {', `${HEAD}teams: {A: {members: []}\nmanage: {}\n`, '5:8', 'the { that starts here is not closed'],
    ['an unclosed "', `version: 1\nprovider: chartio\nchartio:\n  org: "acme\nteams: {}\n`, '4:8', 'the " that starts here is not closed'],
    ["an unclosed '", `version: 1\nprovider: chartio\nchartio:\n  org: 'acme\nteams: {}\n`, '4:8', "the ' that starts here is not closed"],
    ['a key indented too far', `${HEAD}teams:\n  A:\n      members: []\n    previously: []\n`, '8:5', 'All mapping items must start at the same column'],
  ])('%s', async (_name, text, at, message) => {
    for (const [ending, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']]) {
      const temp = await tempFiles({ 'a.yaml': text.replace(/\n/g, eol!) });
      try {
        const run = await runCli(['validate', '-f', 'a.yaml'], { cwd: temp.dir });
        expect(run.code, ending).toBe(1);
        const lines = run.stderr.trimEnd().split('\n');
        expect(lines, ending).toHaveLength(1);
        expect(lines[0]!.startsWith(`a.yaml:${at} error: `), `${ending}: ${lines[0]}`).toBe(true);
        expect(lines[0], ending).toContain(message);
      } finally {
        await temp.remove();
      }
    }
  });

  it.each([
    ['grafana', 'chartio', 'version: 1\nprovider: grafana\nchartio:\n  org: acme\n', 'a.yaml:3:1', 'a.yaml:2:11'],
    ['chartio', 'grafana', 'version: 1\nprovider:   chartio\nchartio: { org: acme }\ngrafana:\n  url: http://localhost:3000\n', 'a.yaml:4:1', 'a.yaml:2:13'],
  ])('a provider: %s file with a %s: block says whose block it is and where provider: is', async (declared, block, text, at, providerAt) => {
    const temp = await tempFiles({ 'a.yaml': text });
    try {
      const run = await runCli(['validate', '-f', 'a.yaml'], { cwd: temp.dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `${at} error: ${block}: the "${block}" block belongs to provider ${block}, but this file says provider: "${declared}" (${providerAt}); change provider: or remove the block\n`,
      );
    } finally {
      await temp.remove();
    }
  });

  const VALID = 'version: 1\nprovider: chartio\nchartio:\n  org: acme\nteams:\n  A:\n    members: [a@example.com]\n';
  it.each([
    ['UTF-16 little-endian', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID, 'utf16le')]), 'UTF-16 (little-endian, byte order mark FF FE)'],
    ['UTF-16 big-endian', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(VALID, 'utf16le').swap16()]), 'UTF-16 (big-endian, byte order mark FE FF)'],
    ['UTF-16 without a mark', Buffer.from(VALID, 'utf16le'), 'UTF-16 (little-endian, without a byte order mark)'],
    ['UTF-32 little-endian', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('v\0\0\0')]), 'UTF-32 (byte order mark FF FE 00 00)'],
  ])('a %s file: save it as UTF-8', async (_name, bytes, encoding) => {
    const temp = await tempFiles({ 'a.yaml': bytes });
    try {
      const run = await runCli(['validate', '-f', 'a.yaml'], { cwd: temp.dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`a.yaml:1:1 error: file is ${encoding}; save it as UTF-8\n`);
    } finally {
      await temp.remove();
    }
  });

  it('accepts CR-only line endings (YAML 1.2 counts a lone CR as a line break), with the positions of the LF file', async () => {
    const withWarning = `${VALID}dashboards:\n  d: { permissions: { teams: { Sales: viewer } } }\n`;
    const temp = await tempFiles({ 'lf.yaml': withWarning, 'cr.yaml': withWarning.replace(/\n/g, '\r'), 'utf8-bom.yaml': `\ufeff${VALID}` });
    try {
      const lf = await runCli(['validate', '-f', 'lf.yaml'], { cwd: temp.dir });
      const cr = await runCli(['validate', '-f', 'cr.yaml'], { cwd: temp.dir });
      expect(cr.code).toBe(0);
      expect(cr.stdout).toBe(lf.stdout.replace('lf.yaml', 'cr.yaml'));
      expect(cr.stdout).toBe('cr.yaml: valid (1 team, 1 permission)\n');
      expect(cr.stderr).toBe(lf.stderr.replace('lf.yaml', 'cr.yaml'));
      expect(cr.stderr).toMatch(/^cr\.yaml:9:32 warning: /);
      const bom = await runCli(['validate', '-f', 'utf8-bom.yaml'], { cwd: temp.dir });
      expect(bom.code).toBe(0);
    } finally {
      await temp.remove();
    }
  });
});
