import { describe, expect, it } from 'vitest';
import { grafanaAuditPeople } from '../../../src/providers/grafana/audit-people.js';
import type { GrafanaLive } from '../../../src/providers/grafana/live-state.js';

describe('grafanaAuditPeople', () => {
  it.each<[string, GrafanaLive, unknown[]]>([
    [
      'from the instance\'s users (server admin read)',
      { users: [{ id: 1, login: 'a', email: '', lastSeenAt: '2026-01-01T00:00:00Z' }, { id: 2, login: 'b', email: '', isDisabled: true }], orgs: [] },
      [{ name: 'a', lastSeenAt: '2026-01-01T00:00:00Z' }, { name: 'b', disabled: true }],
    ],
    [
      'from the org users (a token\'s read)',
      { access: 'org-token', users: [{ id: 1, login: 'a', email: '' }], orgs: [{ id: 1, name: 'Main', users: [{ id: 1, login: 'a', email: '', role: 'Viewer', lastSeenAt: '2026-02-02T00:00:00Z', isDisabled: true }] }] },
      [{ name: 'a', lastSeenAt: '2026-02-02T00:00:00Z', disabled: true }],
    ],
    ['nothing said, nothing claimed', { users: [{ id: 1, login: 'a', email: '' }], orgs: [] }, [{ name: 'a' }]],
  ])('%s', (_name, live, people) => {
    expect(grafanaAuditPeople(live)).toEqual(people);
  });
});
