import { Document, visit } from 'yaml';
import { escapeControl } from '../render/escape-text.js';

/** What `escapeControl` escapes (see escape-text.ts): never written raw, even into a data file. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

/**
 * A desired-state document as YAML a person would write: the schema comment for editors,
 * flow style for short maps of levels, and no anchors or aliases.
 *
 * Names come from a server (`accessctl export` prints to a terminal by default). The yaml
 * library escapes C0 controls but writes bidi overrides, zero-width characters and C1 controls
 * raw, so a string holding any of them is forced into a double-quoted scalar and they are
 * written as YAML's `\uXXXX` escapes there: visible on a terminal, and the same value when read
 * back.
 */
export function writeDocumentYaml(document: object, options: { schemaPath: string; header?: string }): string {
  const doc = new Document(document, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && UNSAFE.test(node.value)) node.type = 'QUOTE_DOUBLE';
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
