import type { DriftItem, DriftReport } from '../core/drift-report.js';
import { evidenceTextLines } from './evidence-block.js';
import { escapeControl } from './escape-text.js';

/** Drift for a terminal or a log: grouped by kind, each difference as Git says / live says. */
export function renderDriftText(report: DriftReport): string {
  const lines = [`accessctl drift for ${escapeControl(report.target)}:`, ''];
  if (report.items.length === 0 && report.problems.length === 0) lines.push('No drift. Live state matches the desired state.');
  for (const [kind, items] of groupByKind(report.items)) {
    lines.push(`${kind} (${items.length}):`);
    for (const item of items) {
      lines.push(`  ${escapeControl(item.address)}`, `      git:  ${show(item.git)}`, `      live: ${show(item.live)}`);
    }
    lines.push('');
  }
  for (const problem of report.problems) lines.push(`missing live: ${escapeControl(problem)}`);
  lines.push(summaryLine(report));
  for (const item of report.ignored) lines.push(`  ignored: ${escapeControl(item.address)} (${escapeControl(item.reason)})`);
  // The diff comes escaped from documentDiff, but a report may come from a JSON file; escaping twice is harmless.
  if (report.diff) lines.push('', 'The file against live, as YAML:', ...report.diff.split('\n').map(escapeControl));
  if (report.evidence) lines.push('', ...evidenceTextLines(report.evidence));
  return `${lines.join('\n')}\n`;
}

export function summaryLine(report: DriftReport): string {
  const kinds = Object.entries(report.byKind).map(([kind, n]) => `${n} ${kind}`);
  return `Drift: ${report.items.length} difference${report.items.length === 1 ? '' : 's'}${kinds.length ? ` (${kinds.join(', ')})` : ''}, ${report.problems.length} missing, ${report.ignored.length} ignored.`;
}

export function groupByKind(items: readonly DriftItem[]): [string, DriftItem[]][] {
  const groups = new Map<string, DriftItem[]>();
  for (const item of items) groups.set(item.kind, [...(groups.get(item.kind) ?? []), item]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/** A value as a person reads it: `viewer` rather than `{"level":"viewer"}` when there is one field. */
export function show(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1) return show(entries[0]![1]);
  }
  return escapeControl(typeof value === 'string' ? value : JSON.stringify(value));
}
