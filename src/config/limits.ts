/**
 * Bounds that keep loading a hostile or broken file cheap. A desired-state file for the
 * largest org the APIs allow (10,000 users, 2,000 teams) is well under these.
 */
export const CONFIG_LIMITS = {
  /** Checked on the byte size before the parser sees anything. */
  maxFileBytes: 5 * 1024 * 1024,
  /** Nesting of mappings and lists; the format itself needs six. */
  maxDepth: 32,
  /** Alias expansions when converting to data (yaml's `maxAliasCount`); stops "billion laughs". */
  maxAliasCount: 100,
  /**
   * Mapping entries and list items after aliases are expanded. The alias limit counts
   * expansions, not what they expand to: 100 aliases of a 10,000-member list are a million
   * members from a 260 kB file (issue 12). An export of the largest org holds about 60,000.
   */
  maxEntries: 250_000,
  /** Files read from one directory. */
  maxFiles: 1000,
} as const;
