import type { EffectiveAccess } from '../core/access-grant.js';
import type { PersonReview } from '../core/person-review.js';
import type { ReportEvidence } from '../core/report-evidence.js';
import { evidenceMarkdownLines } from './evidence-block.js';
import { escapeControl } from './escape-text.js';
import { escapeMarkdown } from './escape-markdown.js';

export interface AuditView {
  target: string;
  access: EffectiveAccess[];
  /** Resource -> its title as people know it (`dashboard:sales` -> "Sales"), where the target has one. */
  titles?: Record<string, string>;
  /** Each person who reaches anything, with what the target says of them and the review's flags. */
  people?: PersonReview[];
  /** The `--stale-days` the flags were computed with. */
  staleDays?: number;
  /** Access the grants cannot show (Grafana's anonymous access), said before anything else. */
  notes?: string[];
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
  // What the target says of the person, and the review's flags: after the grant, before the evidence.
  const person = personCells(view.people);
  // The resource's title where the target gives titles: after the grant's four columns, which stay in place.
  const title = view.titles ? titleOf(view) : undefined;
  const rows = view.access.map((e) => [e.user, e.resource, e.level, paths(e), ...(title ? [title(e.resource)] : []), ...(person?.(e.user) ?? []), ...evidence].map(cell).join(','));
  const header = ['user', 'resource', 'level', 'via', ...(title ? ['resource_title'] : []), ...(person ? PERSON_COLUMNS : []), ...(view.evidence ? EVIDENCE_COLUMNS : [])];
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

const PERSON_COLUMNS = ['last_seen_at', 'disabled', 'flags'];

function personCells(people: readonly PersonReview[] | undefined): ((user: string) => string[]) | undefined {
  if (!people) return undefined;
  const byName = new Map(people.map((p) => [p.name, p]));
  return (user) => {
    const p = byName.get(user);
    return [p?.lastSeenAt ?? '', p?.disabled ? 'yes' : '', (p?.flags ?? []).join(' ')];
  };
}

/** A resource's title, or '' where the target gives none. An own-property look-up: a title map is a server's data. */
export function titleOf(view: AuditView): (resource: string) => string {
  const titles = view.titles ?? {};
  return (resource) => (Object.hasOwn(titles, resource) ? (titles[resource] ?? '') : '');
}

/** The principals that stand for anyone (a shared link), not for one person. */
export function anyonePrincipals(view: AuditView): Set<string> {
  return new Set((view.people ?? []).filter((p) => p.anyone).map((p) => p.name));
}

/** How many people reach anything: a principal that stands for anyone is not one. */
export function peopleCount(view: AuditView): number {
  const anyone = anyonePrincipals(view);
  return new Set(view.access.map((e) => e.user).filter((user) => !anyone.has(user))).size;
}

/** The people the review flags, with why: the part of the review to read first. */
export function flaggedPeople(view: AuditView): PersonReview[] {
  return (view.people ?? []).filter((p) => p.flags.length > 0);
}

/** One flag in words, for Markdown and HTML. */
export function flagText(person: PersonReview, flag: PersonReview['flags'][number], staleDays: number | undefined): string {
  if (flag === 'stale') return `${person.highest} access, not seen for over ${staleDays ?? "?"} days (last seen ${person.lastSeenAt ?? "never"})`;
  if (flag === 'disabled-with-access') return 'disabled, still holds grants';
  return `external: ${person.external ?? ''}`;
}

function evidenceCells(evidence: ReportEvidence): string[] {
  const files = evidence.files.map((file) => `${file.path} sha256:${file.sha256}`).join('; ');
  return [evidence.generatedAt, evidence.version, evidence.target, evidence.commit?.sha ?? '', evidence.commit?.ref ?? '', files];
}

export function renderAuditMarkdown(view: AuditView): string {
  const cell = escapeMarkdown;
  const users = peopleCount(view);
  const resources = new Set(view.access.map((e) => e.resource)).size;
  const title = view.titles ? titleOf(view) : undefined;
  return [
    `### accessctl audit: ${cell(view.target)}`,
    '',
    `${users} users reach ${resources} resources through ${view.access.length} grants.`,
    '',
    ...(view.notes ?? []).flatMap((note) => [`**Note:** ${cell(note)}`, '']),
    ...flaggedMarkdown(view),
    ...(title
      ? ['| user | resource | title | level | via |', '|---|---|---|---|---|', ...view.access.map((e) => `| ${cell(e.user)} | ${cell(e.resource)} | ${cell(title(e.resource))} | ${cell(e.level)} | ${cell(paths(e))} |`)]
      : ['| user | resource | level | via |', '|---|---|---|---|', ...view.access.map((e) => `| ${cell(e.user)} | ${cell(e.resource)} | ${cell(e.level)} | ${cell(paths(e))} |`)]),
    '',
    ...(view.evidence ? evidenceMarkdownLines(view.evidence) : []),
  ].join('\n');
}

function flaggedMarkdown(view: AuditView): string[] {
  const flagged = flaggedPeople(view);
  if (flagged.length === 0) return [];
  return [
    `**Flagged (${flagged.length}):**`,
    '',
    ...flagged.map((p) => `- ${escapeMarkdown(p.name)}: ${p.flags.map((flag) => escapeMarkdown(flagText(p, flag, view.staleDays))).join('; ')}`),
    '',
  ];
}
