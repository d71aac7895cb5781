import { isMap, isScalar, isSeq, visit, type Document, type YAMLError } from 'yaml';

/** Where a syntax error should be shown, and what to add to the parser's message. */
export interface SyntaxErrorPlace {
  offset: number;
  /** Said after the parser's message, e.g. `: the [ that starts here is not closed`. */
  note: string;
}

/**
 * Where a person should look for a YAML syntax error. The parser reports where it noticed the
 * problem, which for an unclosed `[`, `{` or quote is the next line or the end of the file,
 * one line (or a whole file) after the mistake: `members: [a@example.com` on line 7 was reported
 * at line 8. Such errors point at the opening bracket or quote instead (the innermost one still
 * open where the parser stopped). An error reported in a line's indentation (`All mapping items
 * must start at the same column`) points at the line's first character, the misplaced item.
 */
export function syntaxErrorPlace(error: YAMLError, doc: Document.Parsed, text: string): SyntaxErrorPlace {
  const noticed = error.pos[0];
  const opener = unclosedKind(error.message);
  if (opener) {
    const start = innermostOpen(doc, noticed, opener);
    if (start !== undefined && start < noticed) {
      const shown = opener === 'quote' ? (text[start] === "'" ? "'" : '"') : opener === 'seq' ? '[' : '{';
      return { offset: start, note: `: the ${shown} that starts here is not closed` };
    }
  }
  if (error.code !== 'TAB_AS_INDENT') {
    const lineStart = text.lastIndexOf('\n', noticed - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
    const first = lineStart + indent;
    if (noticed < first && first < text.length && text[first] !== '\n') return { offset: first, note: '' };
  }
  return { offset: noticed, note: '' };
}

type Opener = 'quote' | 'seq' | 'map';

/** The parser's words for an unterminated quote or flow collection (yaml 2.x messages). */
function unclosedKind(message: string): Opener | undefined {
  if (/^Missing closing .?quote/.test(message)) return 'quote';
  if (/^Flow sequence .*end with a \]/.test(message)) return 'seq';
  if (/^Flow map .*end with a \}/.test(message)) return 'map';
  return undefined;
}

/** The start of the last-opened node of that kind whose range reaches `offset`. */
function innermostOpen(doc: Document.Parsed, offset: number, kind: Opener): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Node(_key, node) {
      const range = node.range;
      if (!range || range[0] >= offset || range[1] < offset) return;
      const matches =
        kind === 'quote'
          ? isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')
          : (kind === 'seq' ? isSeq(node) : isMap(node)) && (node as { flow?: boolean }).flow === true;
      if (matches && (found === undefined || range[0] > found)) found = range[0];
    },
  });
  return found;
}
