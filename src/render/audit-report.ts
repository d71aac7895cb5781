import type { EffectiveAccess } from '../core/access-grant.js';
import type { ReportEvidence } from '../core/report-evidence.js';
import { evidenceHtml, evidenceMarkdownLines } from './evidence-block.js';
import { escapeControl } from './escape-text.js';
import { escapeHtml as esc } from './escape-html.js';
import { escapeMarkdown } from './escape-markdown.js';

export interface AuditView {
  target: string;
  access: EffectiveAccess[];
  /** What the report was made from: when, by which version, from which files and commit. */
  evidence?: ReportEvidence;
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
  const evidence = view.evidence ? evidenceCells(view.evidence) : [];
  const rows = view.access.map((e) => [e.user, e.resource, e.level, paths(e), ...evidence].map(cell).join(','));
  const header = ['user', 'resource', 'level', 'via', ...(view.evidence ? EVIDENCE_COLUMNS : [])];
  return `${header.map(cell).join(',')}\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}

/**
 * CSV has no comments, so the evidence goes in trailing columns, the same on every row. Why
 * not the alternatives: a comment or preamble line breaks the header-first shape that
 * spreadsheets and csvkit expect; a trailing "evidence" row is a fake grant that csvstat,
 * csvsql and a pivot table would count; a sidecar file (`--evidence FILE`) is lost the moment
 * the CSV is mailed on its own. Columns appended on the right keep the first four where they
 * were (scripts that cut by position still work), `csvcut -C` drops them, and each row stays
 * traceable after sorting, filtering or concatenating several runs. The cost: the values repeat
 * on every row, and a report with no grants has only the header to carry them.
 */
const EVIDENCE_COLUMNS = ['generated_at', 'accessctl_version', 'target', 'commit', 'ref', 'input_files'];

function evidenceCells(evidence: ReportEvidence): string[] {
  const files = evidence.files.map((file) => `${file.path} sha256:${file.sha256}`).join('; ');
  return [evidence.generatedAt, evidence.version, evidence.target, evidence.commit?.sha ?? '', evidence.commit?.ref ?? '', files];
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
    ...(view.evidence ? evidenceMarkdownLines(view.evidence) : []),
  ].join('\n');
}

/**
 * One static HTML file, no external requests (a Content-Security-Policy forbids them): summary
 * counts, a users × resources matrix with the level as colour and text and the grant paths in
 * each cell's title, and a filter box over users and resources that stays quick at thousands
 * of rows (it hides rows and columns; nothing is rebuilt).
 */
export function renderAuditHtml(view: AuditView): string {
  const users = [...new Set(view.access.map((e) => e.user))].sort();
  const resources = [...new Set(view.access.map((e) => e.resource))].sort();
  const at = new Map(view.access.map((e) => [`${e.user}\u0000${e.resource}`, e]));
  const head = resources.map((r, i) => `<th class="r" data-col="${i}" data-name="${esc(r.toLowerCase())}"><span>${esc(r)}</span></th>`).join('');
  const body = users
    .map((user) => {
      const cells = resources
        .map((resource, i) => {
          const entry = at.get(`${user}\u0000${resource}`);
          return entry
            ? `<td data-col="${i}" class="l-${esc(entry.level.toLowerCase())}" title="${esc(paths(entry))}">${esc(entry.level)}</td>`
            : `<td data-col="${i}"></td>`;
        })
        .join('');
      return `<tr data-name="${esc(user.toLowerCase())}"><th>${esc(user)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>accessctl audit</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>
body{font:13px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;white-space:nowrap}
th.r{vertical-align:bottom;height:9em}th.r span{writing-mode:vertical-rl;transform:rotate(180deg)}tbody th{text-align:left;position:sticky;left:0;background:#fff}
.l-viewer,.l-view{background:#dbeafe}.l-editor,.l-edit{background:#fde68a}.l-admin{background:#fca5a5}#filter{width:24em;padding:4px;margin:.5em 0}
.hidden{display:none}
</style></head><body>
<h1>accessctl audit: ${esc(view.target)}</h1>
${view.evidence ? evidenceHtml(view.evidence) : ''}
<p id="summary">${users.length} users, ${resources.length} resources, ${view.access.length} grants. Colour and text show the level; hover a cell for how it is granted.</p>
<input id="filter" type="search" placeholder="Filter users or resources" aria-label="Filter users or resources">
<table id="matrix"><thead><tr><th>user</th>${head}</tr></thead><tbody>
${body}
</tbody></table>
<script>
const input = document.getElementById('filter');
const rows = [...document.querySelectorAll('#matrix tbody tr')];
const columns = [...document.querySelectorAll('#matrix thead th.r')];
input.addEventListener('input', () => {
  const q = input.value.trim().toLowerCase();
  const userHit = rows.some((row) => row.dataset.name.includes(q));
  const colHit = new Set(columns.filter((c) => c.dataset.name.includes(q)).map((c) => c.dataset.col));
  for (const row of rows) row.classList.toggle('hidden', q !== '' && userHit && !row.dataset.name.includes(q));
  const showAllColumns = q === '' || userHit || colHit.size === 0;
  for (const cell of document.querySelectorAll('#matrix [data-col]')) cell.classList.toggle('hidden', !showAllColumns && !colHit.has(cell.dataset.col));
});
</script>
</body></html>
`;
}
