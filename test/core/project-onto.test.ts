import { describe, expect, it } from 'vitest';
import { projectOnto } from '../../src/core/project-onto.js';

describe('projectOnto', () => {
  it.each([
    ['keeps only the objects the file names', { teams: { A: { members: ['x'] } } }, { teams: { A: { members: ['y'] }, B: { members: ['z'] } } }, { teams: { A: { members: ['y'] } } }],
    ['keeps a grant map whole, extra live grants included', { p: { users: { a: 'viewer' } } }, { p: { users: { a: 'viewer', b: 'admin' } } }, { p: { users: { a: 'viewer', b: 'admin' } } }],
    ['keeps an empty grant map whole', { p: { users: {} } }, { p: { users: { b: 'admin' } } }, { p: { users: { b: 'admin' } } }],
    ['keeps a list whole', { t: { members: ['a'] } }, { t: { members: ['a', 'b'] } }, { t: { members: ['a', 'b'] } }],
    ['finds a renamed object under a previously: name', { teams: { New: { previously: ['Old'], members: [] } } }, { teams: { Old: { members: ['a'] } } }, { teams: { Old: { members: ['a'] } } }],
    ['prefers the current name over a previous one', { teams: { New: { previously: ['Old'] } } }, { teams: { New: {}, Old: {} } }, { teams: { New: {} } }],
    ['leaves out what live lacks', { teams: { A: {} } }, { teams: {} }, { teams: {} }],
    ['gives undefined where live is not a mapping', { teams: { A: { members: [] } } }, { teams: ['A'] }, { teams: undefined }],
  ])('%s', (_name, desired, live, expected) => {
    expect(projectOnto(desired, live)).toEqual(expected);
  });
});
