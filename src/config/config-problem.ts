import type { DocumentPath } from './document-path.js';

/** A problem found by a check on the (merged) document, before it is pinned to a file and line. */
export interface ConfigProblem {
  severity: 'error' | 'warning';
  path: DocumentPath;
  /** Point at the key (unknown, duplicate, misnamed) or at its value (wrong value). */
  at: 'key' | 'value';
  message: string;
}

/** What a check may ask about the document's sources: "where is this?", as `file:line:col`. */
export interface CheckContext {
  describe: (path: DocumentPath, at?: 'key' | 'value') => string;
}
