import type { DocumentRules } from '../config/document-rules.js';

/**
 * One target (Chartio, Grafana) behind one interface; nothing provider-specific lives in
 * the core. Today a provider describes its documents; reading live state, planning and
 * applying join this interface as they are built.
 */
export interface Provider {
  /** The value of `provider:` in a desired-state file. */
  name: string;
  documentRules: DocumentRules;
}
