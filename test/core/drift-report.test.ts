import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/change.js';
import { buildDriftReport, hasDrift } from '../../src/core/drift-report.js';
import { renderDriftHtml } from '../../src/render/drift-html.js';
import { renderDriftMarkdown } from '../../src/render/drift-markdown.js';
import { renderDriftText } from '../../src/render/drift-text.js';

const change = (address: string, action: Change['action'], kind: string, before?: unknown, after?: unknown): Change => ({
  id: `${address}:${action}`,
  address,
  action,
  kind,
  phase: 'grant',
  summary: address,
  before,
  after,
  dependsOn: [],
  reducesAccess: false,
  touches: [],
  operation: null,
});

const plan = {
  target: { description: 'chartio org x' },
  changes: [
    change('team[Sales].member[a@example.com]', 'create', 'member', undefined, { email: 'a@example.com' }),
    change('team[Contractors].member[c@example.com]', 'delete', 'member', { email: 'c@example.com' }),
    change('dashboard[d].permission[team:Sales]', 'update', 'permission', { level: 'viewer' }, { level: 'editor' }),
  ],
  problems: [],
};

describe('buildDriftReport', () => {
  it('reads each change as git says / live says, grouped counts by kind', () => {
    const report = buildDriftReport(plan);
    expect(report.items.map((i) => [i.address, i.git, i.live])).toEqual([
      ['team[Sales].member[a@example.com]', { email: 'a@example.com' }, 'absent'],
      ['team[Contractors].member[c@example.com]', 'absent', { email: 'c@example.com' }],
      ['dashboard[d].permission[team:Sales]', { level: 'editor' }, { level: 'viewer' }],
    ]);
    expect(report.byKind).toEqual({ member: 2, permission: 1 });
    expect(hasDrift(report)).toBe(true);
  });

  it('counts ignored drift separately, with its reason, and it alone is no drift', () => {
    const report = buildDriftReport({ ...plan, changes: plan.changes.slice(1, 2) }, [{ address: 'team[Contractors].member[*]', reason: 'HR sync' }]);
    expect(report.items).toEqual([]);
    expect(report.ignored.map((i) => [i.address, i.reason])).toEqual([['team[Contractors].member[c@example.com]', 'HR sync']]);
    expect(hasDrift(report)).toBe(false);
    expect(renderDriftText(report)).toContain('Drift: 0 differences, 0 missing, 1 ignored.');
  });

  it('counts objects missing live as drift', () => {
    expect(hasDrift(buildDriftReport({ ...plan, changes: [], problems: ['dashboard "x" does not exist'] }))).toBe(true);
  });

  it('matches an ignore rule with 30 stars against a 10,000-character address in one pass (a regular expression never finishes)', () => {
    const address = `team[${'a'.repeat(10_000)}]`;
    const report = buildDriftReport({ ...plan, changes: [change(address, 'create', 'team')] }, [
      { address: `team[${'a*'.repeat(30)}b]`, reason: 'hostile rule' },
      { address: 'team[*]', reason: 'all teams' },
    ]);
    expect(report.ignored.map((i) => i.reason)).toEqual(['all teams']);
  });
});

describe('drift renderers', () => {
  const hostile = buildDriftReport({
    target: { description: 'org <script>' },
    changes: [change('team[<img src=x onerror=alert(1)>]', 'create', 'team', undefined, { name: '\u001b[2J|`x`' })],
    problems: [],
  });

  it('text shows git and live values plainly, escaping control characters', () => {
    const text = renderDriftText(buildDriftReport(plan));
    expect(text).toContain('  dashboard[d].permission[team:Sales]\n      git:  editor\n      live: viewer');
    expect(renderDriftText(hostile)).not.toContain('\u001b');
  });

  it('HTML escapes everything and loads nothing external', () => {
    const html = renderDriftHtml(hostile);
    expect(html).not.toMatch(/<script>|<img /);
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('Markdown escapes table and inline syntax', () => {
    const md = renderDriftMarkdown(hostile);
    expect(md).toContain('\\|\\`x\\`');
    expect(md).not.toMatch(/(^|[^\\])<img/); // only as \<img, which Markdown shows as text
  });
});
