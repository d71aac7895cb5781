import type { EffectiveAccess } from '../core/access-grant.js';
import { escapeControl } from './escape-text.js';
import { escapeMarkdown } from './escape-markdown.js';

export interface AuditView {
  target: string;
  access: EffectiveAccess[];
}

const paths = (entry: EffectiveAccess) => entry.paths.map((p) => `${p.via} (${p.level})`).join('; ');

/**
 * CSV for spreadsheets: quoted, and cells a spreadsheet would run as a formula (=, +, -, @)
 * defused. Controls, bidi overrides and invisible characters in cells are escaped always, not
 * only when stdout is a terminal: the same CSV is printed, piped into `column`, or opened in an
 * editor, and no user or resource name needs them. Quoting keeps the cells valid CSV.
 */
export function renderAuditCsv(view: AuditView): string {
  const cell = (raw: string) => {
    const text = escapeControl(raw);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const rows = view.access.map((e) => [e.user, e.resource, e.level, paths(e)].map(cell).join(','));
  return `${['user', 'resource', 'level', 'via'].map(cell).join(',')}\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}

export function renderAuditMarkdown(view: AuditView): string {
  const cell = escapeMarkdown;
  const users = new Set(view.access.map((e) => e.user)).size;
  const resources = new Set(view.access.map((e) => e.resource)).size;
  return [
    `### accessctl audit: ${cell(view.target)}`,
    '',
    `${users} users reach ${resources} resources through ${view.access.length} grants.`,
    '',
    '| user | resource | level | via |',
    '|---|---|---|---|',
    ...view.access.map((e) => `| ${cell(e.user)} | ${cell(e.resource)} | ${cell(e.level)} | ${cell(paths(e))} |`),
    '',
  ].join('\n');
}
