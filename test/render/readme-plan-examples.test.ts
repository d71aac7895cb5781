import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/change.js';
import { summarizeChanges } from '../../src/core/plan-summary.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';

/** The README's Markdown plan example is what the renderer writes for the same plan. */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README plan examples', () => {
  it('the Markdown plan: ! for changes and renames, # for a blocked change, the legend, the located problem', () => {
    const start = README.indexOf('````markdown\n');
    expect(start).toBeGreaterThan(0);
    const example = README.slice(start + '````markdown\n'.length, README.indexOf('\n````\n', start) + 1);
    const reason = 'team "Analyst" does not exist in Chartio and is not defined in the file; did you mean "Analysts"?';
    const changes: Pick<Change, 'id' | 'address' | 'action' | 'summary' | 'blocked'>[] = [
      { id: '1', address: 'team[Growth]', action: 'rename', summary: 'rename team "Growth" to "Marketing"' },
      { id: '2', address: 'user[bob@example.com]', action: 'create', summary: 'create user bob@example.com in team "Marketing"' },
      { id: '3', address: 'dashboard[example-dashboard].permission[team:Analyst]', action: 'create', summary: 'grant viewer on dashboard "example-dashboard" to team "Analyst"', blocked: reason },
      { id: '4', address: 'dashboard[example-dashboard].permission[team:Marketing]', action: 'update', summary: 'change team "Marketing" on dashboard "example-dashboard" from viewer to editor' },
      { id: '5', address: 'team[Analysts].member[erin@example.com]', action: 'delete', summary: 'remove erin@example.com from team "Analysts"' },
    ];
    const markdown = renderPlanMarkdown({
      target: { description: 'chartio org example-org (https://api.chartio.com/v1)' },
      changes,
      issues: [{ severity: 'error', message: reason, file: 'access.yaml', line: 37, col: 35, path: 'dashboards.example-dashboard.permissions.teams.Analyst', address: changes[2]!.address }],
      violations: [],
      summary: summarizeChanges(changes),
    });
    expect(markdown).toBe(example);
  });
});
