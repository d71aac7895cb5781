import { escapeControl } from './escape-text.js';

/**
 * Escapes a name for inline GitHub Markdown (a table cell, a heading, a list item): no HTML
 * (`</details><img onerror=…>`), no links or images (`[x](javascript:…)`), no code spans or
 * emphasis, no table breakout (`|`), no entity that decodes to a control (`&#x202E;`), and
 * no mention: GitHub notifies `@org/team` wherever the `@` follows a non-word character, so a
 * zero-width space goes after that `@` (as Renovate does), which the mention pattern cannot
 * cross. An email address (`alice@example.com`) is left readable: its `@` follows a letter.
 */
export function escapeMarkdown(text: string): string {
  return escapeControl(text)
    .replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`)
    .replace(/(?<![A-Za-z0-9])@/g, '@&#8203;');
}
