import { escapeControl } from '../render/escape-text.js';

/** Longest run of a file's text an error message repeats; a name fits, a line of secrets does not. */
export const MAX_QUOTED_CHARS = 40;

/**
 * Quotes a token from a desired-state file for an error message: cut to a few characters,
 * control characters as `\uXXXX`. Messages end up in terminals, CI logs and PR comments, and
 * the "file" may be a link to `/proc/self/environ`: an error quotes the offending token, never a line.
 */
export function quoteToken(text: string, max = MAX_QUOTED_CHARS): string {
  if (text.length <= max) return escapeControl(JSON.stringify(text));
  return `${escapeControl(JSON.stringify(text.slice(0, max))).slice(0, -1)}…"`;
}

/** Any JSON value from a file, as a short quoted token: a mapping or list is named, not printed. */
export function quoteValue(value: unknown): string {
  if (typeof value === 'string') return quoteToken(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'a list' : 'a mapping';
}

/** A JSON-quoted excerpt of the source, as yaml appends to "Unexpected … token in YAML stream". */
const QUOTED_EXCERPT = /:? ?"(?:[^"\\]|\\.)*"/g;

/** An excerpt worth keeping: an indicator (`:`, `]`, `---`), which says more than the position alone. */
const INDICATOR = /^[^\p{L}\p{N}\s]{1,3}$/u;

/**
 * yaml 2.x messages that end with, or hold, text of the source (a block scalar header, a tag,
 * an escape, a directive): each is cut back to the words of the message itself.
 */
const WITH_SOURCE: readonly [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^(Block scalar header includes extra characters):.*$/, (m) => m[1]!],
  [/^(Unresolved tag|Could not resolve tag|Not a valid tag):.*$/, (m) => m[1]!],
  [/^The .* tag has no suffix$/, () => 'A tag has no suffix'],
  [/^Verbatim tags aren't resolved, so .* is invalid\.?$/, () => "Verbatim tags aren't resolved"],
  [/^(Unknown directive|Unsupported YAML version|Invalid escape sequence) .*$/, (m) => m[1]!],
  [/^(Plain value cannot start with) (.*)$/, (m) => (INDICATOR.test(m[2]!) ? `${m[1]} ${m[2]}` : m[1]!)],
];

/**
 * Makes a message of the YAML parser fit to print. The position already says where the
 * problem is; the source text yaml quotes in some messages (`Unexpected scalar token in YAML
 * stream: "CHARTIO_API_SECRET=…"`, a block scalar header, a tag) is dropped, except a quoted
 * indicator. Only the first line is kept (no code frame), and whatever is left is cut and escaped.
 */
export function cutParserMessage(message: string): string {
  let text = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  for (const [pattern, words] of WITH_SOURCE) {
    const match = text.match(pattern);
    if (match) {
      text = words(match);
      break;
    }
  }
  text = text.replace(QUOTED_EXCERPT, (excerpt) => {
    const quoted = excerpt.replace(/^:? ?/, '');
    const decoded = parseJsonString(quoted);
    return decoded !== undefined && INDICATOR.test(decoded) ? `${excerpt.slice(0, excerpt.length - quoted.length)}${quoteToken(decoded)}` : '';
  });
  return escapeControl(text.replace(LONG_RUN, (run) => `${run.slice(0, MAX_QUOTED_CHARS)}…`));
}

function parseJsonString(quoted: string): string | undefined {
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Longer than any word of a message: what is left of source text, cut as a token is. */
const LONG_RUN = new RegExp(`\\S{${MAX_QUOTED_CHARS + 1},}`, 'gu');
