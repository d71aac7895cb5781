import { isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { DocumentPath } from './document-path.js';
import type { ParsedFile } from './parse-yaml.js';

export interface Position {
  line: number;
  col: number;
}

/**
 * Finds the line and column of `path` in a parsed file: the key when `at` is 'key' (for
 * unknown or duplicate keys), else the value. When the path runs past what the file holds
 * (a missing key), the deepest node that exists is used, which is where the key belongs.
 */
export function locateInYaml(parsed: ParsedFile, path: DocumentPath, at: 'key' | 'value' = 'value'): Position {
  let node = parsed.doc.contents as YamlNode | null;
  let offset = node?.range?.[0] ?? 0;
  for (let i = 0; i < path.length && node; i++) {
    const segment = path[i]!;
    node = resolveAlias(parsed, node);
    if (isSeq(node) && typeof segment === 'number') {
      node = (node.items[segment] as YamlNode | undefined) ?? null;
      if (node?.range) offset = node.range[0];
      continue;
    }
    if (!isMap(node)) break;
    const pair = findPair(node.items as Pair[], String(segment));
    if (!pair) break;
    const keyNode = pair.key as YamlNode | null;
    const last = i === path.length - 1;
    if (last && at === 'key' && keyNode?.range) {
      offset = keyNode.range[0];
      break;
    }
    node = (pair.value as YamlNode | null) ?? null;
    // A key with no value (`members:`) has no node of its own: point at the key.
    offset = node?.range?.[0] ?? keyNode?.range?.[0] ?? offset;
  }
  return parsed.lineCounter.linePos(offset);
}

function findPair(items: Pair[], key: string): Pair | undefined {
  return items.find((pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key);
}

function resolveAlias(parsed: ParsedFile, node: YamlNode): YamlNode {
  return isAlias(node) ? ((node.resolve(parsed.doc) as YamlNode | undefined) ?? node) : node;
}
