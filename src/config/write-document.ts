import { Document, isScalar, parseDocument, visit } from 'yaml';
import { escapeControl } from '../render/escape-text.js';

/** What `escapeControl` escapes (see escape-text.ts): never written raw, even into a data file. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

/**
 * A desired-state document as YAML a person would write: the schema comment for editors,
 * flow style for short maps of levels, and no anchors or aliases. The document's mappings
 * may have null prototypes (a team named `__proto__` is an own key, not dropped).
 *
 * Names come from a server (`accessctl export` prints to a terminal by default), so:
 * - the yaml library escapes C0 controls but writes bidi overrides, zero-width characters and
 *   C1 controls raw, so a string holding any of them is forced into a double-quoted scalar and
 *   they are written as YAML's `\uXXXX` escapes there: visible on a terminal, and the same
 *   value when read back;
 * - a key that a YAML 1.1 or 1.2 reader would take as a number, boolean or date (`007`, `yes`)
 *   is double-quoted, so the file names the same team when read back.
 */
export function writeDocumentYaml(document: object, options: { schemaPath: string; header?: string }): string {
  const doc = new Document(document, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && UNSAFE.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && !readsBackAsItself(pair.key.value)) {
        pair.key.type = 'QUOTE_DOUBLE';
      }
    },
  });
  const body = doc
    .toString({ lineWidth: 0, flowCollectionPadding: true })
    .replace(UNSAFE_ALL, (c) => {
      if (c === '\n') return c;
      const code = c.codePointAt(0) ?? 0;
      return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
  const header = options.header ? `${options.header.split('\n').map((line) => `# ${escapeControl(line)}`.trimEnd()).join('\n')}\n` : '';
  return `# yaml-language-server: $schema=${options.schemaPath}\n${header}${body}`;
}

/**
 * Names are written quoted unless a YAML 1.1 reader too reads them back as the same text:
 * yaml quotes `007` or `true` (core schema) by itself, but an editor or another tool on
 * YAML 1.1 would read a plain `yes`, `on`, `0o17` or `2026-01-01` as a boolean, number or date.
 */
function readsBackAsItself(key: string): boolean {
  if (UNSAFE.test(key)) return false;
  const read = parseDocument(key, { version: '1.1' });
  return read.errors.length === 0 && isScalar(read.contents) && read.contents.value === key;
}
