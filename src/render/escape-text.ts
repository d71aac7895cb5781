/**
 * What a terminal, a log viewer or a browser could act on rather than show: C0/C1 controls
 * (ESC starts ANSI sequences, CR and newlines forge extra lines), line/paragraph separators,
 * format characters such as the bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069,
 * U+200E/U+200F, U+061C: "Trojan Source" reordering, a team that reads "admin" but is not),
 * every default-ignorable code point (zero-width spaces and joiners, U+2060, U+FEFF, soft
 * hyphen, variation and tag characters: two names that look identical but differ), and lone
 * surrogates (not text at all).
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * Makes text from a server or a file safe to print: the characters above become visible
 * escapes (`\u001b`, `\u202e`; `\u{e0041}` beyond the BMP), so a team named "x\u001b[2J"
 * cannot clear a terminal or fake a plan line, and "\u202eadmin" shows what it is.
 */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
