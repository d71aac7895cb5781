/**
 * RegExp sources that find one secret in the encodings a server echo, a URL or a report can
 * give it. Rather than listing every encoded string (there are too many: each character can
 * be written several ways, and encoders mix them), each character of the text to find becomes
 * a small alternation of its spellings:
 * - itself; percent-encoded UTF-8 (either hex case; `+` for a space, as forms do);
 * - HTML entities: decimal `&#39;`, hex `&#x2F;` (any case, leading zeros), and the HTML5
 *   names for ASCII punctuation (`&amp;`, `&sol;` ...; what HTML escapers emit);
 * - JSON escapes: `\"`, `\\`, `\/`, `\n` ..., and `\u00e9` (either case; surrogate pairs);
 * - a backslash before ASCII punctuation (Markdown's and shells' escapes: `\_`, `\*`).
 * Between two characters a line break plus indentation may stand (a secret split across
 * lines, MIME's 76-column Base64). The sources have no nested quantifiers, so the combined
 * RegExp of a client stays linear in the text it scans.
 */

/** HTML5 named references for ASCII characters (https://html.spec.whatwg.org/entities.json). */
const NAMED_ENTITIES: Readonly<Record<string, readonly string[]>> = {
  '!': ['excl'], '"': ['quot', 'QUOT'], '#': ['num'], $: ['dollar'], '%': ['percnt'], '&': ['amp', 'AMP'],
  "'": ['apos'], '(': ['lpar'], ')': ['rpar'], '*': ['ast', 'midast'], '+': ['plus'], ',': ['comma'],
  '.': ['period'], '/': ['sol'], ':': ['colon'], ';': ['semi'], '<': ['lt', 'LT'], '=': ['equals'],
  '>': ['gt', 'GT'], '?': ['quest'], '@': ['commat'], '[': ['lsqb', 'lbrack'], '\\': ['bsol'],
  ']': ['rsqb', 'rbrack'], '^': ['Hat'], _: ['lowbar', 'UnderBar'], '`': ['grave', 'DiacriticalGrave'],
  '{': ['lcub', 'lbrace'], '|': ['verbar', 'vert', 'VerticalLine'], '}': ['rcub', 'rbrace'],
  '\n': ['NewLine'], '\t': ['Tab'],
};

/** JSON's two-character escapes (RFC 8259 section 7); `\/` is optional there but common. */
const JSON_SHORT: Readonly<Record<string, string>> = {
  '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t',
};

/**
 * What may stand between two characters: nothing, a line break with the indentation a wrapped
 * or pretty-printed value carries, or the zero-width space Markdown renderers put after an `@`
 * to defuse a mention (escape-markdown.ts), as itself or as `&#8203;`.
 */
const LINE_BREAK = '(?:|\\n[ \\t]*|\\r\\n[ \\t]*|\u200b|&#8203;)';

/** A RegExp source matching `text` with each character in any of its spellings. */
export function spelledAnyWay(text: string): string {
  return [...text].map(characterPattern).join(LINE_BREAK);
}

/** A RegExp source for hex digits in either case: `2f` matches `2F` and `2f`. */
export function hexAnyCase(hex: string): string {
  return hex.replace(/[a-f]/gi, (d) => `[${d.toLowerCase()}${d.toUpperCase()}]`);
}

/**
 * Like `spelledAnyWay` for Base64 text, with both alphabets at once: `+` or `-`, `/` or `_`
 * (RFC 4648's url alphabet), so one source covers standard and url-safe encoders.
 */
export function base64SpelledAnyWay(base64: string): string {
  const URL_ALPHABET: Record<string, string> = { '+': '-', '/': '_' };
  return [...base64]
    .map((char) => (URL_ALPHABET[char] ? `(?:${characterPattern(char)}|${URL_ALPHABET[char]})` : characterPattern(char)))
    .join(LINE_BREAK);
}

function characterPattern(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const spellings = new Set<string>([escapeRegExp(char)]);
  const utf8 = [...Buffer.from(char, 'utf8')];
  spellings.add(utf8.map((byte) => `%${hexAnyCase(byte.toString(16).toUpperCase().padStart(2, '0'))}`).join(''));
  if (char === ' ') spellings.add('\\+');
  spellings.add(`&#0*${code};`);
  spellings.add(`&#[xX]0*${hexAnyCase(code.toString(16))};`);
  for (const name of NAMED_ENTITIES[char] ?? []) spellings.add(`&${name};`);
  // Markdown (CommonMark) and shells escape ASCII punctuation with a backslash: `\_`, `\*`. A
  // report escapes names for Markdown before the redactor sees it, and GitHub renders `\_` as `_`.
  if (/^[!-/:-@[-`{-~]$/.test(char)) spellings.add(`\\\\${escapeRegExp(char)}`);
  const short = JSON_SHORT[char];
  if (short !== undefined) spellings.add(escapeRegExp(short));
  const units = code > 0xffff ? [char.charCodeAt(0), char.charCodeAt(1)] : [code];
  spellings.add(units.map((unit) => `\\\\u${hexAnyCase(unit.toString(16).padStart(4, '0'))}`).join(''));
  return `(?:${[...spellings].join('|')})`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
