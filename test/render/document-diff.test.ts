import { describe, expect, it } from 'vitest';
import { documentDiff } from '../../src/render/document-diff.js';

const settings = { version: 1, provider: 'chartio', chartio: { org: 'o' }, manage: { teams: 'listed' }, safety: { max_deletions: 1 } };

describe('documentDiff', () => {
  it('is empty when the file and live agree, whatever the order of lists and keys', () => {
    const file = { ...settings, teams: { A: { members: ['b@x', 'a@x'] }, B: { members: [] } } };
    const live = { version: 1, provider: 'chartio', teams: { B: { members: [] }, A: { members: ['a@x', 'b@x'] }, Unlisted: { members: ['c@x'] } } };
    expect(documentDiff(file, live)).toBe('');
  });

  it('shows a changed level, an extra live grant and a missing member as a unified diff of YAML', () => {
    const file = { ...settings, teams: { A: { members: ['a@x', 'b@x'] } }, dashboards: { d: { permissions: { users: { 'a@x': 'viewer' } } } } };
    const live = { teams: { A: { members: ['a@x'] } }, dashboards: { d: { permissions: { users: { 'a@x': 'editor', 'z@x': 'admin' } } } } };
    const diff = documentDiff(file, live);
    expect(diff.split('\n').slice(0, 2)).toEqual(['--- git', '+++ live']);
    expect(diff).toContain('-        a@x: viewer\n+        a@x: editor\n+        z@x: admin');
    expect(diff).toContain('-      - b@x');
    // The file's settings are not state and never show.
    expect(diff).not.toMatch(/manage|safety|chartio|max_deletions/);
  });

  it('does not count previously: as drift, and shows a pending rename by the live name', () => {
    const file = { ...settings, teams: { New: { previously: ['Old'], members: ['a@x'] } } };
    const diff = documentDiff(file, { teams: { Old: { members: ['a@x'] } } });
    expect(diff).toContain('-  New:\n+  Old:');
    expect(diff).not.toContain('previously');
  });

  it('escapes control characters in names from the server', () => {
    const diff = documentDiff({ ...settings, teams: { A: { members: [] } } }, { teams: { A: { members: ['evil\u001b[2J\n::set-output x'] } } });
    expect(diff).not.toContain('\u001b');
    expect(diff).toContain('evil\\e[2J\\n::set-output x');
  });
});
