import type { ConfigProblem, CheckContext } from './config-problem.js';
import type { PathPattern } from './path-pattern.js';

/**
 * What the loader needs to know about one provider's documents. Each provider supplies
 * its own; the loader itself knows nothing of teams, orgs or dashboards.
 */
export interface DocumentRules {
  /** Mappings whose entries may come from different files of a directory (`teams`, `orgs.*`). */
  mergeable: readonly PathPattern[];
  /** Keys that several files may each state, as long as they state the same value (`chartio.org`). */
  mustAgree: readonly PathPattern[];
  /** Checks the schema cannot express: case-insensitive emails, special teams, renames. */
  check: (document: Record<string, unknown>, context: CheckContext) => ConfigProblem[];
  /** One line for `validate`: "3 teams, 7 permissions". */
  summarize: (document: Record<string, unknown>) => string;
}
