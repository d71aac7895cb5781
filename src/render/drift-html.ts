import type { DriftReport } from '../core/drift-report.js';
import { groupDrift, show, summaryLine } from './drift-text.js';
import { escapeHtml as esc } from './escape-html.js';
import { evidenceHtml } from './evidence-block.js';
import { unmanagedHtml } from './drift-unmanaged.js';

/** Drift as one static HTML page: no scripts, no external requests, every value escaped. */
export function renderDriftHtml(report: DriftReport): string {
  const sections = groupDrift(report.items)
    .map(
      ({ heading, items }) =>
        `<h2>${esc(heading)} (${items.length})</h2><table><thead><tr><th>address</th><th>git says</th><th>live says</th></tr></thead><tbody>${items
          .map((item) => `<tr><td><code>${esc(item.address)}</code></td><td>${esc(show(item.git))}</td><td>${esc(show(item.live))}</td></tr>`)
          .join('')}</tbody></table>`,
    )
    .join('\n');
  const problems = report.problems.length ? `<h2>Missing live</h2><ul>${report.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : '';
  const ignored = report.ignored.length
    ? `<h2>Ignored (expected)</h2><ul>${report.ignored.map((i) => `<li><code>${esc(i.address)}</code>: ${esc(i.reason)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>accessctl drift</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#f4f4f4}</style>
</head><body>
<h1>accessctl drift: ${esc(report.target)}</h1>
${report.evidence ? evidenceHtml(report.evidence) : ''}
<p><strong>${esc(summaryLine(report))}</strong></p>
${sections}
${problems}
${ignored}
${report.unmanaged ? unmanagedHtml(report.unmanaged) : ''}
${report.diff ? `<h2>The file against live, as YAML</h2><pre>${report.diff.split('\n').map(esc).join('\n')}</pre>` : ''}
</body></html>
`;
}
