import type { CheckContext, ConfigProblem } from './config-problem.js';
import type { DocumentPath } from './document-path.js';
import { quoteToken } from './quote-token.js';

export interface NamedEntry {
  name: string;
  path: DocumentPath;
  at: 'key' | 'value';
}

/**
 * Reports each entry whose normalized name was already seen, naming the first place.
 * Used for names the target compares case-insensitively (emails, logins): `Bob@x.com`
 * and `bob@x.com` are one user, so listing both is a mistake, not two members.
 */
export function findDuplicates(
  entries: readonly NamedEntry[],
  normalize: (name: string) => string,
  context: CheckContext,
  what: string,
): ConfigProblem[] {
  const first = new Map<string, NamedEntry>();
  const problems: ConfigProblem[] = [];
  for (const entry of entries) {
    const key = normalize(entry.name);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, entry);
      continue;
    }
    const sameSpelling = earlier.name === entry.name;
    problems.push({
      severity: 'error',
      path: entry.path,
      at: entry.at,
      message:
        `${what} ${quoteToken(entry.name)} is listed twice` +
        (sameSpelling ? '' : ` (as ${quoteToken(earlier.name)}; ${what}s compare case-insensitively)`) +
        `; first at ${context.describe(earlier.path, earlier.at)}`,
    });
  }
  return problems;
}
