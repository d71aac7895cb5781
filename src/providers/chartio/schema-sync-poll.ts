/**
 * When to ask a schema-sync task again: 0.5 s, 1 s, 2 s, 4 s, then every 5 s. The seed says a
 * sync "will take a minute or so", so early polls are cheap and late ones are spaced out. Pure.
 */
export function schemaSyncPollDelay(poll: number): number {
  return Math.min(5_000, 500 * 2 ** Math.max(0, poll - 1));
}

/** Seed: "Requests that take longer than 15 minutes will be considered an error." */
export const SCHEMA_SYNC_DEADLINE_MS = 15 * 60 * 1000;
