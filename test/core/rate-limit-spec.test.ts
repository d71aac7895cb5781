import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseRateLimit, RATE_LIMIT_EXPECTED, RATE_LIMIT_PATTERN } from '../../src/core/rate-limit-spec.js';

describe('parseRateLimit: the one rate-limit grammar (flags of every command, the simulators, the file)', () => {
  it.each([
    ['50', { requests: 50, perSeconds: 1 }],
    ['50/1', { requests: 50, perSeconds: 1 }],
    ['300/60', { requests: 300, perSeconds: 60 }],
    ['999999/99999', { requests: 999999, perSeconds: 99999 }],
  ])('%j', (input, expected) => {
    expect(parseRateLimit(input)).toEqual(expected);
  });

  it.each(['', ' 50', '50 ', '50/', '/1', '0', '0/1', '5/0', '-5/1', '5/0.5', '2.5/1', 'a/b', '5/1/2', '5 per 1', '1000000', '1/100000', '050'])('rejects %j', (input) => {
    expect(() => parseRateLimit(input)).toThrow(
      `invalid rate limit ${JSON.stringify(input)}: expected N or N/SECONDS (N requests per second, or per SECONDS seconds; whole numbers), e.g. 50 or 300/60`,
    );
  });

  it("is the schema's rate_limit, for Chartio and Grafana files alike: the same pattern, bounds and words", async () => {
    type Def = { properties?: Record<string, { $ref?: string }>; anyOf?: { type: string; pattern?: string; minimum?: number; maximum?: number }[]; errorMessage?: string };
    const schema = JSON.parse(await readFile(new URL('../../schemas/accessctl.schema.json', import.meta.url), 'utf8')) as { $defs: Record<string, Def> };
    const refs = Object.values(schema.$defs).flatMap((def) => (def.properties?.rate_limit ? [def.properties.rate_limit.$ref] : []));
    expect(refs).toEqual(['#/$defs/rateLimit', '#/$defs/rateLimit']);
    const rateLimit = schema.$defs.rateLimit!;
    expect(rateLimit.anyOf).toMatchObject([
      { type: 'string', pattern: RATE_LIMIT_PATTERN },
      { type: 'integer', minimum: 1, maximum: 999999 },
    ]);
    expect(rateLimit.errorMessage).toBe(`must be ${RATE_LIMIT_EXPECTED}`);
  });
});
