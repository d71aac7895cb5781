import { stringify } from 'yaml';

/**
 * A desired-state document as YAML a person would write: the schema comment for editors,
 * flow style for short maps of levels, and no anchors or aliases.
 */
export function writeDocumentYaml(document: object, options: { schemaPath: string; header?: string }): string {
  const body = stringify(document, { aliasDuplicateObjects: false, lineWidth: 0, flowCollectionPadding: true });
  const header = options.header ? `${options.header.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n')}\n` : '';
  return `# yaml-language-server: $schema=${options.schemaPath}\n${header}${body}`;
}
