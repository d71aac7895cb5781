import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/config/config-issue.js';
import { CONFIG_LIMITS } from '../../src/config/limits.js';
import { parseYamlFile } from '../../src/config/parse-yaml.js';
import { loadFiles } from './load-helpers.js';

const lines = (source: string) => parseYamlFile('f.yaml', source).issues.map(formatIssue);

function aliasBomb(levels: number): string {
  let out = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i <= levels; i++) {
    const refs = Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ');
    out += `a${i}: &a${i} [${refs}]\n`;
  }
  return out;
}

describe('parseYamlFile refuses hostile and ambiguous YAML with a position', () => {
  it.each([
    {
      name: 'duplicate key, naming the first place',
      source: 'teams:\n  A: {}\n  B: {}\n  A: {}\n',
      expected: ['f.yaml:4:3 error: duplicate key "A" (first defined at line 2, column 3)'],
    },
    {
      name: 'duplicate key at the top level',
      source: 'version: 1\nversion: 1\n',
      expected: ['f.yaml:2:1 error: duplicate key "version" (first defined at line 1, column 1)'],
    },
    { name: '__proto__ key', source: 'a:\n  __proto__: {polluted: true}\n', expected: ['f.yaml:2:3 error: key "__proto__" is not allowed'] },
    { name: 'constructor key', source: 'constructor: 1\n', expected: ['f.yaml:1:1 error: key "constructor" is not allowed'] },
    { name: 'prototype key', source: 'x: {prototype: 1}\n', expected: ['f.yaml:1:5 error: key "prototype" is not allowed'] },
    {
      name: 'merge key',
      source: 'base: &b {x: 1}\nteam:\n  <<: *b\n',
      expected: ['f.yaml:3:3 error: merge keys (<<) are not supported; write the keys out'],
    },
    {
      name: 'binary tag',
      source: 'x: !!binary aGVsbG8=\n',
      expected: ['f.yaml:1:4 error: tag !!binary is not allowed; write a plain value'],
    },
    { name: 'custom tag', source: 'x:\n  y: !js/function "f"\n', expected: ['f.yaml:2:6 error: tag !js/function is not allowed; write a plain value'] },
    { name: 'set tag', source: 'x: !!set {a, b}\n', expected: ['f.yaml:1:4 error: tag !!set is not allowed; write a plain value'] },
    {
      name: 'complex key',
      source: '? [a, b]\n: 1\n',
      expected: ['f.yaml:1:3 error: keys must be plain text, not lists, mappings or aliases'],
    },
    {
      name: 'deep block nesting',
      source: Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n',
      expected: [`f.yaml:33:33 error: nesting is deeper than ${CONFIG_LIMITS.maxDepth} levels`],
    },
    {
      name: 'deep flow nesting (moderate)',
      source: `x: ${'['.repeat(40)}${']'.repeat(40)}\n`,
      expected: [`f.yaml:1:35 error: nesting is deeper than ${CONFIG_LIMITS.maxDepth} levels`],
    },
    { name: 'empty file', source: '', expected: ['f.yaml:1:1 error: file is empty; expected at least `version: 1` and `provider:`'] },
    { name: 'comment-only file', source: '# nothing\n', expected: ['f.yaml:1:1 error: file is empty; expected at least `version: 1` and `provider:`'] },
  ])('$name', ({ source, expected }) => {
    expect(lines(source)).toEqual(expected);
  });

  it('reports a syntax error at its line and column', () => {
    const [line] = lines('teams:\n  A: [unclosed\n  B: 1\n');
    expect(line).toMatch(/^f\.yaml:\d+:\d+ error: /);
    expect(parseYamlFile('f.yaml', 'teams:\n  A: [unclosed\n').parsed).toBeUndefined();
  });

  it('refuses a second document in the same file', () => {
    expect(lines('version: 1\n---\nversion: 1\n')).toEqual([expect.stringMatching(/^f\.yaml:2:1 error: .*multiple documents/i)]);
  });

  it('refuses an alias bomb with a clear message instead of expanding it', () => {
    const result = parseYamlFile('bomb.yaml', aliasBomb(9)); // 9^10 strings if expanded
    expect(result.parsed).toBeUndefined();
    expect(result.issues.map(formatIssue)).toEqual([
      `bomb.yaml:2:10 error: aliases expand too far (more than ${CONFIG_LIMITS.maxAliasCount} expansions); write the values out instead`,
    ]);
  });

  it('refuses few aliases that expand to too many entries (a 10,000-member list aliased 30 times)', () => {
    const members = Array.from({ length: 10_000 }, (_, i) => `  - u${i}@example.com`).join('\n');
    const text = `t0: &m\n${members}\n${Array.from({ length: 30 }, (_, i) => `t${i + 1}: *m`).join('\n')}\n`;
    const result = parseYamlFile('big.yaml', text);
    expect(result.parsed).toBeUndefined();
    expect(result.issues.map(formatIssue)).toEqual([
      `big.yaml:10002:5 error: the document holds more than ${CONFIG_LIMITS.maxEntries.toLocaleString('en-US')} entries once its aliases are expanded; the largest org the APIs allow needs far fewer`,
    ]);
  });

  it('accepts a few aliases, which are ordinary YAML', () => {
    const result = parseYamlFile('ok.yaml', 'a: &m [x@example.com]\nb: *m\nc: *m\n');
    expect(result.issues).toEqual([]);
    expect(result.parsed?.data).toEqual({ a: ['x@example.com'], b: ['x@example.com'], c: ['x@example.com'] });
  });

  it('refuses absurd flow nesting before the parser can overflow its stack', () => {
    const result = parseYamlFile('deep.yaml', '['.repeat(200_000) + ']'.repeat(200_000));
    expect(result.parsed).toBeUndefined();
    expect(result.issues.map(formatIssue)).toEqual([
      `deep.yaml:1:${CONFIG_LIMITS.maxDepth * 4 + 1} error: nesting is deeper than ${CONFIG_LIMITS.maxDepth} levels`,
    ]);
  });

  it('keeps brackets inside quotes and comments out of the nesting count', () => {
    const quoted = `a: "${'['.repeat(500)}"\nb: '${'{'.repeat(500)}'\n# ${'['.repeat(500)}\n`;
    expect(lines(quoted)).toEqual([]);
  });

  it('keeps plain tags that only restate a type', () => {
    const result = parseYamlFile('t.yaml', 'a: !!str 12\nb: !!int "7"\n');
    expect(result.issues).toEqual([]);
    expect(result.parsed?.data).toEqual({ a: '12', b: 7 });
  });

  it('does not pollute Object.prototype, whatever the input', () => {
    parseYamlFile('p.yaml', '__proto__: {polluted: yes}\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('size cap', () => {
  it('rejects a file over 5 MiB before parsing it', async () => {
    // Valid-looking YAML would parse; a broken one would give a parse error: either way the size error must come first.
    const big = Buffer.alloc(CONFIG_LIMITS.maxFileBytes + 1, 'a');
    big.write('version: [', 0);
    const result = await loadFiles({ 'big.yaml': big });
    expect(result.lines).toEqual([
      `big.yaml:1:1 error: file is ${CONFIG_LIMITS.maxFileBytes + 1} bytes; the limit is ${CONFIG_LIMITS.maxFileBytes} bytes (5 MiB)`,
    ]);
  });

  it('parseYamlFile applies the same cap to text handed to it directly', () => {
    const result = parseYamlFile('big.yaml', 'x'.repeat(CONFIG_LIMITS.maxFileBytes + 1));
    expect(result.issues.map((issue) => issue.message)).toEqual([expect.stringContaining('the limit is')]);
  });
});
