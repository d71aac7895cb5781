/** What `escapeControl` escapes (escape-text.ts); JSON.stringify escapes only C0 controls. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * A value as indented JSON for stdout or a file. JSON.stringify writes C1 controls (U+009B is
 * a CSI on many terminals), bidi overrides and zero-width characters raw; outside strings JSON
 * has none of them, so each is rewritten as a `\uXXXX` escape (surrogate pairs beyond the BMP):
 * visible on a terminal, and the same value for any JSON parser.
 */
export function renderJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(UNSAFE, (c) => {
    if (c === '\n') return c;
    return [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
  });
  return `${text}\n`;
}
