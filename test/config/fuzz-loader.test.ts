import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatIssue } from '../../src/config/config-issue.js';
import { parseYamlFile } from '../../src/config/parse-yaml.js';
import { createSchemaValidator } from '../../src/config/schema-validator.js';
import { loadFiles } from './load-helpers.js';

const ISSUE_LINE = /^[^:\n]+:\d+:\d+ (error|warning): [^\n]*$/;
const validator = createSchemaValidator();

/** Documents shaped like desired-state files, with random keys, values and types mixed in. */
const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('viewer', 'Admin', 'x@example.com', '25%'));
const key = fc.oneof(fc.constantFrom('version', 'provider', 'chartio', 'org', 'teams', 'members', 'manage', 'safety', 'orgs', 'users', 'permissions', 'previously', '__proto__', '<<'), fc.string({ maxLength: 12 }));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
})).node;
const document = fc.record({ version: fc.oneof(fc.constant(1), scalar), provider: fc.constantFrom('chartio', 'grafana', 'other'), rest: fc.dictionary(key, value, { maxKeys: 5 }) }).map(
  ({ version, provider, rest }) => ({ version, provider, ...rest }),
);

describe('the loader under generated input (fast-check)', () => {
  it('turns arbitrary text into structured issues with positions, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => {
        const result = parseYamlFile('fuzz.yaml', text);
        for (const issue of result.issues) expect(formatIssue(issue)).toMatch(ISSUE_LINE);
        if (result.parsed) for (const problem of validator(result.parsed.data)) expect(typeof problem.message).toBe('string');
      }),
      { numRuns: 400, seed: 20261124 },
    );
  });

  it('answers every generated document with a config or file:line:col issues', async () => {
    await fc.assert(
      fc.asyncProperty(document, async (doc) => {
        const yaml = stringify(doc, { aliasDuplicateObjects: false });
        const result = await loadFiles({ 'a.yaml': yaml });
        for (const line of result.lines) expect(line).toMatch(ISSUE_LINE);
        if (!result.config) expect(result.lines.some((line) => line.includes(' error: '))).toBe(true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 150, seed: 20261124 },
    );
  });
});
