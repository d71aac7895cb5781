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
