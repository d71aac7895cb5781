/**
 * Records keyed by names from files and servers. A team, org or dashboard may be called
 * `toString`, `constructor` or `__proto__`: on an ordinary object such a key reads
 * `Object.prototype`'s member (issue 12: an org named `toString` crashed plan with
 * "a is not iterable") or, assigned, replaces the prototype and vanishes (`export` dropped a
 * team named `__proto__` with its grants). Names are data: these records have no prototype,
 * and lookups read own keys only.
 */

/** An empty record with no prototype: every key, `__proto__` included, is an ordinary own key. */
export function nameRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A record with no prototype holding `entries`, like `Object.fromEntries`. */
export function nameRecordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record = nameRecord<T>();
  for (const [key, value] of entries) record[key] = value;
  return record;
}

/** `record[key]` when `key` is the record's own key; never a prototype's member. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
