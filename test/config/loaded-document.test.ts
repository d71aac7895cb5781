import { describe, expect, it } from 'vitest';
import { parseYamlFile } from '../../src/config/parse-yaml.js';
import { CHARTIO_HEAD, GRAFANA_HEAD, loadFiles } from './load-helpers.js';

/** Every mapping in `value`, with its path, so a test can ask each one about its prototype. */
function mappings(value: unknown, path = '$'): { path: string; mapping: object }[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => mappings(item, `${path}[${i}]`));
  return [{ path, mapping: value }, ...Object.entries(value).flatMap(([key, item]) => mappings(item, `${path}.${key}`))];
}

const withPrototype = (value: unknown) => mappings(value).filter(({ mapping }) => Object.getPrototypeOf(mapping) !== null).map(({ path }) => path);

describe('mapping keys are the text the file wrote', () => {
  // The core schema reads these plain scalars as numbers, booleans, null; as keys they are names.
  it.each(['007', '0x1F', '0o17', '1.50', '1e3', '.inf', '-0', '+12', 'True', 'FALSE', 'null', 'Null', '~'])(
    'key %s',
    (key) => {
      const data = parseYamlFile('f.yaml', `teams:\n  ${key}: {}\n`).parsed?.data as { teams: object };
      expect(Object.keys(data.teams)).toEqual([key]);
    },
  );

  it('keeps the typing of values', () => {
    const data = parseYamlFile('f.yaml', '007: 007\ntrue: true\n~: null\n1.50: 1.50\nf: "007"\n').parsed?.data;
    expect(data).toEqual({ '007': 7, true: true, '~': null, '1.50': 1.5, f: '007' });
  });

  it('tells keys apart that the core schema would merge (7 and 007 are two teams)', async () => {
    const result = await loadFiles({ 'a.yaml': `${CHARTIO_HEAD}teams:\n  7: {}\n  007: {}\n  0x7: {}\n` });
    expect(result.lines).toEqual([]);
    expect(Object.keys(result.config!.document.teams as object).sort()).toEqual(['007', '0x7', '7']);
  });
});

describe('every mapping the loader returns has a null prototype', () => {
  const names = ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

  it('chartio: teams and permissions named like Object.prototype members are own data', async () => {
    const teams = names.map((name) => `  ${name}: { members: [a@example.com] }\n`).join('');
    const result = await loadFiles({ 'a.yaml': `${CHARTIO_HEAD}teams:\n${teams}dashboards:\n  d: { permissions: { teams: { toString: viewer } } }\n` });
    expect(result.lines).toEqual([]);
    const document = result.config!.document;
    expect(withPrototype(document)).toEqual([]);
    const loadedTeams = document.teams as Record<string, unknown>;
    expect(Object.keys(loadedTeams)).toEqual(names);
    expect(loadedTeams.toString).toEqual({ members: ['a@example.com'] });
    expect(loadedTeams.constructor).toBeUndefined();
    expect('propertyIsEnumerable' in loadedTeams).toBe(false);
  });

  it('grafana: orgs and teams named like Object.prototype members are own data', async () => {
    const org = (name: string) => `  ${name}:\n    users: { admin: Admin }\n    teams: { ${names.map((n) => `${n}: { members: [admin] }`).join(', ')} }\n`;
    const result = await loadFiles({ 'a.yaml': `${GRAFANA_HEAD}orgs:\n${names.map(org).join('')}` });
    expect(result.lines).toEqual([]);
    const document = result.config!.document;
    expect(withPrototype(document)).toEqual([]);
    const orgs = document.orgs as Record<string, { teams: Record<string, unknown> }>;
    expect(Object.keys(orgs)).toEqual(names);
    expect(Object.keys(new Map(Object.entries(orgs)).get('valueOf')!.teams)).toEqual(names);
  });

  it('stays so when a directory is merged from several files', async () => {
    const bare = 'version: 1\nprovider: chartio\n';
    const result = await loadFiles(
      { 'repo/a.yaml': `${CHARTIO_HEAD}teams: { toString: {} }\n`, 'repo/b.yaml': `${bare}teams: { valueOf: {} }\ndashboards: { d: { permissions: { users: { a@example.com: viewer } } } }\n` },
      ['repo'],
    );
    expect(result.lines).toEqual([]);
    expect(withPrototype(result.config!.document)).toEqual([]);
    expect(Object.keys(result.config!.document.teams as object)).toEqual(['toString', 'valueOf']);
  });
});

describe('errors quote no file content beyond a short token', () => {
  const canary = 'canary-9f8e7d6c5b4a39281706';
  const secretLine = `CHARTIO_API_SECRET=${canary}`;
  it.each([
    { name: 'environment bytes (a copy of /proc/self/environ)', bytes: `${secretLine}\u0000HOME=/root\u0000PATH=/bin\u0000` },
    { name: 'an .env file', bytes: `${secretLine}\nCHARTIO_API_KEY=key\n` },
    { name: 'the secret, then YAML garbage', bytes: `${secretLine}\n]\n` },
    { name: 'the secret after a stray indicator', bytes: `a: b\n]${secretLine}\n` },
    { name: 'the secret as a block scalar header', bytes: `a: |${secretLine}\n  x\n` },
    { name: 'the secret as a tag', bytes: `a: !${secretLine} x\n` },
    { name: 'the secret as a tag on a key', bytes: `!${secretLine} a: x\n` },
    { name: 'the secret in a value the schema refuses', bytes: `version: { k: ${secretLine} }\nprovider: chartio\n` },
    { name: 'the secret as an unknown key', bytes: `${CHARTIO_HEAD}${secretLine}: x\n` },
  ])('$name', async ({ bytes }) => {
    const result = await loadFiles({ 'a.yaml': bytes });
    expect(result.lines.length).toBeGreaterThan(0);
    for (const line of result.lines) {
      expect(line).toMatch(/^a\.yaml:\d+:\d+ error: /);
      expect(line).not.toContain(canary);
      expect(line).not.toMatch(/[\u0000-\u001f]/);
    }
  });
});

describe('names with control characters reach messages escaped', () => {
  it.each<{ name: string; files: Record<string, string>; paths?: string[] }>([
    { name: 'a rename to its own name', files: { 'a.yaml': `${CHARTIO_HEAD}teams:\n  "A\\x1b[2J": { previously: ["A\\x1b[2J"] }\n` } },
    { name: 'a duplicate member', files: { 'a.yaml': `${GRAFANA_HEAD}orgs:\n  O:\n    users: { admin: Admin, "b\\x1b[2J": Viewer, "B\\x1b[2J": Viewer }\n` } },
    { name: 'a permission for a team not in the file', files: { 'a.yaml': `${CHARTIO_HEAD}dashboards: { d: { permissions: { teams: { "T\\x1b]0;title\\x07": viewer } } } }\n` } },
    { name: 'an org without an Admin', files: { 'a.yaml': `${GRAFANA_HEAD}orgs:\n  "O\\x1b[2J":\n    users: { bob: Viewer }\n` } },
    { name: 'a file name that forges a line', files: { 'repo/a\n::error::forged.yaml': 'version: [\n' }, paths: ['repo'] },
  ])('$name', async ({ files, paths }) => {
    const result = await loadFiles(files, paths);
    expect(result.lines.length).toBeGreaterThan(0);
    for (const line of result.lines) {
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(line).toMatch(/\\u00(1b|0a)/);
    }
  });
});
