import { describe, expect, it } from 'vitest';
import { effectiveAccess, levelRank } from '../../src/core/access-grant.js';
import { renderAuditCsv, renderAuditHtml, renderAuditMarkdown } from '../../src/render/audit-report.js';

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

  it('Markdown escapes names', () => {
    expect(renderAuditMarkdown(view)).toContain('| =cmd\\|calc | dashboard:\\<b\\> | viewer | direct \\(viewer\\) |');
  });

  it('HTML escapes names, shows level as text and colour, paths in the title, and loads nothing external', () => {
    const html = renderAuditHtml(view);
    expect(html).not.toContain('<b>');
    expect(html).toContain('<td data-col="1" class="l-admin" title="team:Sales (viewer); direct (admin)">admin</td>');
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).toContain("default-src 'none'");
  });
});
