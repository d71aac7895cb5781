import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import { escapeControl } from '../render/escape-text.js';
import type { ConfigIssue } from './config-issue.js';
import { CONFIG_LIMITS } from './limits.js';
import { toNullPrototype } from './null-prototype.js';
import { cutParserMessage, MAX_QUOTED_CHARS, quoteToken } from './quote-token.js';
import { scanFlowDepth } from './scan-flow-depth.js';
import { syntaxErrorPlace } from './syntax-error-position.js';
import { notUtf8 } from './text-encoding.js';

/** A desired-state file parsed with positions kept, so every later error can name line and column. */
export interface ParsedFile {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

export interface ParseResult {
  parsed?: ParsedFile;
  issues: ConfigIssue[];
}

/** Keys that would reach Object.prototype in code that merges plain objects. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Explicit tags that only restate a plain YAML type; every other tag (!!binary, !!set, !custom) is refused. */
const ALLOWED_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`),
);

/**
 * Parses YAML defensively: a size cap before parsing, a nesting cap, an alias cap, no
 * custom tags, no merge keys, no duplicate or prototype keys. All problems are returned,
 * not thrown. Keys are taken as written (`007`, `0x1F`, `1.50`, `true` stay those strings: the
 * core schema would make them 7, 31, 1.5 and true), and every mapping has a null prototype.
 */
export function parseYamlFile(file: string, source: string | Buffer): ParseResult {
  const bytes = typeof source === 'string' ? Buffer.byteLength(source) : source.length;
  if (bytes > CONFIG_LIMITS.maxFileBytes) {
    return {
      issues: [
        issueAt(file, 1, 1, `file is ${bytes} bytes; the limit is ${CONFIG_LIMITS.maxFileBytes} bytes (5 MiB)`),
      ],
    };
  }
  const encoding = typeof source === 'string' ? undefined : notUtf8(source);
  if (encoding) return { issues: [issueAt(file, 1, 1, `file is ${encoding}; save it as UTF-8`)] };
  // YAML 1.2 (5.4) counts a lone CR as a line break, the yaml package does not: a file saved with
  // classic Mac line endings would be one long line. CR -> LF keeps every offset, so positions stay exact.
  const text = (typeof source === 'string' ? source : source.toString('utf8')).replace(/\r(?!\n)/g, '\n');

  // The parser builds flow collections recursively; refuse absurd [[[[... before it can overflow the stack.
  const deepFlow = scanFlowDepth(text, CONFIG_LIMITS.maxDepth * 4);
  if (deepFlow) {
    return {
      issues: [issueAt(file, deepFlow.line, deepFlow.col, `nesting is deeper than ${CONFIG_LIMITS.maxDepth} levels`)],
    };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    strict: true,
    uniqueKeys: false, // duplicates are reported below, naming both places
    merge: false, // `<<` stays an ordinary key, refused below
    schema: 'core',
    // A key is a name, never a number, boolean, null or date; values keep their types (`version: 1`).
    stringKeys: true,
    keepSourceTokens: false,
  });
  const at = (offset: number) => lineCounter.linePos(offset);
  const issues: ConfigIssue[] = [];

  for (const error of doc.errors) {
    const place = syntaxErrorPlace(error, doc, text);
    const { line, col } = at(place.offset);
    issues.push(issueAt(file, line, col, `${parserMessage(error.code, error.message)}${place.note}`));
  }
  if (issues.length > 0) return { issues };

  if (doc.contents === null) {
    return { issues: [issueAt(file, 1, 1, 'file is empty; expected at least `version: 1` and `provider:`')] };
  }

  let fatal = false;
  checkNode(doc.contents as YamlNode, 1, {
    report: (offset, message, recoverable = false) => {
      const { line, col } = at(offset);
      issues.push(issueAt(file, line, col, message));
      fatal ||= !recoverable;
    },
    where: (offset) => {
      const { line, col } = at(offset);
      return `line ${line}, column ${col}`;
    },
    tagStart: (nodeStart) => {
      const lineStart = text.lastIndexOf('\n', nodeStart - 1) + 1;
      let bang = text.lastIndexOf('!', nodeStart);
      if (bang < lineStart) return nodeStart;
      while (bang > lineStart && text[bang - 1] === '!') bang--;
      return bang;
    },
  });
  if (fatal) return { issues };

  let data: unknown;
  try {
    data = toNullPrototype(doc.toJS({ maxAliasCount: CONFIG_LIMITS.maxAliasCount }));
  } catch (error) {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount (a "billion laughs" document).
    const firstAlias = findFirstAlias(doc.contents as YamlNode);
    const { line, col } = at(firstAlias ?? 0);
    const reason = error instanceof Error ? error.message : String(error);
    return {
      issues: [
        issueAt(
          file,
          line,
          col,
          /alias/i.test(reason)
            ? `aliases expand too far (more than ${CONFIG_LIMITS.maxAliasCount} expansions); write the values out instead`
            : `cannot read the document: ${cutParserMessage(reason)}`,
        ),
      ],
    };
  }
  if (entriesOver(data, CONFIG_LIMITS.maxEntries)) {
    const { line, col } = at(findFirstAlias(doc.contents as YamlNode) ?? 0);
    return {
      issues: [issueAt(file, line, col, `the document holds more than ${CONFIG_LIMITS.maxEntries.toLocaleString('en-US')} entries once its aliases are expanded; the largest org the APIs allow needs far fewer`)],
    };
  }
  return { parsed: { file, doc, lineCounter, data }, issues };
}

/** Whether `value` holds more than `limit` mapping entries and list items, counting shared (aliased) values each time they appear. */
function entriesOver(value: unknown, limit: number): boolean {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === null || typeof next !== 'object') continue;
    const children = Array.isArray(next) ? next : Object.values(next);
    count += children.length;
    if (count > limit) return true;
    for (const child of children) stack.push(child);
  }
  return false;
}

interface Checker {
  /** `recoverable`: the document can still be converted and checked further (a duplicate key keeps its last value). */
  report: (offset: number, message: string, recoverable?: boolean) => void;
  /** "line 3, column 5", for messages that name a second place. */
  where: (offset: number) => string;
  /** A node's range starts after its tag; errors about the tag point at the tag itself. */
  tagStart: (nodeStart: number) => number;
}

function checkNode(node: YamlNode, depth: number, checker: Checker): void {
  const { report } = checker;
  if (isAlias(node)) return; // the anchored node is checked where it is defined
  const start = node.range?.[0] ?? 0;
  if (node.tag && !ALLOWED_TAGS.has(node.tag)) {
    report(checker.tagStart(start), `tag ${showTag(node.tag)} is not allowed; write a plain value`);
    return;
  }
  if (depth > CONFIG_LIMITS.maxDepth && (isMap(node) || isSeq(node))) {
    report(start, `nesting is deeper than ${CONFIG_LIMITS.maxDepth} levels`);
    return;
  }
  if (isSeq(node)) {
    for (const item of node.items) if (item) checkNode(item as YamlNode, depth + 1, checker);
    return;
  }
  if (!isMap(node)) return;

  const seen = new Map<string, number>();
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = pair.key as YamlNode | null;
    const keyStart = key?.range?.[0] ?? start;
    if (!isScalar(key)) {
      report(keyStart, 'keys must be plain text, not lists, mappings or aliases');
      continue;
    }
    if (key.tag && !ALLOWED_TAGS.has(key.tag)) {
      report(checker.tagStart(keyStart), `tag ${showTag(key.tag)} is not allowed; write a plain value`);
      continue;
    }
    const name = String(key.value);
    if (name === '<<') {
      report(keyStart, 'merge keys (<<) are not supported; write the keys out');
      continue;
    }
    if (PROTOTYPE_KEYS.has(name)) {
      report(keyStart, `key "${name}" is not allowed`);
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      report(keyStart, `duplicate key ${quoteToken(name)} (first defined at ${checker.where(first)})`, true);
    } else {
      seen.set(name, keyStart);
    }
    if (pair.value) checkNode(pair.value as YamlNode, depth + 1, checker);
  }
}

function findFirstAlias(node: YamlNode | null): number | undefined {
  if (!node) return undefined;
  if (isAlias(node)) return node.range?.[0];
  const children = isSeq(node)
    ? node.items
    : isMap(node)
      ? node.items.flatMap((pair) => [pair.key, pair.value])
      : [];
  for (const child of children) {
    const found = findFirstAlias(child as YamlNode | null);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A tag as written (`!!binary`, `!js/function`), cut like any token: a tag is file text too. */
function showTag(tag: string): string {
  const shown = tag.replace('tag:yaml.org,2002:', '!!');
  return escapeControl(shown.length > MAX_QUOTED_CHARS ? `${shown.slice(0, MAX_QUOTED_CHARS)}…` : shown);
}

function parserMessage(code: string, message: string): string {
  // yaml words a collection or a tagged value (`!!int 7:`) as key in terms of its `stringKeys` option.
  if (code === 'NON_STRING_KEY') return 'keys must be plain text, not lists, mappings or aliases';
  return cutParserMessage(message);
}

function issueAt(file: string, line: number, col: number, message: string): ConfigIssue {
  return { severity: 'error', file, line, col, path: '', message };
}
