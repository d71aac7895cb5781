import { escapeControl } from './escape-text.js';

/**
 * Escapes text for HTML element content and quoted attribute values: the five characters that
 * can end an element or an attribute become numeric references, and controls, bidi overrides
 * and invisible characters become visible `\uXXXX` (a page would reorder or hide them as a
 * terminal does).
 */
export function escapeHtml(text: string): string {
  return escapeControl(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
