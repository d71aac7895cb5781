import { describe, expect, it } from 'vitest';
import { approvedRemainder } from '../../src/core/approved-remainder.js';
import type { Change } from '../../src/core/change.js';

const change = (address: string, action: Change['action'], dependsOn: string[] = []): Change => ({
  id: `${address}:${action}`,
  address,
  action,
  kind: 'member',
  phase: 'add-members',
  summary: address,
  dependsOn,
  reducesAccess: action === 'delete',
  touches: [],
  operation: { address },
});

describe('approvedRemainder', () => {
  const approved = [change('team[T]', 'create'), change('team[T].member[a]', 'create', ['team[T]:create']), change('user[x]', 'delete')];

  it.each<{ name: string; fresh: Change[]; run: string[]; unapproved: string[] }>([
    { name: 'nothing left', fresh: [], run: [], unapproved: [] },
    { name: 'the rest of the approved plan', fresh: [change('team[T].member[a]', 'create')], run: ['team[T].member[a]'], unapproved: [] },
    { name: 'a change never approved', fresh: [change('team[T].member[b]', 'create')], run: [], unapproved: ['team[T].member[b]'] },
    { name: 'an approved address with another action', fresh: [change('user[x]', 'update')], run: [], unapproved: ['user[x]'] },
    {
      name: 'an approved change that depends on an unapproved one',
      fresh: [change('team[U]', 'create'), change('team[T].member[a]', 'create', ['team[U]:create'])],
      run: [],
      unapproved: ['team[U]', 'team[T].member[a]'],
    },
    {
      name: 'an approved change and what it depends on, also approved',
      fresh: [change('team[T]', 'create'), change('team[T].member[a]', 'create', ['team[T]:create'])],
      run: ['team[T]', 'team[T].member[a]'],
      unapproved: [],
    },
  ])('$name', ({ fresh, run, unapproved }) => {
    const remainder = approvedRemainder(approved, fresh);
    expect(remainder.run.map((c) => c.address)).toEqual(run);
    expect(remainder.unapproved).toEqual(unapproved);
  });
});
