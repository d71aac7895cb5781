import { escapeControl } from './escape-text.js';

/** One annotation on a GitHub Actions run: a problem, at a file's line when it has one. */
export interface Annotation {
  severity: 'error' | 'warning';
  message: string;
  /** Relative to the workspace, with `/`; with `line` and `col`. */
  file?: string;
  line?: number;
  col?: number;
}

/**
 * `::error file=F,line=L,col=C,title=accessctl::message`, GitHub's workflow command for an
 * annotation, escaped as @actions/core escapes it (toolkit `command.ts`): in the message `%`,
 * CR and LF become `%25`, `%0D`, `%0A`; in a property `:` and `,` too, so a value cannot end
 * the property list. Names reach the message from files and servers: their control characters
 * are made visible first (escapeControl), so the command is one line, and a name holding
 * "\n::set-output" or a literal "%0A" cannot start a second command (the runner reads commands
 * only at the start of a line, and decodes `%250A` back to the text `%0A`, not a line break).
 */
export function workflowCommand(annotation: Annotation): string {
  const properties = [
    ...(annotation.file !== undefined ? [`file=${escapeProperty(annotation.file)}`] : []),
    ...(annotation.file !== undefined && annotation.line !== undefined ? [`line=${annotation.line}`] : []),
    ...(annotation.file !== undefined && annotation.col !== undefined ? [`col=${annotation.col}`] : []),
    'title=accessctl',
  ];
  return `::${annotation.severity} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

export function escapeData(text: string): string {
  return escapeControl(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
