/**
 * Finds where flow collections (`[`, `{`) nest deeper than `limit`, without parsing.
 *
 * The YAML parser builds flow collections recursively, so `[[[[…` a few hundred thousand
 * deep would overflow the stack before any check on the parsed tree could run. This scan is
 * deliberately rough (it skips quoted strings and comments, nothing more): it only has to
 * stop absurd inputs, and its limit is set well above what a real file can contain.
 */
export function scanFlowDepth(text: string, limit: number): { line: number; col: number } | undefined {
  let depth = 0;
  let line = 1;
  let col = 0;
  let quote: '"' | "'" | undefined;
  let inComment = false;
  let previous = '\n';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    col++;
    if (ch === '\n') {
      line++;
      col = 0;
      inComment = false;
      previous = ch;
      continue;
    }
    if (inComment) continue;
    if (quote) {
      if (ch === '\\' && quote === '"') {
        i++;
        col++;
      } else if (ch === quote) {
        quote = undefined;
      }
    } else if (ch === '#' && (previous === ' ' || previous === '\t' || previous === '\n')) {
      inComment = true;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '[' || ch === '{') {
      depth++;
      if (depth > limit) return { line, col };
    } else if ((ch === ']' || ch === '}') && depth > 0) {
      depth--;
    }
    previous = ch;
  }
  return undefined;
}
