import { describe, expect, it } from 'vitest';
import { effectiveAccess, levelRank } from '../../src/core/access-grant.js';
import type { DriftReport } from '../../src/core/drift-report.js';
import { renderAuditHtml } from '../../src/render/audit-html.js';
import { renderAuditCsv, renderAuditMarkdown } from '../../src/render/audit-report.js';
import { renderDriftHtml } from '../../src/render/drift-html.js';
import { renderDriftMarkdown } from '../../src/render/drift-markdown.js';
import { renderDriftText } from '../../src/render/drift-text.js';
import { escapeControl } from '../../src/render/escape-text.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { renderJson } from '../../src/render/render-json.js';
import type { PlanView } from '../../src/render/plan-view.js';

describe('escapeControl', () => {
  it.each([
    ['right-to-left override', '\u202eadmin', '\\u202eadmin'],
    ['left-to-right embedding', '\u202ax', '\\u202ax'],
    ['first strong isolate and pop', '\u2068x\u2069', '\\u2068x\\u2069'],
    ['LRM and RLM', '\u200ex\u200f', '\\u200ex\\u200f'],
    ['Arabic letter mark', '\u061cx', '\\u061cx'],
    ['zero-width space, non-joiner, joiner', 'a\u200bb\u200cc\u200dd', 'a\\u200bb\\u200cc\\u200dd'],
    ['word joiner and BOM', '\u2060\ufeff', '\\u2060\\ufeff'],
    ['soft hyphen', 'ad\u00admin', 'ad\\u00admin'],
    ['variation selector', 'x\ufe0f', 'x\\ufe0f'],
    ['a tag character beyond the BMP', 'x\u{e0041}', 'x\\u{e0041}'],
    ['a lone surrogate', 'x\ud800', 'x\\ud800'],
  ])('makes %s visible', (_name, input, expected) => {
    expect(escapeControl(input)).toBe(expected);
  });

  it('escapes nothing else: accents, scripts, emoji and text stay as they are', () => {
    expect(escapeControl('Zoë Ångström 日本語 🎉 a@example.com \u202e')).toBe('Zoë Ångström 日本語 🎉 a@example.com \\u202e');
  });
});

/** A name from a hostile server or file: every character a terminal, a page or a reader could be fooled by. */
const HOSTILE = 'evil\u001b[2J\u009b31m\u202eadmin\u2066x\u2069\u200b\ufeff\u00ad\u061c\u200f\u{e0041}\r\nfake';
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
/** Our own line breaks are fine; anything else of that class is not. */
const unsafeIn = (text: string) => [...text.replace(/\n/g, '')].filter((c) => UNSAFE.test(c)).map((c) => c.codePointAt(0)!.toString(16));

function plan(name: string): PlanView {
  return {
    target: { description: `chartio org ${name}` },
    changes: [{ id: '1', address: `team["${name}"]`, action: 'create', summary: `create team "${name}"`, blocked: `blocked by "${name}"` }],
    issues: [
      { severity: 'error', message: `team "${name}" is missing`, file: `${name}.yaml`, line: 3, col: 5, path: `teams["${name}"]` },
      { severity: 'warning', message: `"${name}" looks like another name` },
    ],
    violations: [{ rule: 'protected', message: `"${name}" is protected` } as PlanView['violations'][number]],
    summary: { add: 1, change: 0, remove: 0, blocked: 1 },
  };
}

function drift(name: string): DriftReport {
  return {
    target: `chartio org ${name}`,
    items: [{ address: `team["${name}"]`, kind: 'team', summary: name, git: name, live: { level: name }, direction: 'widened' }],
    ignored: [{ address: `team["${name}"]`, kind: 'team', summary: name, git: 'absent', live: name, direction: 'widened', reason: name }],
    problems: [`dashboard "${name}" is missing`],
    byKind: { team: 1 },
    byDirection: { widened: 1, narrowed: 0, changed: 0 },
    // The diff's own lines are structure (YAML quotes a name's line breaks); its other characters are not.
    diff: `--- git\n+++ live\n- ${name.replace(/\r?\n/g, ' ')}`,
  };
}

function audit(name: string) {
  return { target: `chartio org ${name}`, access: effectiveAccess([{ user: name, resource: `dashboard:${name}`, level: 'viewer', via: `team:${name}` }], levelRank) };
}

const RENDERERS: [string, (name: string) => string][] = [
  ['plan text', (n) => renderPlanText(plan(n))],
  ['plan Markdown', (n) => renderPlanMarkdown(plan(n))],
  ['drift text', (n) => renderDriftText(drift(n))],
  ['drift Markdown', (n) => renderDriftMarkdown(drift(n))],
  ['drift HTML', (n) => renderDriftHtml(drift(n))],
  ['audit CSV', (n) => renderAuditCsv(audit(n))],
  ['audit Markdown', (n) => renderAuditMarkdown(audit(n))],
  ['audit HTML', (n) => renderAuditHtml(audit(n))],
  ['plan JSON', (n) => renderJson(plan(n))],
  ['drift JSON', (n) => renderJson(drift(n))],
  ['audit JSON', (n) => renderJson(audit(n))],
];

describe('every renderer escapes controls, bidi and invisible characters from names', () => {
  it.each(RENDERERS)('%s', (_name, render) => {
    const output = render(HOSTILE);
    expect(unsafeIn(output)).toEqual([]);
    expect(output).toContain('\\u202eadmin');
    expect(output.split('\n').some((line) => line.startsWith('fake'))).toBe(false);
  });

  it('JSON escapes them as JSON escapes: the same value when parsed', () => {
    const json = renderJson(drift(HOSTILE));
    expect(unsafeIn(json)).toEqual([]);
    expect(JSON.parse(json)).toEqual(drift(HOSTILE));
  });

  it('audit CSV stays one quoted row per grant', () => {
    const rows = renderAuditCsv(audit(`a"b${HOSTILE}`)).trimEnd().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^"[^,]*","[^,]*","viewer","[^,]*"$/);
  });
});

/** Names that would do something on GitHub if rendered as Markdown. */
const MARKDOWN_ATTACKS: [string, string, RegExp][] = [
  ['HTML that closes the details block', '</details><img src=x onerror=alert(1)>', /(?<!\\)<\/details>|(?<!\\)<img/],
  ['a code span', '`x`', /(?<!\\)`x/],
  ['a javascript: link', '[x](javascript:alert(1))', /(?<!\\)\]\(javascript/],
  ['a team mention', '@org/team', /(^|[^A-Za-z0-9])@org/m],
  ['a user mention', 'cc @octocat', /(^|[^A-Za-z0-9])@octocat/m],
  ['an entity that decodes to a bidi override', '&#x202E;nimda', /(?<!\\)&#x202E;/],
  ['a table breakout', 'a | b', /a (?<!\\)\| b/],
];

/** The Markdown renderers with the name where it is inline Markdown (the plan's diff block is code, inert by fence). */
const MARKDOWN: [string, (name: string) => string][] = [
  ['plan Markdown (target, problems, violations)', (n) => renderPlanMarkdown({ ...plan(n), changes: [] })],
  ['drift Markdown', (n) => renderDriftMarkdown({ ...drift(n), diff: undefined })],
  ['audit Markdown', (n) => renderAuditMarkdown(audit(n))],
];

describe('Markdown renderers render hostile names inert', () => {
  it.each(MARKDOWN)('%s', (_renderer, render) => {
    const live = MARKDOWN_ATTACKS.filter(([, name, pattern]) => pattern.test(render(name))).map(([attack]) => attack);
    expect(live).toEqual([]);
    // A mention needs a non-word character before the `@`; an email address has none and stays readable.
    expect(render('alice@example.com')).toContain('alice@example.com');
  });
});

describe('HTML renderers render hostile names inert', () => {
  it.each([
    // In markup: entities.
    ['drift HTML', (n: string) => renderDriftHtml(drift(n)), '&#60;img src=x onerror=alert(1)&#62;&#34;&#39;&#38;\\u202egnp.exe'],
    // In the audit's JSON data block (shown through textContent): `<` as \u003c, so nothing can close the script element.
    ['audit HTML', (n: string) => renderAuditHtml(audit(n)), '\\u003c/td>\\u003cimg src=x onerror=alert(1)>\\"\'&\\\\u202egnp.exe'],
  ])('%s', (_name, render, inert) => {
    const html = render('</td><img src=x onerror=alert(1)>"\'&\u202egnp.exe');
    expect(html).not.toMatch(/<img|onerror=alert\(1\)>"|\u202e|<\/td><img/);
    expect(html).toContain(inert);
  });
});

describe('drift HTML keeps the diff readable', () => {
  it('escapes each line of the diff and keeps its line breaks', () => {
    const html = renderDriftHtml({ target: 't', items: [], ignored: [], problems: [], byKind: {}, diff: '--- git\n+++ live\n+<b>x</b>' } as never);
    expect(html).toContain('<pre>--- git\n+++ live\n+&#60;b&#62;x&#60;/b&#62;</pre>');
  });
});
