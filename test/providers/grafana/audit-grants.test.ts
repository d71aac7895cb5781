import { describe, expect, it } from 'vitest';
import { grafanaAuditGrants } from '../../../src/providers/grafana/audit-grants.js';
import { liveInstance } from './live-fixture.js';

describe('grafanaAuditGrants', () => {
  it('reaches team members through teams and org users through roles', () => {
    const live = liveInstance({
      users: ['alice', 'bob', 'carol'],
      orgs: {
        Main: {
          users: { admin: 'Admin', alice: 'Viewer', bob: 'Editor', carol: 'Viewer' },
          teams: { SRE: ['bob'] },
          folders: { ops: [{ principal: { team: 'SRE' }, permission: 'Admin' }, { principal: { role: 'Viewer' }, permission: 'View' }] },
          dashboards: { abc: [{ principal: { user: 'carol' }, permission: 'Edit' }] },
        },
      },
    });
    expect(grafanaAuditGrants(live)).toEqual([
      { user: 'bob', resource: 'Main/folder:ops', level: 'Admin', via: 'team:SRE' },
      { user: 'alice', resource: 'Main/folder:ops', level: 'View', via: 'role:Viewer' },
      { user: 'carol', resource: 'Main/folder:ops', level: 'View', via: 'role:Viewer' },
      { user: 'carol', resource: 'Main/dashboard:abc', level: 'Edit', via: 'direct' },
    ]);
  });
});
