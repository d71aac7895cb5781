import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { writeDocumentYaml } from '../../src/config/write-document.js';

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
