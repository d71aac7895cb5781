import type { EffectiveAccess } from '../core/access-grant.js';
import { levelRank } from '../core/access-grant.js';
import type { PersonReview, RiskFlag } from '../core/person-review.js';
import { anyonePrincipals, peopleCount, titleOf, type AuditView } from './audit-report.js';
import { auditPageScript } from './audit-page-script.js';
import { evidenceHtml } from './evidence-block.js';
import { escapeHtml as esc } from './escape-html.js';
import { escapeControl } from './escape-text.js';

/**
 * The HTML audit: one static file with no external requests (its Content-Security-Policy
 * forbids them), built to stay usable at the largest orgs (a million grants). There is no
 * people × resources matrix. The page has summary cards, a legend, and one list of grants
 * shown by person or by resource, a page at a time, with every grant's paths in the row. The
 * data travels once, as a compact JSON block that the page's script (audit-page-script.ts)
 * decodes:
 *
 *   users, resources, levels, vias: the names, each list once (levels in rank order);
 *   titles[r]: resource r's title ('' where the target gives none), shown and found beside its name;
 *   byUser[u]: for each grant of user u, in resource order, the numbers
 *     resource-index delta, level index, path count, then one code per path (via index × 8 + level index).
 *
 * The block is JSON inside `<script type="application/json">`, with `<` written as `\u003c`
 * so no name can close the element.
 */
export function renderAuditHtml(view: AuditView): string {
  const encoded = encode(view.access, view.people ?? [], titleOf(view));
  // A principal that stands for anyone (a shared link) is not a person: it has its own card.
  const anyone = anyonePrincipals(view);
  const admins = new Set(view.access.filter((entry) => !anyone.has(entry.user) && levelRank(entry.level) >= levelRank('admin')).map((entry) => entry.user)).size;
  const openToAnyone = new Set(view.access.filter((entry) => anyone.has(entry.user)).map((entry) => entry.resource)).size;
  const flagged = (flag: RiskFlag) => (view.people ?? []).filter((p) => !p.anyone && p.flags.includes(flag)).length;
  const cards: [string, number][] = [
    ['people', peopleCount(view)],
    ['resources', encoded.resources.length],
    ['grants', view.access.length],
    ['people with admin access', admins],
    ...(anyone.size ? ([['resources open to anyone with a link', openToAnyone]] as [string, number][]) : []),
    ...(view.people
      ? ([
          [`stale editors and admins (over ${view.staleDays ?? '?'} days)`, flagged('stale')],
          ['disabled, still with grants', flagged('disabled-with-access')],
          ['external (sharing, links)', flagged('external')],
        ] as [string, number][])
      : []),
  ];
  const json = JSON.stringify(encoded).replace(/</g, '\\u003c');
  const legend = encoded.levels.map((level) => `<span class="l-${esc(level.toLowerCase())}">${esc(level)}</span>`).join(' ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>accessctl audit</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>
body{font:13px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:#f3f4f6}.cards{display:flex;gap:1em;margin:1em 0}.card{border:1px solid #ddd;border-radius:6px;padding:.5em 1em}.card strong{display:block;font-size:1.6em}
.l-viewer,.l-view{background:#dbeafe}.l-editor,.l-edit{background:#fde68a}.l-admin{background:#fca5a5}#filter{width:28em;padding:4px}.legend span{padding:1px 6px}
.bar{display:flex;gap:.8em;align-items:center;margin:.6em 0}.views button[aria-pressed=true]{font-weight:bold}td.via{color:#374151}td.k{font-weight:600}
</style></head><body>
<h1>accessctl audit: ${esc(view.target)}</h1>
${view.evidence ? evidenceHtml(view.evidence) : ''}
${(view.notes ?? []).map((note) => `<p class="note"><strong>Note:</strong> ${esc(note)}</p>`).join('\n')}
<div class="cards" id="summary">${cards.map(([label, value]) => `<div class="card"><strong>${value}</strong>${esc(label)}</div>`).join('')}</div>
<p class="legend">Levels: ${legend}. Each row is one person's effective access to one resource: the highest level, and every path that grants it. Flags after a name: <em>stale</em> (can edit or administer, not seen lately), <em>disabled</em> (still holds grants), <em>external</em> (came in through sharing or a link); type a flag in the filter to list its people.</p>
<div class="bar"><input id="filter" type="search" placeholder="Filter people or resources" aria-label="Filter people or resources">
<span class="views"><button id="view-person" aria-pressed="true">by person</button> <button id="view-resource" aria-pressed="false">by resource</button></span></div>
<div class="bar"><button id="prev">previous</button><button id="next">next</button><span id="page"></span><span id="count"></span></div>
<table id="grants"><thead><tr><th id="first-column">person</th><th id="second-column">resource</th><th>level</th><th>how</th></tr></thead><tbody id="rows"></tbody></table>
<script type="application/json" id="audit-data">${json}</script>
<script>(${auditPageScript.toString().replace(/\t/g, "  ")})();</script>
</body></html>
`;
}

interface Encoded {
  users: string[];
  /** Per user index, the review's flags in short words (`stale`, `disabled`, `external`). */
  flags: string[][];
  resources: string[];
  titles: string[];
  levels: string[];
  vias: string[];
  entries: number;
  paths: number;
  byUser: number[][];
}

const FLAG_WORD: Record<RiskFlag, string> = { stale: 'stale', 'disabled-with-access': 'disabled', external: 'external' };

function encode(access: readonly EffectiveAccess[], people: readonly PersonReview[], title: (resource: string) => string): Encoded {
  const users = [...new Set(access.map((e) => e.user))].sort(compare);
  const resources = [...new Set(access.map((e) => e.resource))].sort(compare);
  const levels = [...new Set(access.flatMap((e) => [e.level, ...e.paths.map((p) => p.level)]))].sort((a, b) => levelRank(a) - levelRank(b) || compare(a, b));
  const vias = [...new Set(access.flatMap((e) => e.paths.map((p) => p.via)))].sort(compare);
  const index = (list: string[]) => new Map(list.map((name, i) => [name, i]));
  const [userAt, resourceAt, levelAt, viaAt] = [index(users), index(resources), index(levels), index(vias)];
  // Levels fit in three bits of a path code; a provider with more than eight would need more.
  if (levels.length > 8) throw new Error(`the audit has ${levels.length} levels; the HTML encoding holds 8`);
  const grouped = users.map(() => [] as EffectiveAccess[]);
  for (const entry of access) grouped[userAt.get(entry.user)!]!.push(entry);
  let paths = 0;
  const byUser = grouped.map((entries) => {
    entries.sort((a, b) => resourceAt.get(a.resource)! - resourceAt.get(b.resource)!);
    const flat: number[] = [];
    let previous = -1;
    for (const entry of entries) {
      const resource = resourceAt.get(entry.resource)!;
      flat.push(resource - previous, levelAt.get(entry.level)!, entry.paths.length);
      for (const path of entry.paths) flat.push(viaAt.get(path.via)! * 8 + levelAt.get(path.level)!);
      paths += entry.paths.length;
      previous = resource;
    }
    return flat;
  });
  const review = new Map(people.map((p) => [p.name, p.flags.map((flag) => FLAG_WORD[flag])]));
  const flags = users.map((user) => review.get(user) ?? []);
  // Names as every renderer shows them (controls, bidi overrides and invisible characters
  // escaped), once per name in the lists, not once per grant.
  const shown = (list: string[]) => list.map(escapeControl);
  return { users: shown(users), flags, resources: shown(resources), titles: shown(resources.map(title)), levels: shown(levels), vias: shown(vias), entries: access.length, paths, byUser };
}

/** Code-unit order: the same in every locale, as the rest of accessctl's output. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
