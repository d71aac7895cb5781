import type { DocumentPath } from './document-path.js';

/** A document path where `*` stands for any one key: `['orgs', '*', 'teams']`. */
export type PathPattern = readonly string[];

export function matchesPattern(path: DocumentPath, pattern: PathPattern): boolean {
  return path.length === pattern.length && pattern.every((part, i) => part === '*' || part === path[i]);
}

export function matchesAny(path: DocumentPath, patterns: readonly PathPattern[]): boolean {
  return patterns.some((pattern) => matchesPattern(path, pattern));
}
