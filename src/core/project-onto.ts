import { nameRecord } from './name-record.js';

/**
 * The part of `live` that the file's `desired` document talks about, so that a diff of the two
 * shows what the file manages and not the whole org:
 * - a mapping of objects (teams, dashboards, orgs …) keeps only the objects the file names,
 *   found by name or, for a renamed object, by one of its `previously:` names;
 * - a mapping of plain values (`{ alice@example.com: Editor }`, `{ SRE: Admin }`) and a list
 *   are grants the file states in full, so live's whole value is kept: an extra live grant is
 *   exactly the drift a reviewer wants to see.
 * Returns `undefined` where live has nothing. Pure.
 */
export function projectOnto(desired: unknown, live: unknown): unknown {
  if (!isRecord(desired) || isGrantMap(desired)) return live;
  if (!isRecord(live)) return undefined;
  // No prototype: a name such as `__proto__` is an ordinary key here (see name-record.ts).
  const out = nameRecord<unknown>();
  for (const [key, want] of Object.entries(desired)) {
    const liveKey = [key, ...previousNames(want)].find((name) => Object.hasOwn(live, name));
    if (liveKey !== undefined) out[liveKey] = projectOnto(want, live[liveKey]);
  }
  return out;
}

/** A mapping whose values are all plain (empty included): a grant list, not a set of objects. */
function isGrantMap(value: Record<string, unknown>): boolean {
  return Object.values(value).every((v) => v === null || typeof v !== 'object');
}

function previousNames(value: unknown): string[] {
  if (!isRecord(value) || !Array.isArray(value.previously)) return [];
  return value.previously.filter((name): name is string => typeof name === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
