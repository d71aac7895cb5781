import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationOf } from '../../src/cli/annotate-issues.js';

describe('annotationOf', () => {
  const workspace = path.resolve('/repo');
  it.each<[string, string, string, Partial<ReturnType<typeof annotationOf>>]>([
    ['a file in the workspace, by a relative name', '/repo/access', 'teams/a.yaml', { file: 'access/teams/a.yaml', line: 4, col: 2, message: 'teams.A: m' }],
    ['a file in the workspace, by an absolute name', '/elsewhere', '/repo/a.yaml', { file: 'a.yaml', line: 4, col: 2 }],
    ['a file outside the workspace keeps its place in the message', '/repo', '/tmp/a.yaml', { message: '/tmp/a.yaml:4:2: teams.A: m' }],
  ])('%s', (_name, cwd, file, expected) => {
    const annotation = annotationOf({ severity: 'error', message: 'm', file, line: 4, col: 2, path: 'teams.A' }, workspace, cwd);
    expect(annotation).toMatchObject(expected);
    if (!expected.file) expect(annotation.file).toBeUndefined();
  });
});
