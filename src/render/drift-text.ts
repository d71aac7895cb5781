import { DRIFT_DIRECTIONS } from '../core/drift-direction.js';
import type { DriftItem, DriftReport } from '../core/drift-report.js';
import { evidenceTextLines } from './evidence-block.js';
import { escapeControl } from './escape-text.js';
import { unmanagedTextLines } from './drift-unmanaged.js';

/** Drift for a terminal or a log: grouped by direction (widened first) and kind, each difference as Git says / live says. */
export function renderDriftText(report: DriftReport): string {
  const lines = [`accessctl drift for ${escapeControl(report.target)}:`, ''];
  if (report.items.length === 0 && report.problems.length === 0) lines.push('No drift. Live state matches the desired state.');
  for (const { heading, items } of groupDrift(report.items)) {
    lines.push(`${escapeControl(heading)} (${items.length}):`);
    for (const item of items) {
      lines.push(`  ${escapeControl(item.address)}`, `      git:  ${show(item.git)}`, `      live: ${show(item.live)}`);
    }
    lines.push('');
  }
  for (const problem of report.problems) lines.push(`missing live: ${escapeControl(problem)}`);
  lines.push(summaryLine(report));
  for (const item of report.ignored) lines.push(`  ignored: ${escapeControl(item.address)} (${escapeControl(item.reason)})`);
  if (report.unmanaged) lines.push('', ...unmanagedTextLines(report.unmanaged));
  // The diff comes escaped from documentDiff, but a report may come from a JSON file; escaping twice is harmless.
  if (report.diff) lines.push('', 'The file against live, as YAML:', ...report.diff.split('\n').map(escapeControl));
  if (report.evidence) lines.push('', ...evidenceTextLines(report.evidence));
  return `${lines.join('\n')}\n`;
}

export function summaryLine(report: DriftReport): string {
  const kinds = Object.entries(report.byKind).map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`);
  // A report read back from JSON may predate directions; it then shows none rather than zeros.
  const directions = report.items.length && report.byDirection ? DRIFT_DIRECTIONS.map((d) => `, ${Number(report.byDirection[d]) || 0} ${d}`).join('') : '';
  return `Drift: ${report.items.length} difference${report.items.length === 1 ? '' : 's'}${kinds.length ? ` (${kinds.join(', ')})` : ''}${directions}, ${report.problems.length} missing, ${report.ignored.length} ignored.`;
}

/**
 * Items grouped by direction, widened first, then by kind: `widened: permission`. A direction
 * this version does not know (a report from a JSON file) sorts last and is shown as written.
 */
export function groupDrift(items: readonly DriftItem[]): { heading: string; items: DriftItem[] }[] {
  const groups = new Map<string, { direction: string; kind: string; items: DriftItem[] }>();
  for (const item of items) {
    const direction = String(item.direction ?? 'changed');
    const key = JSON.stringify([direction, item.kind]);
    const group = groups.get(key) ?? { direction, kind: item.kind, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const rank = (direction: string) => {
    const index = (DRIFT_DIRECTIONS as readonly string[]).indexOf(direction);
    return index === -1 ? DRIFT_DIRECTIONS.length : index;
  };
  return [...groups.values()]
    .sort((a, b) => rank(a.direction) - rank(b.direction) || a.direction.localeCompare(b.direction) || a.kind.localeCompare(b.kind))
    .map((group) => ({ heading: `${group.direction}: ${group.kind}`, items: group.items }));
}

/** A value as a person reads it: `viewer` rather than `{"level":"viewer"}` when there is one field. */
export function show(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1) return show(entries[0]![1]);
  }
  return escapeControl(typeof value === 'string' ? value : JSON.stringify(value));
}
