import { describe, expect, it } from 'vitest';
import { DIFF_LEGEND, renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { wantsColor } from '../../src/render/color.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import type { PlanView } from '../../src/render/plan-view.js';

const view = (over: Partial<PlanView> = {}): PlanView => ({
  target: { description: 'chartio org example-org (http://127.0.0.1:1/v1)' },
  changes: [
    { id: '1', address: 'team["S"]', action: 'create', summary: 'create team "S"' },
    { id: '2', address: 'team["G"]', action: 'rename', summary: 'rename team "G" to "M"' },
    { id: '3', address: 'user["u"]', action: 'delete', summary: 'delete user u@example.com', blocked: 'u is the last owner' },
  ],
  issues: [],
  violations: [],
  summary: { add: 1, change: 1, remove: 0, blocked: 1 },
  ...over,
});

describe('renderPlanText', () => {
  it('lists changes in order with Terraform-like symbols and a summary', () => {
    expect(renderPlanText(view())).toBe(
      [
        'accessctl plan for chartio org example-org (http://127.0.0.1:1/v1):',
        '',
        '  + create team "S"',
        '  ~> rename team "G" to "M"',
        '  ! delete user u@example.com',
        '      blocked: u is the last owner',
        '',
        'Plan: 1 to add, 1 to change, 0 to destroy, 1 blocked.',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to do, and lists problems (in the form validate prints) and refusals', () => {
    const text = renderPlanText(
      view({
        changes: [],
        summary: { add: 0, change: 0, remove: 0, blocked: 0 },
        issues: [
          { severity: 'error', message: 'dashboard "x" does not exist', file: 'a.yaml', line: 7, col: 3, path: 'dashboards.x' },
          { severity: 'error', message: 'the org would hold too many teams' },
          { severity: 'warning', message: '"\u212Aate" looks like "kate"', file: 'a.yaml', line: 2, col: 5, path: 'teams.K' },
        ],
        violations: [{ rule: 'max_deletions', message: '3 team deletions exceed', changeIds: [] }],
      }),
    );
    expect(text).toBe(
      [
        'accessctl plan for chartio org example-org (http://127.0.0.1:1/v1):',
        '',
        'No changes. Live state matches the desired state.',
        'a.yaml:7:3 error: dashboards.x: dashboard "x" does not exist',
        'error: the org would hold too many teams',
        'a.yaml:2:5 warning: teams.K: "\u212Aate" looks like "kate"',
        'refused (safety.max_deletions): 3 team deletions exceed',
        '',
      ].join('\n'),
    );
  });

  it('escapes control characters and ANSI sequences from names', () => {
    const text = renderPlanText(
      view({ changes: [{ id: '1', address: 'a', action: 'create', summary: 'create team "x\u001b[2J\nfake line"' }] }),
    );
    expect(text).not.toContain('\u001b');
    expect(text).toContain('create team "x\\u001b[2J\\u000afake line"');
  });
});

describe('colour', () => {
  it('paints the symbols only when asked', () => {
    expect(renderPlanText(view(), { color: true })).toContain('  \u001b[32m+\u001b[0m create team "S"');
    expect(renderPlanText(view(), { color: false })).not.toContain('\u001b[');
  });

  it.each([
    [true, {}, true],
    [true, { NO_COLOR: '1' }, false],
    [false, {}, false],
  ])('wantsColor(tty=%s, env=%j) is %s', (tty, env, expected) => {
    expect(wantsColor(tty, env)).toBe(expected);
  });
});

describe('renderPlanMarkdown', () => {
  it('puts the changes in a diff block and escapes Markdown in names', () => {
    const md = renderPlanMarkdown(
      view({ target: { description: 'org *evil* [link](http://x)' }, issues: [{ severity: 'error', message: 'team <b>x</b>' }] }),
    );
    expect(md).toContain('### accessctl plan: org \\*evil\\* \\[link\\]\\(http://x\\)');
    expect(md).toContain('- error: team \\<b\\>x\\</b\\>');
  });

  // GitHub colours a diff block's +, - and ! lines (and greys # comments), not ~: updates and
  // renames are written !, a blocked change (which will not run) as a # comment, and a legend says so.
  it.each([
    ['create', { action: 'create' }, '+ s'],
    ['update', { action: 'update' }, '! s'],
    ['rename', { action: 'rename' }, '! s'],
    ['delete', { action: 'delete' }, '- s'],
    ['blocked create', { action: 'create', blocked: 'why' }, '# s\n#     blocked: why'],
    ['blocked delete', { action: 'delete', blocked: 'why' }, '# s\n#     blocked: why'],
  ] as const)('writes a %s as a line GitHub colours, with the legend under the block', (_name, over, lines) => {
    const md = renderPlanMarkdown(view({ changes: [{ id: '1', address: 'a', summary: 's', ...over }] }));
    expect(md).toContain(`\`\`\`diff\n${lines}\n\`\`\`\n\n${DIFF_LEGEND}\n`);
  });

  it('uses a longer fence when a name contains backticks', () => {
    const md = renderPlanMarkdown(view({ changes: [{ id: '1', address: 'a', action: 'create', summary: 'create team "```"' }] }));
    expect(md).toContain('````diff\n+ create team "```"\n````');
  });
});

describe('targeting and ignore: in the plan', () => {
  const targeted = view({ targeting: { targets: ['team["S"]'], shown: 1, total: 12 } });
  const ignored = view({
    ignored: [
      { address: 'team[C].member[h@example.com]', reason: 'membership comes from the HR sync' },
      { address: 'user[h@example.com]', because: 'also changes team[C].member[h@example.com]', reason: 'membership comes from the HR sync' },
    ],
  });

  it('warns that targeting is in effect, with the counts, in text and Markdown', () => {
    expect(renderPlanText(targeted)).toContain('\nPlan: 1 to add, 1 to change, 0 to destroy, 1 blocked.\nwarning: Targeting is in effect: 1 of 12 changes shown.\n');
    expect(renderPlanText(view({ changes: [], targeting: { targets: ['x'], shown: 0, total: 1 } }))).toContain(
      'No changes to apply.\nwarning: Targeting is in effect: 0 of 1 change shown.\n',
    );
    expect(renderPlanMarkdown(targeted)).toContain('**Warnings:**\n\n- Targeting is in effect: 1 of 12 changes shown.');
    expect(renderPlanText(view())).not.toContain('Targeting');
  });

  it('counts what ignore: leaves alone, and lists it with --show-ignored', () => {
    expect(renderPlanText(ignored)).toContain('\n2 changes left alone because of ignore: (--show-ignored lists them)\n');
    expect(renderPlanText(ignored, { showIgnored: true })).toContain(
      [
        '',
        '2 changes left alone because of ignore:',
        '  team[C].member[h@example.com]: membership comes from the HR sync',
        '  user[h@example.com] (also changes team[C].member[h@example.com]): membership comes from the HR sync',
        '',
      ].join('\n'),
    );
    expect(renderPlanMarkdown(ignored, { showIgnored: true })).toContain(
      '2 changes left alone because of ignore:\n\n- team\\[C\\].member\\[h@example.com\\]: membership comes from the HR sync\n',
    );
    expect(renderPlanText(view())).not.toContain('left alone');
  });
});
