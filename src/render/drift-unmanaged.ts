import type { EffectiveAccess } from '../core/access-grant.js';
import type { OrgWideAdmin, UnmanagedAccess, UnmanagedTeam } from '../core/unmanaged-access.js';
import { escapeHtml as esc } from './escape-html.js';
import { escapeMarkdown as cell } from './escape-markdown.js';
import { escapeControl } from './escape-text.js';

/**
 * The `--unmanaged` section of a drift report, in each format. Its title says it is neither
 * drift nor a change; every value is a server's and is escaped.
 */
export const UNMANAGED_TITLE = 'Unmanaged (live access no file manages; never planned, not drift)';

const adminLine = (a: OrgWideAdmin) => `${a.user}: ${a.level} on ${a.resources} resource${a.resources === 1 ? '' : 's'}, via ${a.via}`;
const teamLine = (t: UnmanagedTeam) =>
  `${t.org === undefined ? '' : `${t.org}/`}${t.team} (${t.members.length} member${t.members.length === 1 ? '' : 's'}${t.members.length ? `: ${t.members.join(', ')}` : ''})`;
const accessLine = (e: EffectiveAccess) => `${e.user} -> ${e.resource}: ${e.level} (${e.paths.map((p) => p.via).join(', ')})`;

export function unmanagedTextLines(unmanaged: UnmanagedAccess): string[] {
  return [
    `${UNMANAGED_TITLE}:`,
    `  org-wide admins (${unmanaged.admins.length}):`,
    ...unmanaged.admins.map((a) => `    ${escapeControl(adminLine(a))}`),
    `  teams no file names (${unmanaged.teams.length}):`,
    ...unmanaged.teams.map((t) => `    ${escapeControl(teamLine(t))}`),
    `  access on resources no file manages (${unmanaged.access.length}):`,
    ...unmanaged.access.map((e) => `    ${escapeControl(accessLine(e))}`),
  ];
}

export function unmanagedMarkdownLines(unmanaged: UnmanagedAccess): string[] {
  return [
    `#### ${UNMANAGED_TITLE}`,
    '',
    `**Org-wide admins (${unmanaged.admins.length}):**`,
    '',
    ...unmanaged.admins.map((a) => `- ${cell(adminLine(a))}`),
    '',
    `**Teams no file names (${unmanaged.teams.length}):**`,
    '',
    ...unmanaged.teams.map((t) => `- ${cell(teamLine(t))}`),
    '',
    `**Access on resources no file manages (${unmanaged.access.length}):**`,
    '',
    ...(unmanaged.access.length ? ['| user | resource | level | via |', '|---|---|---|---|'] : []),
    ...unmanaged.access.map((e) => `| ${cell(e.user)} | ${cell(e.resource)} | ${cell(e.level)} | ${cell(e.paths.map((p) => p.via).join(', '))} |`),
    '',
  ];
}

export function unmanagedHtml(unmanaged: UnmanagedAccess): string {
  const admins = unmanaged.admins.map((a) => `<li>${esc(adminLine(a))}</li>`).join('');
  const teams = unmanaged.teams.map((t) => `<li>${esc(teamLine(t))}</li>`).join('');
  const rows = unmanaged.access
    .map((e) => `<tr><td>${esc(e.user)}</td><td><code>${esc(e.resource)}</code></td><td>${esc(e.level)}</td><td>${esc(e.paths.map((p) => p.via).join(', '))}</td></tr>`)
    .join('');
  return `<h2>${esc(UNMANAGED_TITLE)}</h2>
<h3>Org-wide admins (${unmanaged.admins.length})</h3><ul>${admins}</ul>
<h3>Teams no file names (${unmanaged.teams.length})</h3><ul>${teams}</ul>
<h3>Access on resources no file manages (${unmanaged.access.length})</h3><table><thead><tr><th>user</th><th>resource</th><th>level</th><th>via</th></tr></thead><tbody>${rows}</tbody></table>`;
}
