import type { DocumentPath } from '../config/document-path.js';

/**
 * Why a file cannot be applied as written, found while planning against live state (a
 * dashboard or user that does not exist). `path` points into the desired-state document, so
 * the CLI can name file, line and column.
 */
export interface PlanProblem {
  message: string;
  path?: DocumentPath;
  at?: 'key' | 'value';
}

/** A change's `blocked` reason that concerns the file at `path` (see Change.blockedAt). */
export function blockedAtPath(message: string, path: DocumentPath, at?: PlanProblem['at']): { blocked: string; blockedAt: PlanProblem[] } {
  return { blocked: message, blockedAt: [{ message, path, ...(at ? { at } : {}) }] };
}
