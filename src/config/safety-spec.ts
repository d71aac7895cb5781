/** The `safety:` section, shared by every provider. */
export interface SafetySpec {
  /** "25%" (a share of the existing objects of one kind) or 10 (a count). */
  max_deletions?: string | number;
  /** Principals never removed, deleted or downgraded. */
  protected?: string[];
}

export type DeletionLimit = { kind: 'share'; share: number } | { kind: 'count'; count: number };

/** Reads `max_deletions` ("25%" -> a share of 0.25; 10 -> a count). The schema has checked the form. */
export function parseDeletionLimit(value: string | number): DeletionLimit {
  if (typeof value === 'number') return { kind: 'count', count: value };
  return { kind: 'share', share: Number(value.slice(0, -1)) / 100 };
}

/** One entry of `ignore:`: drift at addresses matching `address` (a glob) is expected. */
export interface IgnoreRule {
  address: string;
  reason: string;
}
