import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectiveAccess, levelRank } from '../../src/core/access-grant.js';
import { makeChange } from '../../src/core/make-change.js';
import { buildDriftReport } from '../../src/core/drift-report.js';
import { renderDriftText } from '../../src/render/drift-text.js';
import { unmanagedTextLines } from '../../src/render/drift-unmanaged.js';

/** The README's drift examples are what the renderers write for the same report. */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const fenced = (starting: string) => {
  const block = README.split('```').find((part) => part.startsWith(`\n${starting}`));
  if (!block) throw new Error(`no README block starting with ${starting}`);
  return block.slice(1);
};

describe('README drift examples', () => {
  it('the text report: one widened permission, the diff and the evidence', () => {
    const revoke = makeChange({
      address: 'dashboard[example-dashboard].permission[user:carol@example.com]',
      action: 'delete',
      kind: 'permission',
      phase: 'revoke',
      summary: 'remove carol@example.com (admin) from dashboard "example-dashboard"',
      before: 'admin',
      reducesAccess: true,
      operation: {},
    });
    const report = buildDriftReport(
      { target: { description: 'chartio org example-org (https://api.chartio.com/v1)' }, problems: [], changes: [revoke] },
      [],
      { [revoke.id]: 'widened' },
    );
    const example = fenced('accessctl drift for chartio org example-org');
    report.diff = example.slice(example.indexOf('--- git'), example.indexOf('\n\nEvidence:'));
    report.evidence = {
      generatedAt: '2026-12-04T05:03:20.752Z',
      tool: 'accessctl',
      version: '0.1.0',
      target: report.target,
      files: [{ path: 'access.yaml', sha256: '56c6970e3ddcb71c8163d99216c221d90fae25ed983a67d7ec2d4d8efa4fc983' }],
      commit: { sha: '1c7553dc5332c5c4ab5d727289451049d375c29d', ref: 'refs/heads/main' },
    };
    expect(report.items.map((item) => item.direction)).toEqual(['widened']);
    expect(renderDriftText(report)).toBe(example);
  });

  it('the --unmanaged section', () => {
    const text = unmanagedTextLines({
      admins: [{ user: 'owner@example.com', level: 'admin', via: 'owners', resources: 3 }],
      access: effectiveAccess([{ user: 'sam@example.com', resource: 'dashboard:kpis', level: 'viewer', via: 'team:Sales' }], levelRank),
      teams: [{ team: 'Contractors', members: ['kim@example.com', 'lee@example.com'] }],
    });
    expect(`${text.join('\n')}\n`).toBe(fenced('Unmanaged (live access no file manages'));
  });
});
