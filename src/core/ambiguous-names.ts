import type { NamedPrincipal } from './lookalike.js';
import type { PlanProblem } from './plan-problem.js';

/** A live object as a name in the file would match it: its match key, and how to show it. */
export interface LiveName {
  key: string;
  shown: string;
}

/**
 * A name in the file that matches more than one live object (two accounts whose emails differ
 * only in ASCII case, two teams of one name) cannot say which it means, so it is a plan
 * problem at the name, never a silent pick (issue 12: a grant planned for the one account went
 * to the other). `keyOf` is how the provider matches a file's name to live keys. Pure.
 */
export function ambiguousNames(input: { live: readonly LiveName[]; desired: readonly NamedPrincipal[]; keyOf: (name: string) => string; what: string; target: string }): PlanProblem[] {
  const byKey = new Map<string, string[]>();
  for (const { key, shown } of input.live) {
    const list = byKey.get(key);
    if (list) list.push(shown);
    else byKey.set(key, [shown]);
  }
  const problems: PlanProblem[] = [];
  const reported = new Set<string>();
  for (const name of input.desired) {
    const matches = byKey.get(input.keyOf(name.name));
    if (!matches || matches.length < 2) continue;
    const once = `${name.path.join('\u0000')}`;
    if (reported.has(once)) continue;
    reported.add(once);
    problems.push({
      path: name.path,
      at: 'key',
      message: `"${name.name}" matches ${matches.length} ${input.what}s in ${input.target} (${matches.join(', ')}), so it cannot say which one it means; rename or remove all but one there`,
    });
  }
  return problems;
}
