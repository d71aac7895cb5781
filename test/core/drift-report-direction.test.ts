import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/change.js';
import type { DriftDirection } from '../../src/core/drift-direction.js';
import { buildDriftReport, type DriftReport } from '../../src/core/drift-report.js';
import { renderDriftHtml } from '../../src/render/drift-html.js';
import { renderDriftMarkdown } from '../../src/render/drift-markdown.js';
import { renderDriftText } from '../../src/render/drift-text.js';
import { renderJson } from '../../src/render/render-json.js';

/** A change and the direction the provider's model gives it (`undefined`: it says nothing). */
type Given = [Change, DriftDirection | undefined];
const change = (address: string, kind: string, direction?: DriftDirection): Given => [{
  id: address,
  address,
  action: 'update',
  kind,
  phase: 'grant',
  summary: address,
  before: 'live',
  after: 'git',
  dependsOn: [],
  touches: [],
  reducesAccess: false,
  operation: null,
}, direction];
const directionsOf = (given: Given[]) => Object.fromEntries(given.flatMap(([c, d]) => (d ? [[c.id, d]] : [])));
const report = (given: Given[]) => buildDriftReport({ target: { description: 'x' }, changes: given.map(([c]) => c), problems: [] }, [], directionsOf(given));

describe('buildDriftReport: which way access moved, as the provider\'s model says', () => {
  it.each<[string, DriftDirection | undefined, string]>([
    ['widened', 'widened', 'widened'],
    ['narrowed', 'narrowed', 'narrowed'],
    ['changed', 'changed', 'changed'],
    ['nothing (a provider without a model)', undefined, 'changed'],
  ])('a change the model calls %s is %s', (_name, direction, expected) => {
    expect(report([change('a', 'member', direction)]).items.map((i) => i.direction)).toEqual([expected]);
  });

  it('orders widened first, then narrowed, then changed, keeping plan order within each, and counts both', () => {
    const built = report([
      change('rename', 'team', 'changed'),
      change('add-1', 'member', 'narrowed'),
      change('remove-1', 'member', 'widened'),
      change('list', 'permission', 'changed'),
      change('revoke', 'permission', 'widened'),
      change('add-2', 'member', 'narrowed'),
    ]);
    expect(built.items.map((i) => [i.address, i.direction])).toEqual([
      ['remove-1', 'widened'],
      ['revoke', 'widened'],
      ['add-1', 'narrowed'],
      ['add-2', 'narrowed'],
      ['rename', 'changed'],
      ['list', 'changed'],
    ]);
    expect(built.byDirection).toEqual({ widened: 2, narrowed: 2, changed: 2 });
    expect(built.byKind).toEqual({ team: 1, member: 3, permission: 2 });
  });

  it('counts every direction, zeros included, and leaves ignored drift out of the counts', () => {
    const given = [change('kept', 'member', 'widened'), change('hr', 'member', 'narrowed')];
    const built = buildDriftReport({ target: { description: 'x' }, changes: given.map(([c]) => c), problems: [] }, [{ address: 'hr', reason: 'HR sync' }], directionsOf(given));
    expect(built.byDirection).toEqual({ widened: 1, narrowed: 0, changed: 0 });
    expect(built.ignored.map((i) => [i.address, i.direction])).toEqual([['hr', 'narrowed']]);
  });

  it('takes a direction only for a change id it was given, never one inherited from Object.prototype', () => {
    const [c] = change('toString', 'member');
    expect(buildDriftReport({ target: { description: 'x' }, changes: [{ ...c, id: 'toString' }], problems: [] }).items[0]!.direction).toBe('changed');
  });
});

describe('drift renderers show directions', () => {
  const built = report([
    change('team[T].member[a]', 'member', 'narrowed'),
    change('dashboard[d].permission[user:b]', 'permission', 'widened'),
  ]);
  const SUMMARY = 'Drift: 2 differences (1 permission, 1 member), 1 widened, 1 narrowed, 0 changed, 0 missing, 0 ignored.';

  it.each<[string, (r: DriftReport) => string, string[]]>([
    ['text', renderDriftText, ['widened: permission (1):', 'narrowed: member (1):', SUMMARY]],
    ['Markdown', renderDriftMarkdown, ['#### widened: permission', '#### narrowed: member', `**${SUMMARY}**`]],
    ['HTML', renderDriftHtml, ['<h2>widened: permission (1)</h2>', '<h2>narrowed: member (1)</h2>', `<strong>${SUMMARY}</strong>`]],
  ])('%s: widened before narrowed, and the counts in the summary', (_format, render, marks) => {
    const out = render(built);
    const at = marks.map((mark) => out.indexOf(mark));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at[0]).toBeLessThan(at[1]!);
  });

  it('JSON: each item has its direction and the report its counts', () => {
    const json = JSON.parse(renderJson(built)) as DriftReport;
    expect(json.items.map((i) => i.direction)).toEqual(['widened', 'narrowed']);
    expect(json.byDirection).toEqual({ widened: 1, narrowed: 1, changed: 0 });
  });

  it('a report read back from JSON with an unknown direction shows it escaped, after the known ones', () => {
    const hostile = { ...built, items: [{ ...built.items[0]!, direction: '<b>\u001b[2J' as never }, built.items[1]!] };
    const text = renderDriftText(hostile);
    expect(text).not.toContain('\u001b');
    expect(text.indexOf('narrowed: member')).toBeLessThan(text.indexOf('[2J'));
    expect(renderDriftHtml(hostile)).toContain('&#60;b&#62;');
  });
});
