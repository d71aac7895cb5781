import { describe, expect, it } from 'vitest';
import { effectiveAccess, levelRank } from '../../src/core/access-grant.js';
import { buildDriftReport } from '../../src/core/drift-report.js';
import { buildReportEvidence, type ReportEvidence } from '../../src/core/report-evidence.js';
import { renderAuditHtml } from '../../src/render/audit-html.js';
import { renderAuditCsv, renderAuditMarkdown, type AuditView } from '../../src/render/audit-report.js';
import { renderDriftHtml } from '../../src/render/drift-html.js';
import { renderDriftMarkdown } from '../../src/render/drift-markdown.js';
import { renderDriftText } from '../../src/render/drift-text.js';
import { escapeHtml } from '../../src/render/escape-html.js';
import { escapeMarkdown } from '../../src/render/escape-markdown.js';
import { escapeControl } from '../../src/render/escape-text.js';
import { renderJson } from '../../src/render/render-json.js';

// Untrusted parts carry what each format must escape: markup, a table pipe, a mention, an ESC.
const TARGET = 'chartio org <b>x</b>|@org/team \u001b[2J';
const evidence: ReportEvidence = buildReportEvidence({
  now: new Date(Date.UTC(2026, 11, 4, 5, 6, 7, 89)),
  version: '9.8.7',
  target: TARGET,
  files: [
    { path: 'deploy/<img src=x>|a.yaml', sha256: 'd'.repeat(64) },
    { path: 'teams.yaml', sha256: 'e'.repeat(64) },
  ],
  commit: { sha: 'f'.repeat(40), ref: 'refs/heads/<br>' },
});
const FIELDS = [evidence.generatedAt, evidence.version, TARGET, ...evidence.files.flatMap((f) => [f.path, f.sha256]), evidence.commit!.sha, evidence.commit!.ref!];

const drift = { ...buildDriftReport({ target: { description: TARGET }, changes: [], problems: [] }), evidence };
/** The same report with one ignored item, so that something stands between the summary and the evidence. */
const ignoring = { ...drift, ignored: [{ address: 'team[A]', kind: 'team', summary: 's', git: 'absent', live: {}, direction: 'widened' as const, reason: 'r' }] };
const audit: AuditView = {
  target: TARGET,
  access: effectiveAccess([{ user: 'a@example.com', resource: 'dashboard:d', level: 'viewer', via: 'direct' }], levelRank),
  evidence,
};

describe('buildReportEvidence', () => {
  it('records UTC time, the tool, and omits the commit when there is none', () => {
    const bare = buildReportEvidence({ now: new Date('2026-12-04T06:06:07+01:00'), version: '1.0.0', target: 't', files: [] });
    expect(bare).toEqual({ generatedAt: '2026-12-04T05:06:07.000Z', tool: 'accessctl', version: '1.0.0', target: 't', files: [] });
    expect(evidence.commit).toEqual({ sha: 'f'.repeat(40), ref: 'refs/heads/<br>' });
  });
});

describe('every report format carries every evidence field, escaped for the format', () => {
  // What must never appear raw: markup where it would render, and the terminal escape everywhere.
  const HTML = ['<img src=x>', 'refs/heads/<br>', '\u001b'];
  const MARKDOWN = [...HTML, '|@org'];
  it.each([
    ['drift text', () => renderDriftText(drift), escapeControl, ['\u001b']],
    ['drift markdown', () => renderDriftMarkdown(drift), escapeMarkdown, MARKDOWN],
    ['drift html', () => renderDriftHtml(drift), escapeHtml, HTML],
    ['audit markdown', () => renderAuditMarkdown(audit), escapeMarkdown, MARKDOWN],
    ['audit html', () => renderAuditHtml(audit), escapeHtml, HTML],
  ])('%s', (_format, render, escape, neverRaw) => {
    const out = render();
    for (const field of FIELDS) expect(out).toContain(escape(field));
    for (const raw of neverRaw) expect(out).not.toContain(raw);
  });

  it.each([
    ['drift json', () => renderJson(drift)],
    ['audit json', () => renderJson(audit)],
  ])('%s has a top-level evidence object', (_format, render) => {
    expect((JSON.parse(render()) as { evidence: unknown }).evidence).toEqual(evidence);
  });

  it('html shows it under the title, before the report body', () => {
    for (const html of [renderDriftHtml(drift), renderAuditHtml(audit)]) expect(html).toMatch(/<\/h1>\n<dl id="evidence">/);
  });

  it('csv keeps the header first and its four columns in place, and appends the evidence on each row', () => {
    const lines = renderAuditCsv(audit).trimEnd().split('\n');
    expect(cells(lines[0]!)).toEqual(['user', 'resource', 'level', 'via', 'generated_at', 'accessctl_version', 'target', 'commit', 'ref', 'input_files']);
    expect(cells(lines[1]!)).toEqual([
      'a@example.com',
      'dashboard:d',
      'viewer',
      'direct (viewer)',
      evidence.generatedAt,
      '9.8.7',
      escapeControl(TARGET),
      'f'.repeat(40),
      'refs/heads/<br>',
      `deploy/<img src=x>|a.yaml sha256:${'d'.repeat(64)}; teams.yaml sha256:${'e'.repeat(64)}`,
    ]);
  });

  // The README: "text and Markdown end with an evidence block": from its heading on, only evidence lines follow.
  it.each([
    ['drift text', () => renderDriftText(ignoring), 'Evidence: generated ', /^ {2}(target|commit|file): /],
    ['drift markdown', () => renderDriftMarkdown(ignoring), '**Evidence:** generated ', /^(- (target|commit|file): |$)/],
    ['audit markdown', () => renderAuditMarkdown(audit), '**Evidence:** generated ', /^(- (target|commit|file): |$)/],
  ])('%s ends with the evidence block', (_format, render, heading, line) => {
    const out = render();
    const tail = out.slice(out.lastIndexOf(heading)).trimEnd().split('\n').slice(1);
    expect(tail.filter((text) => text.includes('file: '))).toHaveLength(2);
    for (const text of tail) expect(text).toMatch(line);
  });

  it('csv puts the evidence columns last, after the title and review columns, the same on every row', () => {
    const reviewed: AuditView = {
      ...audit,
      access: effectiveAccess([{ user: 'a@example.com', resource: 'dashboard:d', level: 'viewer', via: 'direct' }, { user: 'b@example.com', resource: 'dashboard:e', level: 'admin', via: 'team:T' }], levelRank),
      titles: { 'dashboard:d': 'D' },
      people: [{ name: 'b@example.com', highest: 'admin', flags: ['stale'], lastSeenAt: '2025-01-01T00:00:00Z' }],
    };
    const [header, ...rows] = renderAuditCsv(reviewed).trimEnd().split('\n').map(cells);
    expect(header!.slice(-6)).toEqual(['generated_at', 'accessctl_version', 'target', 'commit', 'ref', 'input_files']);
    expect(header!.slice(0, -6)).toEqual(['user', 'resource', 'level', 'via', 'resource_title', 'last_seen_at', 'disabled', 'flags']);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.slice(-6)).toEqual(rows[0]!.slice(-6));
  });

  it('without a commit every format says so rather than inventing one', () => {
    const { commit: _omitted, ...noCommit } = evidence;
    const outputs = [
      renderDriftText({ ...drift, evidence: noCommit }),
      renderDriftMarkdown({ ...drift, evidence: noCommit }),
      renderDriftHtml({ ...drift, evidence: noCommit }),
      renderAuditCsv({ ...audit, evidence: noCommit }),
    ];
    for (const out of outputs) expect(out).not.toContain('f'.repeat(40));
    expect(cells(renderAuditCsv({ ...audit, evidence: noCommit }).split('\n')[1]!).slice(7, 9)).toEqual(['', '']);
  });
});

/** The cells of one line of the renderer's CSV (every cell quoted, `""` inside). */
function cells(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((m) => m[1]!.replace(/""/g, '"'));
}
