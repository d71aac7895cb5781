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

/** A JSON-quoted excerpt, or a run of text too long to be a word of the message itself. */
const LONG_OR_QUOTED = new RegExp(`"(?:[^"\\\\]|\\\\.)*"|[^\\s"]{${MAX_QUOTED_CHARS + 1},}`, 'g');

/**
 * Makes a message of the YAML parser fit to print: the parser quotes source text in some
 * messages (`Unexpected scalar token in YAML stream: "..."`, a block scalar header, a tag),
 * which is re-quoted as a short token; only the first line is kept (the code frame is dropped).
 */
export function cutParserMessage(message: string): string {
  const firstLine = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  return escapeControl(
    firstLine.replace(LONG_OR_QUOTED, (token) => {
      if (!token.startsWith('"')) return `${token.slice(0, MAX_QUOTED_CHARS)}…`;
      try {
        return quoteToken(JSON.parse(token) as string);
      } catch {
        return quoteToken(token.slice(1, -1));
      }
    }),
  );
}
