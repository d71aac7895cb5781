import type { CheckContext, ConfigProblem } from './config-problem.js';
import type { DocumentPath } from './document-path.js';
import { quoteToken } from './quote-token.js';

/**
 * Checks `previously:` lists of one mapping (teams, orgs): an old name may be claimed by one
 * entry only, may not be the current name of another entry (the rename would be ambiguous),
 * and fixed objects (Chartio's Owners team) can be neither renamed nor renamed into.
 */
export function checkRenames(
  path: DocumentPath,
  entries: Record<string, { previously?: string[] }>,
  fixedNames: readonly string[],
  context: CheckContext,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const claimedBy = new Map<string, DocumentPath>();
  for (const [name, entry] of Object.entries(entries)) {
    const previously = entry.previously ?? [];
    if (previously.length > 0 && fixedNames.includes(name)) {
      problems.push({
        severity: 'error',
        path: [...path, name, 'previously'],
        at: 'key',
        message: `${quoteToken(name)} cannot be renamed, so it cannot have earlier names`,
      });
      continue;
    }
    previously.forEach((old, index) => {
      const where = [...path, name, 'previously', index];
      const problem = (message: string) => problems.push({ severity: 'error', path: where, at: 'value', message });
      if (old === name) return problem(`${quoteToken(old)} is this entry's own name`);
      if (fixedNames.includes(old)) return problem(`${quoteToken(old)} cannot be renamed`);
      if (Object.hasOwn(entries, old)) {
        return problem(`${quoteToken(old)} is also defined at ${context.describe([...path, old], 'key')}; an old name must not be in use`);
      }
      const earlier = claimedBy.get(old);
      if (earlier) return problem(`${quoteToken(old)} is also an earlier name at ${context.describe(earlier)}; it can be renamed only once`);
      claimedBy.set(old, where);
    });
  }
  return problems;
}
