import { describe, expect, it } from 'vitest';
import { buildDriftReport, hasDrift, type DriftReport } from '../../src/core/drift-report.js';
import { renderDriftHtml } from '../../src/render/drift-html.js';
import { renderDriftMarkdown } from '../../src/render/drift-markdown.js';
import { renderDriftText } from '../../src/render/drift-text.js';
import { renderJson } from '../../src/render/render-json.js';

const hostile = '<img src=x onerror=alert(1)>|\u001b[2J';
const report: DriftReport = {
  ...buildDriftReport({ target: { description: 'x' }, changes: [], problems: [] }),
  unmanaged: {
    access: [{ user: `carol${hostile}`, resource: 'dashboard:board', level: 'admin', paths: [{ level: 'admin', via: 'direct' }, { level: 'viewer', via: 'team:A' }] }],
    admins: [{ user: 'owner@example.com', via: 'owners', level: 'admin', resources: 3 }],
    teams: [
      { team: `Hand${hostile}`, org: 'Main Org.', members: ['ann', 'bob'] },
      { team: 'Empty', members: [] },
    ],
  },
};

describe('drift renderers: the --unmanaged section', () => {
  it('is not drift: a report with only unmanaged access has none', () => {
    expect(hasDrift(report)).toBe(false);
  });

  // Each format escapes what it must: controls everywhere, markup too in Markdown and HTML. A Grafana team is named `<org>/<team>`.
  it.each<[string, (r: DriftReport) => string, string[], RegExp]>([
    ['text', renderDriftText, ['org-wide admins (1):', 'owner@example.com: admin on 3 resources, via owners', 'access on resources no file manages (1):', '-> dashboard:board: admin (direct, team:A)', 'teams no file names (2):', '    Empty (0 members)', '    Main Org./Hand', ' (2 members: ann, bob)'], /\u001b/],
    ['Markdown', renderDriftMarkdown, ['**Org-wide admins (1):**', '- owner@example.com: admin on 3 resources, via owners', '| dashboard:board | admin | direct, team:A |', '**Teams no file names (2):**', '- Empty \\(0 members\\)', '- Main Org./Hand', ' \\(2 members: ann, bob\\)'], /\u001b|(^|[^\\])<img|[^\\]\|\\u/m],
    ['HTML', renderDriftHtml, ['<h3>Org-wide admins (1)</h3>', '<li>owner@example.com: admin on 3 resources, via owners</li>', '<td><code>dashboard:board</code></td><td>admin</td><td>direct, team:A</td>', '<h3>Teams no file names (2)</h3>', '<li>Empty (0 members)</li>', '<li>Main Org./Hand', ' (2 members: ann, bob)</li>'], /\u001b|<img/],
  ])('%s lists admins, teams and access, escaped', (_format, render, marks, unsafe) => {
    const out = render(report);
    for (const mark of marks) expect(out).toContain(mark);
    expect(out).not.toMatch(unsafe);
  });

  it('JSON carries it as data, and a report without it has no such key', () => {
    expect(JSON.parse(renderJson(report)).unmanaged.admins).toEqual([{ user: 'owner@example.com', via: 'owners', level: 'admin', resources: 3 }]);
    expect(Object.keys(JSON.parse(renderJson(buildDriftReport({ target: { description: 'x' }, changes: [], problems: [] }))))).not.toContain('unmanaged');
  });
});
