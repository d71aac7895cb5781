import { randomBytes } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { bytes, cutMarkdown } from './cut-text.js';

/** GitHub's limit for one step's job summary. */
export const SUMMARY_LIMIT = 1024 * 1024;

/** Sets step outputs in the file GitHub names in GITHUB_OUTPUT, with a delimiter no value can contain. */
export async function setOutputs(file: string | undefined, outputs: Record<string, string>): Promise<void> {
  if (!file) return;
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    let delimiter = `ACCESSCTL_${randomBytes(8).toString('hex')}`;
    while (value.includes(delimiter)) delimiter = `ACCESSCTL_${randomBytes(8).toString('hex')}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  await appendFile(file, text);
}

export async function writeSummary(file: string | undefined, markdown: string): Promise<void> {
  if (!file) return;
  await appendFile(file, cutMarkdown(markdown, SUMMARY_LIMIT - 1024, bytes));
}
