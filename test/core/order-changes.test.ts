import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/core/change.js';
import { DependencyCycleError, orderChanges } from '../../src/core/order-changes.js';

const c = (id: string, phase: Phase, dependsOn: string[] = [], address = id) => ({ id, phase, dependsOn, address });

describe('orderChanges', () => {
  it('sorts free changes by phase, then address', () => {
    const ordered = orderChanges([
      c('del-team', 'delete-containers'),
      c('grant-b', 'grant'),
      c('grant-a', 'grant'),
      c('new-team', 'create-containers'),
    ]);
    expect(ordered.map((x) => x.id)).toEqual(['new-team', 'grant-a', 'grant-b', 'del-team']);
  });

  it('puts every change after its dependencies, even against phase order', () => {
    // Removing a member from their only team must wait for the add to the new team.
    const ordered = orderChanges([
      c('remove', 'remove-members', ['add']),
      c('add', 'add-members', ['create']),
      c('create', 'create-containers'),
      c('odd', 'create-containers', ['remove']),
    ]);
    const position = (id: string) => ordered.findIndex((x) => x.id === id);
    expect(position('create')).toBeLessThan(position('add'));
    expect(position('add')).toBeLessThan(position('remove'));
    expect(position('remove')).toBeLessThan(position('odd'));
  });

  it('ignores dependencies on changes that are not in the list (a --target run)', () => {
    expect(orderChanges([c('a', 'grant', ['gone'])]).map((x) => x.id)).toEqual(['a']);
  });

  it('names the cycle when changes depend on each other', () => {
    expect(() => orderChanges([c('a', 'grant', ['b']), c('b', 'grant', ['c']), c('c', 'grant', ['a'])])).toThrow(
      DependencyCycleError,
    );
    try {
      orderChanges([c('x', 'grant'), c('a', 'grant', ['b']), c('b', 'grant', ['a'])]);
    } catch (error) {
      expect((error as DependencyCycleError).cycle).toEqual(['a', 'b', 'a']);
    }
  });

  it('is stable: the same input in another order gives the same plan', () => {
    const changes = [c('x', 'revoke'), c('y', 'grant'), c('z', 'grant', ['x']), c('w', 'add-members')];
    expect(orderChanges(changes)).toEqual(orderChanges([...changes].reverse()));
  });
});
