import { MAX_QUOTED_CHARS, quoteToken } from './quote-token.js';

/** A location inside a parsed document: mapping keys and list indexes. */
export type DocumentPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Renders a path the way a person reads it: `teams.Marketing.members[1]`,
 * `orgs["Main Org."].users`. Keys that are not plain identifiers are quoted so a key with a
 * dot or a space cannot be mistaken for two levels; a long key is cut like any quoted token.
 */
export function formatPath(path: DocumentPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment) && segment.length <= MAX_QUOTED_CHARS) out += out ? `.${segment}` : segment;
    else out += `[${quoteToken(segment)}]`;
  }
  return out;
}

/** Parses an ajv `instancePath` (JSON Pointer) into segments; array indexes become numbers when the parent is a list. */
export function pointerToPath(pointer: string, root: unknown): (string | number)[] {
  if (!pointer) return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(key);
      path.push(index);
      node = node[index];
    } else {
      path.push(key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}
