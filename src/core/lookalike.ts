import type { DocumentPath } from '../config/document-path.js';
import type { PlanProblem } from './plan-problem.js';
import { userKey } from './principal-name.js';

/**
 * Principals that look like someone else. Identity is exact (principal-name.ts): a
 * `\u212Aate@example.com` (KELVIN SIGN) account is not `kate@example.com`, so the plan never
 * grants it what the file gives kate. But a reviewer reading the plan, or a file author copying
 * a name, cannot see the difference, so such names are called out in plan warnings, escaped.
 *
 * What counts as suspicious, in the spirit of Unicode's UTS #39 (security mechanisms) without
 * its data tables:
 * - invisible characters: default-ignorable code points (zero-width space and joiners, soft
 *   hyphen, word joiner, BOM …) and other format characters (bidi controls and overrides);
 * - compatibility characters that NFKC folds to something else (KELVIN SIGN, fullwidth and
 *   mathematical letters, ligatures), the classic look-alikes of ASCII;
 * - mixed scripts: Latin letters next to letters of another script (a Cyrillic `а` in `аlice`).
 * A name in one non-Latin script (`山田@example.jp`) is not flagged.
 */

/** The suspicious characters of `text`, as `U+XXXX` with a reason; empty when none. */
export function suspiciousCharacters(text: string): string[] {
  const found = new Set<string>();
  const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const c of text) {
    if (/[\p{Default_Ignorable_Code_Point}\p{Cf}]/u.test(c)) found.add(`${codePoint(c)} (invisible)`);
    else if (c.normalize('NFKC') !== c) found.add(`${codePoint(c)} (looks like ${JSON.stringify(c.normalize('NFKC'))})`);
  }
  // Mixed scripts are judged per label (`local@domain.tld`, a team name's words), so a local part
  // in one script under a Latin domain is not flagged.
  for (const label of text.split(/[@.\s_-]+/)) {
    if (!/\p{Script=Latin}/u.test(label)) continue;
    for (const c of label) {
      if (/\p{L}/u.test(c) && !/[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(c)) found.add(`${codePoint(c)} (another script among Latin letters)`);
    }
  }
  return [...found];
}

/**
 * The Cyrillic and Greek letters that Unicode's confusables.txt maps to a single Latin letter
 * and that fonts draw the same: the look-alikes an attacker reaches for first (`аlice`).
 */
const LATIN_TWINS: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
};

/** What a name looks like: invisible characters dropped, compatibility forms and common look-alike letters folded, case folded. */
export function lookalikeSkeleton(text: string): string {
  const folded = text.normalize('NFKC').replace(/[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu, '').toLowerCase();
  return [...folded].map((c) => (Object.hasOwn(LATIN_TWINS, c) ? LATIN_TWINS[c] : c)).join('');
}

export interface NamedPrincipal {
  name: string;
  /** Where the file names it, for a warning at file:line:col. */
  path: DocumentPath;
}

/**
 * Warnings for a plan: every principal the file names that has suspicious characters, and
 * every live principal that looks like one the file names without being it (same skeleton,
 * another identity), or that has suspicious characters and is changed by the plan.
 */
export function lookalikeWarnings(input: { desired: NamedPrincipal[]; live: Iterable<string>; changed: Iterable<string>; target: string }): PlanProblem[] {
  const warnings: PlanProblem[] = [];
  const seen = new Set<string>();
  const bySkeleton = new Map<string, NamedPrincipal>();
  for (const principal of input.desired) {
    bySkeleton.set(lookalikeSkeleton(principal.name), principal);
    const odd = suspiciousCharacters(principal.name);
    if (odd.length > 0 && !seen.has(`file:${principal.name}`)) {
      seen.add(`file:${principal.name}`);
      warnings.push({ path: principal.path, at: 'key', message: `"${visible(principal.name)}" contains look-alike or invisible characters: ${odd.join(', ')}` });
    }
  }
  const changed = new Set([...input.changed].map(userKey));
  for (const name of input.live) {
    const odd = suspiciousCharacters(name);
    if (odd.length === 0 || seen.has(`live:${name}`)) continue;
    const twin = bySkeleton.get(lookalikeSkeleton(name));
    if (twin && userKey(twin.name) !== userKey(name)) {
      seen.add(`live:${name}`);
      warnings.push({
        path: twin.path,
        at: 'key',
        message: `"${visible(name)}" in ${input.target} looks like "${visible(twin.name)}" but is another account or team (${odd.join(', ')}); the file's entry does not match it`,
      });
    } else if (changed.has(userKey(name))) {
      seen.add(`live:${name}`);
      warnings.push({ message: `"${visible(name)}" in ${input.target}, changed by this plan, contains look-alike or invisible characters: ${odd.join(', ')}` });
    }
  }
  return warnings;
}

/** Escapes everything outside printable ASCII, so the difference is visible in any terminal or page. */
function visible(text: string): string {
  return [...text].map((c) => (/[\x20-\x7e]/.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`)).join('');
}

/**
 * The names a desired-state document uses for principals and objects: every mapping key below
 * the top level, every string in a list (members, admins, protected, previously) and every
 * `user:` of a long-form entry, with its path. Free text (`reason`, `alias`, `title`) is not a name.
 */
export function namesInDocument(document: unknown): NamedPrincipal[] {
  const names: NamedPrincipal[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => (typeof item === 'string' ? names.push({ name: item, path: [...path, i] }) : walk(item, [...path, i])));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (path.length > 0) names.push({ name: key, path: [...path, key] });
        if (key === 'user' && typeof inner === 'string') names.push({ name: inner, path: [...path, key] });
        else walk(inner, [...path, key]);
      }
    }
  };
  walk(document, []);
  return names;
}
