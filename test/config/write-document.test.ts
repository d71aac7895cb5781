import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { writeDocumentYaml } from '../../src/config/write-document.js';
import { CHARTIO_HEAD, loadFiles } from './load-helpers.js';

const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

describe('writeDocumentYaml with names from a hostile server', () => {
  it.each([
    ['a right-to-left override in a key', { teams: { '\u202eadmin': { members: [] } } }],
    ['a bidi isolate and a zero-width space in a value', { teams: { A: { members: ['a\u2066b\u200b@x.example'] } } }],
    ['a C1 control (NEL) and a BOM', { teams: { A: { members: ['\u0085x\ufeff'] } } }],
    ['a tag character beyond the BMP', { teams: { 'x\u{e0041}': { members: [] } } }],
    ['ESC and a newline', { teams: { 'x\u001b[2J\nfake': { members: [] } } }],
  ])('escapes %s and reads back as the same value', (_name, document) => {
    const yaml = writeDocumentYaml(document, { schemaPath: 's.json', header: 'from \u202eevil' });
    expect([...yaml.replace(/\n/g, '')].filter((c) => UNSAFE.test(c))).toEqual([]);
    expect(parse(yaml)).toEqual(document);
  });
});


/** Names that YAML (1.2 core, or 1.1 as other tools read it) would take as a number, boolean, null or date. */
const AMBIGUOUS = ['007', '0x1F', '1.50', 'true', 'null', '~', 'yes', 'No', 'on', 'OFF', 'y', '0o17', '2026-01-01', '1_000', '0b101', '12:30'];

describe('writeDocumentYaml writes names so that they read back as the same text', () => {
  it('quotes every key a YAML 1.1 or 1.2 reader would convert; the loader reads them back as written', async () => {
    const names = [...AMBIGUOUS, 'toString', 'Main Org.'];
    const teams = Object.fromEntries(names.map((name) => [name, { members: ['a@example.com'] }]));
    const yaml = writeDocumentYaml({ ...(parse(CHARTIO_HEAD) as object), teams }, { schemaPath: 's.json' });
    for (const name of AMBIGUOUS) expect(yaml).toContain(`\n  "${name}":\n`);
    expect(yaml).toContain('\n  toString:\n');
    expect(yaml).toContain('\n  Main Org.:\n');
    expect(Object.keys(parse(yaml, { version: '1.1' }).teams)).toEqual(names);
    const loaded = await loadFiles({ 'a.yaml': yaml });
    expect(loaded.lines).toEqual([]);
    expect(Object.keys(loaded.config!.document.teams as object)).toEqual(names);
  });

  it('writes a __proto__ key of a null-prototype record (as export builds them); reading it back keeps it an own key', () => {
    const teams = JSON.parse('{ "__proto__": { "members": ["a@example.com"] }, "yes": {} }') as object;
    const yaml = writeDocumentYaml({ teams }, { schemaPath: 's.json' });
    expect(yaml).toContain('\n  __proto__:\n    members:\n      - a@example.com\n  "yes": {}\n');
    const read = parse(yaml, { version: '1.1' }) as { teams: object };
    expect(Object.keys(read.teams)).toEqual(['__proto__', 'yes']);
  });
});
