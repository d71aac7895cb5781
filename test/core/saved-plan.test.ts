import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/change.js';
import { buildSavedPlan, parseSavedPlan, PlanFileError, staleKeys } from '../../src/core/saved-plan.js';

const change = (id: string, touches: string[], action: Change['action'] = 'create'): Change => ({
  id,
  address: id,
  action,
  kind: 'team',
  phase: 'create-containers',
  summary: id,
  dependsOn: [],
  reducesAccess: false,
  touches,
  operation: { op: id },
});

const plan = () =>
  buildSavedPlan({
    toolVersion: '0.1.0',
    provider: 'chartio',
    target: { description: 'chartio org x', identity: { org: 'x', url: 'http://127.0.0.1:1/v1' } },
    files: ['a.yaml'],
    filesHash: 'a'.repeat(64),
    targets: [],
    scope: { dashboards: 'all' },
    changes: [change('a', ['team:1']), change('b', ['team:2', 'user:9'], 'delete')],
    allFingerprints: { 'team:1': 'f1', 'team:2': 'f2', 'team:3': 'f3' },
    violations: [],
    now: new Date('2026-01-02T03:04:05Z'),
  });

describe('saved plans', () => {
  it('keeps fingerprints of exactly the objects the changes touch, marking absent ones', () => {
    expect(plan().fingerprints).toEqual({ 'team:1': 'f1', 'team:2': 'f2', 'user:9': 'absent' });
    expect(plan().summary).toEqual({ add: 1, change: 0, remove: 1, blocked: 0 });
  });

  it('round-trips through JSON', () => {
    const saved = plan();
    expect(parseSavedPlan(JSON.stringify(saved), 'p.json')).toEqual(saved);
  });

  it.each([
    ['not JSON', '{', /not valid JSON$/],
    ['not JSON, whose text must not be quoted', 'SECRET=canary-3b1f', /^p\.json: not a usable accessctl plan: not valid JSON$/],
    ['another format version', JSON.stringify({ ...plan(), format_version: 1 }), /format_version 1 is not 2/],
    ['not an object', '[1]', /expected a JSON object/],
    ['no changes list', JSON.stringify({ ...plan(), changes: undefined }), /changes must be a list/],
    ['a change without touches', JSON.stringify({ ...plan(), changes: [{ id: 'a', address: 'a', dependsOn: [] }] }), /every change needs/],
    ['a change that is null', JSON.stringify({ ...plan(), changes: [null] }), /every change needs/],
    ['no target identity', JSON.stringify({ ...plan(), target: { description: 'x' } }), /target.identity/],
    ['an identity value that is not a string', JSON.stringify({ ...plan(), target: { description: 'x', identity: { url: 1 } } }), /target.identity/],
    ['no files', JSON.stringify({ ...plan(), files: [] }), /at least one file/],
    ['files that are not strings', JSON.stringify({ ...plan(), files: [{}] }), /files must be a list/],
    ['a files hash that is not sha256', JSON.stringify({ ...plan(), files_hash: 'abc' }), /files_hash/],
    ['no targets list', JSON.stringify({ ...plan(), targets: 'team[x]' }), /targets must be a list/],
    ['fingerprints that are not strings', JSON.stringify({ ...plan(), fingerprints: { a: 1 } }), /fingerprints/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseSavedPlan(text, 'p.json')).toThrow(PlanFileError);
    expect(() => parseSavedPlan(text, 'p.json')).toThrow(message);
  });

  it.each<{ name: string; current: Record<string, string>; stale: string[] }>([
    { name: 'nothing changed', current: { 'team:1': 'f1', 'team:2': 'f2', 'team:3': 'other' }, stale: [] },
    { name: 'a touched object changed', current: { 'team:1': 'f1x', 'team:2': 'f2' }, stale: ['team:1'] },
    { name: 'a touched object disappeared', current: { 'team:1': 'f1' }, stale: ['team:2'] },
    { name: 'an object that was absent appeared', current: { 'team:1': 'f1', 'team:2': 'f2', 'user:9': 'new' }, stale: ['user:9'] },
  ])('staleKeys: $name', ({ current, stale }) => {
    expect(staleKeys(plan(), current)).toEqual(stale);
  });
});
