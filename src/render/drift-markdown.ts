import type { DriftReport } from '../core/drift-report.js';
import { groupDrift, show, summaryLine } from './drift-text.js';
import { escapeMarkdown } from './escape-markdown.js';
import { escapeControl } from './escape-text.js';
import { evidenceMarkdownLines } from './evidence-block.js';
import { unmanagedMarkdownLines } from './drift-unmanaged.js';

/** Drift for an issue or a job summary: a table per direction (widened first) and kind. Cells are escaped (names come from servers). */
export function renderDriftMarkdown(report: DriftReport): string {
  const out = [`### accessctl drift: ${cell(report.target)}`, '', `**${summaryLine(report)}**`, ''];
  for (const { heading, items } of groupDrift(report.items)) {
    out.push(`#### ${cell(heading)}`, '', '| address | git says | live says |', '|---|---|---|');
    for (const item of items) out.push(`| ${cell(item.address)} | ${cell(show(item.git))} | ${cell(show(item.live))} |`);
    out.push('');
  }
  if (report.problems.length) out.push('**Missing live:**', '', ...report.problems.map((p) => `- ${cell(p)}`), '');
  if (report.ignored.length) out.push('**Ignored (expected):**', '', ...report.ignored.map((i) => `- ${cell(i.address)}: ${cell(i.reason)}`), '');
  if (report.unmanaged) out.push(...unmanagedMarkdownLines(report.unmanaged));
  if (report.diff) {
    // Escaped again (harmless if documentDiff already did): a report may come from a JSON file.
    const diff = report.diff.split('\n').map(escapeControl).join('\n');
    const fence = '`'.repeat(Math.max(3, ...[...diff.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    out.push('<details><summary>The file against live, as YAML</summary>', '', `${fence}diff`, diff, fence, '', '</details>', '');
  }
  if (report.evidence) out.push(...evidenceMarkdownLines(report.evidence));
  return `${out.join('\n')}\n`;
}

const cell = escapeMarkdown;
