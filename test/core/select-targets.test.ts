import { describe, expect, it } from 'vitest';
import { selectTargets } from '../../src/core/select-targets.js';

const changes = [
  { id: 'team-a', address: 'team[A]', dependsOn: [] },
  { id: 'member', address: 'team[A].member[x@example.com]', dependsOn: ['team-a'] },
  { id: 'team-ab', address: 'team[AB]', dependsOn: [] },
  { id: 'grant', address: 'dashboard[d].permission[team:A]', dependsOn: ['team-a'] },
];

describe('selectTargets', () => {
  it.each([
    { targets: [], selected: ['team-a', 'member', 'team-ab', 'grant'] },
    { targets: ['team[A]'], selected: ['team-a', 'member'] },
    { targets: ['dashboard[d]'], selected: ['team-a', 'grant'] },
    { targets: ['team[A].member[x@example.com]'], selected: ['team-a', 'member'] },
    { targets: ['team[AB]', 'nothing'], selected: ['team-ab'] },
  ])('$targets', ({ targets, selected }) => {
    expect(selectTargets(changes, targets).map((c) => c.id)).toEqual(selected);
  });
});
