import { describe, expect, it } from 'vitest';
import { nameRecordOf } from '../../../src/core/name-record.js';
import { exportGrafanaDocument } from '../../../src/providers/grafana/export-document.js';
import { grafanaScope } from '../../../src/providers/grafana/live-scope.js';
import { planGrafana } from '../../../src/providers/grafana/plan-grafana.js';
import { desired, liveInstance } from './live-fixture.js';

/**
 * Issue 12, item 7: names are data. An org or team named like a member of Object.prototype
 * crashed plan, apply and drift (`TypeError: a is not iterable`), and export dropped a
 * `__proto__` one. The loader hands the planner null-prototype records; live names arrive as
 * strings and must be just as safe.
 */
const NAMES = ['toString', 'valueOf', 'hasOwnProperty', 'constructor', '__proto__'];

describe.each(NAMES)('a Grafana name %s', (name) => {
  const orgs = nameRecordOf([[name, { users: { admin: 'Admin' as const }, teams: nameRecordOf([[name, { members: ['alice'] }]]) }]]);

  it('is scoped and planned like any other name when it does not exist live', () => {
    const document = desired({ orgs });
    expect(Object.keys(grafanaScope(document).orgs)).toEqual([name]);
    const plan = planGrafana(document, liveInstance({ users: ['alice'], orgs: { 'Main Org.': {} } }));
    expect(plan.problems).toEqual([]);
    expect(plan.changes.map((c) => c.address)).toEqual([`org[${name}]`, `org[${name}].team[${name}]`, `org[${name}].team[${name}].member[alice]`]);
  });

  it('plans nothing against a live org and team of that name, and survives export', () => {
    const live = liveInstance({ users: ['alice'], orgs: nameRecordOf([[name, { teams: nameRecordOf([[name, ['alice']]]) }]]) });
    expect(planGrafana(desired({ orgs }), live).changes).toEqual([]);
    const exported = exportGrafanaDocument(live);
    expect(Object.keys(exported.orgs ?? {})).toEqual([name]);
    expect(Object.keys(Object.values(exported.orgs ?? {})[0]?.teams ?? {})).toEqual([name]);
    expect(planGrafana(exported, live).changes).toEqual([]);
  });
});

describe('Grafana identity is exact', () => {
  it('refuses a name that is one user\'s login and another user\'s email, naming both', () => {
    // bob's login is carol's email: resolving by either would promote the wrong account.
    const live = liveInstance({ users: ['bob', 'carol'], orgs: { Main: { users: { admin: 'Admin', bob: 'Viewer', carol: 'Viewer' } } } });
    live.users.find((u) => u.login === 'bob')!.login = 'carol@example.com';
    const plan = planGrafana(desired({ orgs: { Main: { users: { admin: 'Admin', 'carol@example.com': 'Admin', bob: 'Viewer' } } } }), live);
    expect(plan.changes.filter((c) => c.operation.op === 'setOrgRole' && c.operation.role === 'Admin')).toEqual([]);
    expect(plan.problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(/user "carol@example\.com" \(org "Main"\) names two Grafana users: the login of user 2 and the email of user 3 \(login "carol"\)/),
    );
  });

  it('refuses a name that matches two logins differing only in ASCII case', () => {
    const live = liveInstance({ users: ['alice', 'mallory'], orgs: { Main: { users: { admin: 'Admin', alice: 'Viewer', mallory: 'Viewer' } } } });
    live.users.find((u) => u.login === 'mallory')!.login = 'ALICE';
    const plan = planGrafana(desired({ orgs: { Main: { users: { admin: 'Admin', alice: 'Admin', ALICE: 'Viewer' } } } }), live);
    expect(plan.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/^"alice" matches 2 users in Grafana \(login "alice" \(id 2\), login "ALICE" \(id 3\)\)/));
  });

  it('matches team names exactly, as Grafana does: a file team "sre" is not the live "SRE"', () => {
    const live = liveInstance({ users: ['alice', 'bob'], orgs: { Main: { teams: { SRE: ['alice', 'bob'] } } } });
    const plan = planGrafana(desired({ orgs: { Main: { users: { admin: 'Admin' }, teams: { sre: { members: ['alice'] } } } } }), live);
    expect(plan.changes.map((c) => c.address)).toEqual(['org[Main].team[sre]', 'org[Main].team[sre].member[alice]']);
    expect(plan.changes.every((c) => c.action === 'create')).toBe(true);
  });

  it('warns about a live login that looks like the file\'s but is another user', () => {
    const live = liveInstance({ users: ['alice'], orgs: { Main: {} } });
    live.users.find((u) => u.login === 'alice')!.login = '\u0430lice'; // Cyrillic а
    const plan = planGrafana(desired({ orgs: { Main: { users: { admin: 'Admin' }, teams: { T: { members: ['alice'] } } } } }), live);
    expect(plan.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/user "alice".* does not exist in Grafana/));
    expect(plan.warnings?.map((w) => w.message)).toContainEqual(expect.stringMatching(/"\\u\{430\}lice" in Grafana looks like "alice" but is another account/));
  });
});
