import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/change.js';
import { comparePlans, isExactMatch } from '../../src/core/plan-commitment.js';
import { buildSavedPlan, type SavedPlan } from '../../src/core/saved-plan.js';

const change = (id: string, overrides: Partial<Change> = {}): Change => ({
  id,
  address: `team[${id}]`,
  action: 'create',
  kind: 'team',
  phase: 'create-containers',
  summary: `create team "${id}"`,
  dependsOn: [],
  reducesAccess: false,
  touches: [`team:${id}`],
  operation: { op: 'createTeam', name: id },
  ...overrides,
});

const LIVE = { 'team:a': 'f1', 'team:b': 'f2', 'team:other': 'f9' };

const fresh = (): SavedPlan =>
  buildSavedPlan({
    toolVersion: '0.1.0',
    provider: 'chartio',
    target: { description: 'chartio org x (http://127.0.0.1:1/v1)', identity: { org: 'x', url: 'http://127.0.0.1:1/v1' } },
    files: ['a.yaml'],
    filesHash: 'a'.repeat(64),
    targets: [],
    scope: {},
    changes: [change('a'), change('b', { action: 'delete', reducesAccess: true, operation: { op: 'deleteTeam', teamId: 2 } })],
    allFingerprints: { 'team:a': 'f1', 'team:b': 'f2' },
    violations: [],
    now: new Date('2026-01-02T03:04:05Z'),
  });

/** Each way a pull-request author could edit a saved plan, and what the comparison must see. */
const tamperings: { name: string; edit: (plan: SavedPlan) => void; expect: Partial<Record<'target' | 'onlySaved' | 'onlyFresh' | 'stale', string[]>> & { differ?: { address: string; fields: string[] }[] } }[] = [
  {
    name: 'an operation swapped under the same summary',
    edit: (p) => (p.changes[0]!.operation = { op: 'addMember', team: { id: 1 }, user: { id: 7 } }),
    expect: { differ: [{ address: 'team[a]', fields: ['operation'] }] },
  },
  {
    name: 'a summary reworded over the same operation',
    edit: (p) => (p.changes[1]!.summary = 'change nothing'),
    expect: { differ: [{ address: 'team[b]', fields: ['summary'] }] },
  },
  {
    name: 'a hidden extra change',
    edit: (p) => p.changes.push(change('evil', { summary: 'change nothing', operation: { op: 'deleteUser', userId: 1 } })),
    expect: { onlySaved: ['team[evil]'] },
  },
  { name: 'a change removed', edit: (p) => p.changes.pop(), expect: { onlyFresh: ['team[b]'] } },
  {
    name: 'touches emptied to dodge the stale check',
    edit: (p) => (p.changes[0]!.touches = []),
    expect: { differ: [{ address: 'team[a]', fields: ['touches'] }] },
  },
  { name: 'fingerprints removed', edit: (p) => (p.fingerprints = {}), expect: { stale: ['team:a', 'team:b'] } },
  { name: 'the provider switched', edit: (p) => (p.provider = 'grafana'), expect: { target: ['provider: the plan says grafana, the files say chartio'] } },
  {
    name: 'the target URL switched',
    edit: (p) => (p.target = { description: 'elsewhere', identity: { org: 'x', url: 'http://127.0.0.2:1/v1' } }),
    expect: { target: ['target: the plan was made for elsewhere, this run goes to chartio org x (http://127.0.0.1:1/v1)'] },
  },
  {
    name: 'an identity key added under the same description',
    edit: (p) => (p.target = { ...p.target, identity: { ...p.target.identity, access: 'org-token' } }),
    expect: { target: ['target: the plan was made for chartio org x (http://127.0.0.1:1/v1), this run goes to chartio org x (http://127.0.0.1:1/v1) (its target differs in access)'] },
  },
  {
    name: 'a change listed twice',
    edit: (p) => p.changes.push(structuredClone(p.changes[0]!)),
    expect: { onlySaved: ['(a change id listed twice)'] },
  },
];

describe('comparePlans', () => {
  it('finds nothing between a plan and itself read back from JSON', () => {
    const saved = JSON.parse(JSON.stringify(fresh())) as SavedPlan;
    const mismatch = comparePlans(saved, fresh(), LIVE);
    expect(mismatch).toEqual({ target: [], onlySaved: [], onlyFresh: [], differ: [], stale: [] });
    expect(isExactMatch(mismatch)).toBe(true);
  });

  it.each(tamperings)('sees $name', ({ edit, expect: expected }) => {
    const saved = JSON.parse(JSON.stringify(fresh())) as SavedPlan;
    edit(saved);
    const mismatch = comparePlans(saved, fresh(), LIVE);
    expect(mismatch).toEqual({ target: [], onlySaved: [], onlyFresh: [], differ: [], stale: [], ...expected });
    expect(isExactMatch(mismatch)).toBe(false);
  });

  it('calls a plan stale when a touched live object changed, even with identical changes', () => {
    const saved = fresh();
    const live = { ...LIVE, 'team:a': 'f1-changed' };
    const now = buildSavedPlan({ ...partsOf(saved), allFingerprints: live });
    expect(comparePlans(saved, now, live).stale).toEqual(['team:a']);
  });

  it('calls a plan stale when an object only the saved plan touched changed', () => {
    const saved = fresh();
    const live = { ...LIVE, 'team:b': 'f2-changed' };
    const now = buildSavedPlan({ ...partsOf(saved), changes: [change('a')], allFingerprints: live });
    expect(comparePlans(saved, now, live)).toMatchObject({ onlyFresh: [], onlySaved: ['team[b]'], stale: ['team:b'] });
  });

  it('does not read prototype keys of a hostile fingerprint map', () => {
    const saved = JSON.parse(JSON.stringify(fresh())) as SavedPlan;
    const now = buildSavedPlan({ ...partsOf(saved), changes: [change('a', { touches: ['constructor'] })], allFingerprints: {} });
    saved.changes = now.changes;
    expect(comparePlans(saved, now, LIVE).stale).toEqual(['constructor']);
  });
});

function partsOf(plan: SavedPlan) {
  return {
    toolVersion: plan.accessctl_version,
    provider: plan.provider,
    target: plan.target,
    files: plan.files,
    filesHash: plan.files_hash,
    targets: plan.targets,
    scope: plan.scope,
    changes: plan.changes,
    allFingerprints: { 'team:a': 'f1', 'team:b': 'f2' },
    violations: [],
    now: new Date(plan.created_at),
  };
}
