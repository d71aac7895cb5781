import { Document, isScalar, parseDocument, visit } from 'yaml';

/**
 * A desired-state document as YAML a person would write: the schema comment for editors,
 * flow style for short maps of levels, and no anchors or aliases. The document's mappings
 * may have null prototypes (a team named `__proto__` is an own key, not dropped).
 */
export function writeDocumentYaml(document: object, options: { schemaPath: string; header?: string }): string {
  const doc = new Document(document, { aliasDuplicateObjects: false });
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && !readsBackAsItself(pair.key.value)) {
        pair.key.type = 'QUOTE_DOUBLE';
      }
    },
  });
  const body = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  const header = options.header ? `${options.header.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n')}\n` : '';
  return `# yaml-language-server: $schema=${options.schemaPath}\n${header}${body}`;
}

/**
 * Names are written quoted unless a YAML 1.1 reader too reads them back as the same text:
 * yaml quotes `007` or `true` (core schema) by itself, but an editor or another tool on
 * YAML 1.1 would read a plain `yes`, `on`, `0o17` or `2026-01-01` as a boolean, number or date.
 */
function readsBackAsItself(key: string): boolean {
  const read = parseDocument(key, { version: '1.1' });
  return read.errors.length === 0 && isScalar(read.contents) && read.contents.value === key;
}
