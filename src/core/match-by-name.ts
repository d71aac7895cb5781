/** A named object in live state: a team, an org. */
export interface Named {
  id: number;
  name: string;
}

export interface NameMatch<L extends Named> {
  /** File name -> the live object it is, and the live name it had when found through `previously:`. */
  matched: Map<string, { live: L; renamedFrom?: string }>;
  /** File names with no live object: to be created. */
  unmatched: string[];
  /** Live objects no file name claimed: deletion candidates under `manage: all`. */
  unclaimed: L[];
}

/**
 * Matches the file's named entries to live objects the way every provider needs it: first by
 * current name, then by a `previously:` name (a rename, never delete + create), each live
 * object claimed once. `normalize` folds names the target compares loosely (Grafana team
 * names ignore case); `renamable` excludes objects the API will not rename (Chartio's Owners).
 */
export function matchByName<L extends Named>(
  entries: Record<string, { previously?: string[] }>,
  live: readonly L[],
  options: { normalize?: (name: string) => string; renamable?: (object: L) => boolean } = {},
): NameMatch<L> {
  const normalize = options.normalize ?? ((name: string) => name);
  const byName = new Map<string, L>();
  for (const object of live) if (!byName.has(normalize(object.name))) byName.set(normalize(object.name), object);
  const claimed = new Set<number>();
  const matched = new Map<string, { live: L; renamedFrom?: string }>();

  for (const name of Object.keys(entries)) {
    const object = byName.get(normalize(name));
    if (object && !claimed.has(object.id)) {
      claimed.add(object.id);
      matched.set(name, object.name === name ? { live: object } : { live: object, renamedFrom: object.name });
    }
  }
  const unmatched: string[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    if (matched.has(name)) continue;
    const previous = (entry.previously ?? [])
      .map((old) => byName.get(normalize(old)))
      .find((object) => object !== undefined && !claimed.has(object.id) && (options.renamable?.(object) ?? true));
    if (previous) {
      claimed.add(previous.id);
      matched.set(name, { live: previous, renamedFrom: previous.name });
    } else {
      unmatched.push(name);
    }
  }
  return { matched, unmatched, unclaimed: live.filter((object) => !claimed.has(object.id)) };
}
