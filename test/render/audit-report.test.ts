import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectiveAccess, levelRank } from '../../src/core/access-grant.js';
import { renderAuditHtml } from '../../src/render/audit-html.js';
import { renderAuditCsv, renderAuditMarkdown } from '../../src/render/audit-report.js';

const grants = [
  { user: 'a@example.com', resource: 'dashboard:d', level: 'viewer', via: 'team:Sales' },
  { user: 'a@example.com', resource: 'dashboard:d', level: 'admin', via: 'direct' },
  { user: 'b@example.com', resource: 'datasource:dw', level: 'editor', via: 'team:Ops' },
  { user: '=cmd|calc', resource: 'dashboard:<b>', level: 'viewer', via: 'direct' },
];

describe('effective access', () => {
  it('keeps the highest level and every path', () => {
    const access = effectiveAccess(grants, levelRank);
    expect(access.find((e) => e.user === 'a@example.com')).toEqual({
      user: 'a@example.com',
      resource: 'dashboard:d',
      level: 'admin',
      paths: [
        { level: 'viewer', via: 'team:Sales' },
        { level: 'admin', via: 'direct' },
      ],
    });
  });

  it.each([
    ['viewer', 'editor'],
    ['View', 'Edit'],
    ['edit', 'Admin'],
  ])('ranks %s below %s', (low, high) => {
    expect(levelRank(low)).toBeLessThan(levelRank(high));
  });
});

describe('audit renderers', () => {
  const view = { target: 'chartio org x', access: effectiveAccess(grants, levelRank) };

  it('CSV is quoted and defuses spreadsheet formulas', () => {
    const csv = renderAuditCsv(view);
    expect(csv.split('\n')[0]).toBe('"user","resource","level","via"');
    expect(csv).toContain(`"'=cmd|calc","dashboard:<b>","viewer","direct (viewer)"`);
    expect(csv).toContain('"a@example.com","dashboard:d","admin","team:Sales (viewer); direct (admin)"');
  });

  // The README: "cells starting with =, +, -, @ are defused" (a spreadsheet would run them as formulas).
  it.each(['=1+1', '+1+1', '-1+1', '@SUM(A1)'])('CSV defuses a cell starting like %j', (name) => {
    const csv = renderAuditCsv({ target: 't', access: effectiveAccess([{ user: name, resource: `dashboard:${name}`, level: 'viewer', via: 'direct' }], levelRank) });
    expect(csv.split('\n')[1]).toBe(`"'${name}","dashboard:${name}","viewer","direct (viewer)"`);
  });

  it('Markdown escapes names', () => {
    expect(renderAuditMarkdown(view)).toContain('| =cmd\\|calc | dashboard:\\<b\\> | viewer | direct \\(viewer\\) |');
  });

  it('HTML carries every grant and path in its data block, with no name able to close it, and loads nothing external', () => {
    const html = renderAuditHtml(view);
    expect(html).not.toContain('<b>');
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).toContain("default-src 'none'");
    const data = JSON.parse(/<script type="application\/json" id="audit-data">([^<]*)<\/script>/.exec(html)![1]!);
    expect(data.users).toEqual(['=cmd|calc', 'a@example.com', 'b@example.com']);
    expect(data.resources).toEqual(['dashboard:<b>', 'dashboard:d', 'datasource:dw']);
    expect(data.levels).toEqual(['viewer', 'editor', 'admin']);
    expect(data.vias).toEqual(['direct', 'team:Ops', 'team:Sales']);
    // a@example.com: one grant, on resource 1 (delta 2 from -1), admin (2), two paths: team:Sales viewer, direct admin.
    expect(data.byUser[1]).toEqual([2, 2, 2, 2 * 8 + 0, 0 * 8 + 2]);
    expect(data).toMatchObject({ entries: 3, paths: 4 });
  });

  describe('the HTML page (README: summary cards, a legend, the data embedded once)', () => {
    // Grafana's words: two people reach two resources; one of them is an Admin.
    const grafana = {
      target: 'grafana x',
      access: effectiveAccess(
        [
          { user: 'ada', resource: 'Main/folder:ops', level: 'Admin', via: 'org-role:Admin' },
          { user: 'ada', resource: 'Main/dashboard:nodes', level: 'Admin', via: 'org-role:Admin' },
          { user: 'vera', resource: 'Main/dashboard:nodes', level: 'View', via: 'folder:ops > role:Viewer' },
        ],
        levelRank,
      ),
      titles: { 'Main/folder:ops': 'Operations', 'Main/dashboard:nodes': 'Node exporter' },
      people: [{ name: 'ada', highest: 'Admin', flags: [] }, { name: 'vera', highest: 'View', flags: [] }],
    };
    const cardsOf = (html: string) => Object.fromEntries([...html.matchAll(/<div class="card"><strong>(\d+)<\/strong>([^<]*)<\/div>/g)].map((m) => [m[2], Number(m[1])]));

    it.each<[string, Parameters<typeof renderAuditHtml>[0], Record<string, number>]>([
      // a@example.com is admin on d; the link is on d too, and is neither a person nor an admin.
      [
        'Chartio, with a shared link',
        {
          ...view,
          access: effectiveAccess([...grants, { user: 'anyone with the link', resource: 'dashboard:d', level: 'editor', via: 'link_sharing' }], levelRank),
          people: [{ name: 'anyone with the link', highest: 'editor', anyone: true, flags: ['external'] }],
          staleDays: 90,
        },
        { people: 3, resources: 3, grants: 4, 'people with admin access': 1, 'resources open to anyone with a link': 1, 'stale editors and admins (over 90 days)': 0, 'disabled, still with grants': 0, 'external (sharing, links)': 0 },
      ],
      ['Grafana: no link card', { ...grafana, staleDays: 90 }, { people: 2, resources: 2, grants: 3, 'people with admin access': 1, 'stale editors and admins (over 90 days)': 0, 'disabled, still with grants': 0, 'external (sharing, links)': 0 }],
    ])('cards: %s', (_name, audit, cards) => {
      expect(cardsOf(renderAuditHtml(audit))).toEqual(cards);
    });

    it('has a legend of the levels the report holds, in rank order', () => {
      expect(renderAuditHtml(grafana)).toContain('<p class="legend">Levels: <span class="l-view">View</span> <span class="l-admin">Admin</span>.');
    });

    it('carries each name, title and path once, in its data block, however many grants use it', () => {
      const html = renderAuditHtml(grafana);
      for (const text of ['ada', 'vera', 'Main/dashboard:nodes', 'Node exporter', 'org-role:Admin', 'folder:ops > role:Viewer']) {
        expect(html.split(`"${text}"`).length - 1, text).toBe(1);
      }
    });
  });

  describe('with the people review', () => {
    const people = [
      { name: 'a@example.com', highest: 'admin', lastSeenAt: '2025-01-01T00:00:00Z', flags: ['stale' as const] },
      { name: 'b@example.com', highest: 'editor', disabled: true, flags: ['disabled-with-access' as const] },
      { name: '=cmd|calc', highest: 'viewer', external: 'joined through dashboard sharing', flags: ['external' as const] },
    ];
    const reviewed = { ...view, people, staleDays: 90 };

    it('CSV adds last_seen_at, disabled and flags after the grant', () => {
      const lines = renderAuditCsv(reviewed).trim().split('\n');
      expect(lines[0]).toBe('"user","resource","level","via","last_seen_at","disabled","flags"');
      expect(lines).toContain('"a@example.com","dashboard:d","admin","team:Sales (viewer); direct (admin)","2025-01-01T00:00:00Z","","stale"');
      expect(lines).toContain('"b@example.com","datasource:dw","editor","team:Ops (editor)","","yes","disabled-with-access"');
    });

    it('Markdown lists the flagged people first, escaped', () => {
      const md = renderAuditMarkdown(reviewed);
      expect(md).toContain('**Flagged (3):**');
      expect(md).toContain('- =cmd\\|calc: external: joined through dashboard sharing');
      expect(md.indexOf('**Flagged')).toBeLessThan(md.indexOf('| user |'));
    });

    it('HTML counts each flag in a card and carries each person\'s flags', () => {
      const html = renderAuditHtml(reviewed);
      for (const card of ['<strong>1</strong>stale editors and admins (over 90 days)', '<strong>1</strong>disabled, still with grants', '<strong>1</strong>external (sharing, links)']) expect(html).toContain(card);
      const data = JSON.parse(/<script type="application\/json" id="audit-data">([^<]*)<\/script>/.exec(html)![1]!);
      expect(data.flags).toEqual([['external'], ['stale'], ['disabled']]);
    });
  });

  describe('with titles and a shared link', () => {
    const linked = {
      target: 'chartio org x',
      access: effectiveAccess([...grants, { user: 'anyone with the link', resource: 'dashboard:d', level: 'editor', via: 'link_sharing' }], levelRank),
      titles: { 'dashboard:d': 'Revenue <2026>', 'datasource:dw': 'Warehouse' },
      people: [{ name: 'anyone with the link', highest: 'editor', external: 'anyone who has the link', anyone: true as const, flags: ['external' as const] }],
    };
    const data = (html: string) => JSON.parse(/<script type="application\/json" id="audit-data">([^<]*)<\/script>/.exec(html)![1]!);

    it.each<[string, (v: typeof linked) => string, string[]]>([
      ['CSV', renderAuditCsv, ['"user","resource","level","via","resource_title","last_seen_at","disabled","flags"', '"a@example.com","dashboard:d","admin","team:Sales (viewer); direct (admin)","Revenue <2026>",', '"\'=cmd|calc","dashboard:<b>","viewer","direct (viewer)","",']],
      ['Markdown', renderAuditMarkdown, ['| user | resource | title | level | via |', '| b@example.com | datasource:dw | Warehouse | editor | team:Ops \\(editor\\) |', '| a@example.com | dashboard:d | Revenue \\<2026\\> | admin |']],
    ])('%s shows each resource\'s title beside it', (_format, render, marks) => {
      const out = render(linked);
      for (const mark of marks) expect(out).toContain(mark);
    });

    it('HTML carries the titles beside the resources, one per resource', () => {
      const encoded = data(renderAuditHtml(linked));
      expect(encoded.resources).toEqual(['dashboard:<b>', 'dashboard:d', 'datasource:dw']);
      expect(encoded.titles).toEqual(['', 'Revenue <2026>', 'Warehouse']);
    });

    it.each<[string, (v: typeof linked) => string, string]>([
      ['Markdown', renderAuditMarkdown, '3 users reach 3 resources'],
      ['HTML', renderAuditHtml, '<strong>3</strong>people'],
      ['HTML', renderAuditHtml, '<strong>1</strong>resources open to anyone with a link'],
      ['HTML', renderAuditHtml, '<strong>0</strong>external (sharing, links)'],
    ])('%s does not count the link as a person: %s', (_format, render, mark) => {
      expect(render(linked)).toContain(mark);
    });

    it('a title map from a server cannot lend a resource an inherited name', () => {
      const csv = renderAuditCsv({ ...linked, access: effectiveAccess([{ user: 'u', resource: 'constructor', level: 'viewer', via: 'direct' }], levelRank) });
      expect(csv).toContain('"u","constructor","viewer","direct (viewer)",""');
    });
  });

  it('writes the README\'s example of the flagged list', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /The review flags what to look at first[\s\S]*?```markdown\n([\s\S]*?)```/.exec(readme)![1]!;
    const md = renderAuditMarkdown({
      target: 't',
      access: effectiveAccess([{ user: 'ada', resource: 'r', level: 'Admin', via: 'org-role:Admin' }, { user: 'gone', resource: 'r', level: 'Edit', via: 'direct' }], levelRank),
      people: [
        { name: 'ada', highest: 'Admin', lastSeenAt: '2026-08-01T09:00:00Z', flags: ['stale'] },
        { name: 'gone', highest: 'Edit', disabled: true, flags: ['disabled-with-access'] },
      ],
      staleDays: 90,
    });
    expect(md).toContain(example);
  });
});
