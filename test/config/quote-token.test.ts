import { describe, expect, it } from 'vitest';
import { cutParserMessage, quoteToken, quoteValue } from '../../src/config/quote-token.js';

describe('quoteToken', () => {
  it.each([
    ['Marketing', '"Marketing"'],
    ['x'.repeat(40), `"${'x'.repeat(40)}"`],
    ['x'.repeat(41), `"${'x'.repeat(40)}…"`],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['esc\u001b[2J', '"esc\\u001b[2J"'],
    ['csi\u009b2J', '"csi\\u009b2J"'],
    ['line\u2028sep', '"line\\u2028sep"'],
    ['nul\u0000', '"nul\\u0000"'],
  ])('%j -> %s', (text, expected) => {
    expect(quoteToken(text)).toBe(expected);
  });

  it.each([
    ['text', '"text"'],
    [7, '7'],
    [null, 'null'],
    [{ a: 'secret' }, 'a mapping'],
    [['secret'], 'a list'],
  ])('quoteValue(%j) -> %s', (value, expected) => {
    expect(quoteValue(value)).toBe(expected);
  });
});

describe('cutParserMessage keeps yaml\'s words and drops the source text it quotes', () => {
  it.each([
    ['Unexpected scalar token in YAML stream: "CHARTIO_API_SECRET=canary"', 'Unexpected scalar token in YAML stream'],
    ['Unexpected flow-seq-end token in YAML stream: "]"', 'Unexpected flow-seq-end token in YAML stream: "]"'],
    ['Unexpected document-end token in YAML stream: "..."', 'Unexpected document-end token in YAML stream: "..."'],
    ['Unresolved plain scalar "CHARTIO_API_SECRET"', 'Unresolved plain scalar'],
    ['Block scalar header includes extra characters: |CHARTIO_API_SECRET=canary', 'Block scalar header includes extra characters'],
    ['Unresolved tag: !CHARTIO_API_SECRET=canary', 'Unresolved tag'],
    ['Could not resolve tag: !x!CHARTIO_API_SECRET', 'Could not resolve tag'],
    ['The !CHARTIO! tag has no suffix', 'A tag has no suffix'],
    ['Verbatim tags aren\'t resolved, so !<CHARTIO> is invalid.', 'Verbatim tags aren\'t resolved'],
    ['Unknown directive %CHARTIO_API_SECRET=canary', 'Unknown directive'],
    ['Invalid escape sequence \\q', 'Invalid escape sequence'],
    ['Plain value cannot start with @', 'Plain value cannot start with @'],
    ['Implicit keys need to be on a single line at line 2, column 1:\n\nCHARTIO_API_SECRET=canary\n^^^^\n', 'Implicit keys need to be on a single line'],
    [`Something new: ${'s'.repeat(100)}`, `Something new: ${'s'.repeat(40)}…`],
    ['Something new: \u001b[2J', 'Something new: \\u001b[2J'],
  ])('%j', (message, expected) => {
    expect(cutParserMessage(message)).toBe(expected);
  });
});
