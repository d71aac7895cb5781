import type { ReportEvidence } from '../core/report-evidence.js';
import { escapeHtml } from './escape-html.js';
import { escapeMarkdown } from './escape-markdown.js';
import { escapeControl } from './escape-text.js';

/**
 * The evidence of a report (core/report-evidence.ts) as each format shows it. Paths, the target
 * and the ref name come from the operator's files and from servers, so every one is escaped for
 * its format. A report may also be rendered from a JSON file (the Action reads drift.json), so
 * a field that is not a string is shown as JSON rather than trusted to be one.
 */
const text = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

interface EvidenceFields {
  generated: string;
  tool: string;
  target: string;
  commit: string | undefined;
  files: { path: string; sha256: string }[];
}

function fields(evidence: ReportEvidence, escape: (raw: string) => string): EvidenceFields {
  const commit = evidence.commit;
  return {
    generated: escape(text(evidence.generatedAt)),
    tool: `accessctl ${escape(text(evidence.version))}`,
    target: escape(text(evidence.target)),
    commit: commit ? `${escape(text(commit.sha))}${commit.ref !== undefined ? ` (${escape(text(commit.ref))})` : ''}` : undefined,
    files: (Array.isArray(evidence.files) ? evidence.files : []).map((file) => ({ path: escape(text(file?.path)), sha256: escape(text(file?.sha256)) })),
  };
}

/** For a terminal or a log: a few indented lines, to follow the report. */
export function evidenceTextLines(evidence: ReportEvidence): string[] {
  const f = fields(evidence, escapeControl);
  return [
    `Evidence: generated ${f.generated} by ${f.tool}`,
    `  target: ${f.target}`,
    `  commit: ${f.commit ?? 'none (not run in a Git repository, or HEAD unreadable)'}`,
    ...f.files.map((file) => `  file:   ${file.path} sha256:${file.sha256}`),
  ];
}

/** For a PR comment or a job summary: a short list under a rule, to follow the report. */
export function evidenceMarkdownLines(evidence: ReportEvidence): string[] {
  const f = fields(evidence, escapeMarkdown);
  return [
    '---',
    '',
    `**Evidence:** generated ${f.generated} by ${f.tool}`,
    '',
    `- target: ${f.target}`,
    `- commit: ${f.commit ?? 'none'}`,
    ...f.files.map((file) => `- file: ${file.path} sha256:${file.sha256}`),
    '',
  ];
}

/** For a report page: a visible definition list, to go under the title. */
export function evidenceHtml(evidence: ReportEvidence): string {
  const f = fields(evidence, escapeHtml);
  const files = f.files.map((file) => `<dd><code>${file.path}</code> sha256:<code>${file.sha256}</code></dd>`).join('');
  return `<dl id="evidence"><dt>generated</dt><dd>${f.generated} by ${f.tool}</dd><dt>target</dt><dd>${f.target}</dd><dt>commit</dt><dd>${f.commit === undefined ? 'none' : `<code>${f.commit}</code>`}</dd><dt>files</dt>${files || '<dd>none</dd>'}</dl>`;
}
