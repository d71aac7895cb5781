import { describe, expect, it } from 'vitest';
import { levelRank, type AccessGrant } from '../../src/core/access-grant.js';
import { findUnmanagedAccess, type ManagedAccess, type UnmanagedAccess } from '../../src/core/unmanaged-access.js';

const g = (user: string, resource: string, level: string, via: string): AccessGrant => ({ user, resource, level, via });

describe('findUnmanagedAccess', () => {
  it.each<[string, AccessGrant[], ManagedAccess, UnmanagedAccess]>([
    [
      'access on a resource the file manages is left out; on one it does not, folded by effective access',
      [g('a', 'dashboard:managed', 'viewer', 'direct'), g('b', 'dashboard:other', 'viewer', 'team:T'), g('b', 'dashboard:other', 'editor', 'direct')],
      { resources: ['dashboard:managed'], orgWideVias: [], unmanagedTeams: [] },
      { access: [{ user: 'b', resource: 'dashboard:other', level: 'editor', paths: [{ level: 'viewer', via: 'team:T' }, { level: 'editor', via: 'direct' }] }], admins: [], teams: [] },
    ],
    [
      'org-wide paths are listed once per person and path, with the resources they reach, named or not',
      [g('o', 'dashboard:managed', 'admin', 'owners'), g('o', 'dashboard:other', 'admin', 'owners'), g('o', 'dashboard:other', 'viewer', 'direct')],
      { resources: ['dashboard:managed'], orgWideVias: ['owners'], unmanagedTeams: [] },
      {
        access: [{ user: 'o', resource: 'dashboard:other', level: 'viewer', paths: [{ level: 'viewer', via: 'direct' }] }],
        admins: [{ user: 'o', via: 'owners', level: 'admin', resources: 2 }],
        teams: [],
      },
    ],
    [
      'an admin of two paths is listed for each, sorted by person then path',
      [g('z', 'A/folder:f', 'Admin', 'server-admin'), g('y', 'A/folder:f', 'Admin', 'org-role:Admin'), g('z', 'A/folder:f', 'Admin', 'org-role:Admin')],
      { resources: [], orgWideVias: ['org-role:Admin', 'server-admin'], unmanagedTeams: [] },
      {
        access: [],
        admins: [
          { user: 'y', via: 'org-role:Admin', level: 'Admin', resources: 1 },
          { user: 'z', via: 'org-role:Admin', level: 'Admin', resources: 1 },
          { user: 'z', via: 'server-admin', level: 'Admin', resources: 1 },
        ],
        teams: [],
      },
    ],
    [
      'teams no file names are passed through, sorted by org then name, their members sorted',
      [],
      {
        resources: [],
        orgWideVias: [],
        unmanagedTeams: [
          { team: 'Zeta', org: 'B', members: ['y', 'x'] },
          { team: 'Ops', org: 'A', members: [] },
          { team: 'Alpha', org: 'B', members: ['m'] },
        ],
      },
      {
        access: [],
        admins: [],
        teams: [
          { team: 'Ops', org: 'A', members: [] },
          { team: 'Alpha', org: 'B', members: ['m'] },
          { team: 'Zeta', org: 'B', members: ['x', 'y'] },
        ],
      },
    ],
    ['nothing live, nothing listed', [], { resources: ['dashboard:x'], orgWideVias: ['owners'], unmanagedTeams: [] }, { access: [], admins: [], teams: [] }],
  ])('%s', (_name, grants, managed, expected) => {
    expect(findUnmanagedAccess(grants, managed, levelRank)).toEqual(expected);
  });
});
