import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Canary credentials and the search for them in a command's outputs. A credential can leave a
 * program in more shapes than its plain text: as the Base64 `user:secret` token of an HTTP
 * Basic `Authorization` header, or percent-encoded the way a URL carries it.
 */

/** A user name (or API key) and the secret that goes with it. */
export interface Canary {
  user: string;
  secret: string;
}

/** Every shape of one canary worth looking for, each with a name for the failure message. */
export function canaryForms(canary: Canary): { form: string; text: string }[] {
  const pair = `${canary.user}:${canary.secret}`;
  return [
    { form: 'the secret itself', text: canary.secret },
    { form: 'the user:secret pair', text: pair },
    { form: 'Base64 of user:secret (HTTP Basic)', text: Buffer.from(pair, 'utf8').toString('base64') },
    { form: 'the URL-encoded secret', text: encodeURIComponent(canary.secret) },
    { form: 'the HTML-escaped secret', text: canary.secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`) },
    { form: 'the JSON-escaped secret', text: JSON.stringify(canary.secret).slice(1, -1) },
    { form: 'the hex of the secret', text: Buffer.from(canary.secret, 'utf8').toString('hex') },
    // The secret inside a longer Base64 text, at byte offsets 1 and 2 mod 3: the characters that depend on it alone.
    ...[1, 2].map((offset) => ({ form: `Base64 of the secret at offset ${offset}`, text: base64Inner(Buffer.from(canary.secret, 'utf8'), offset) })),
  ];
}

function base64Inner(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
}

/**
 * Where any form of any canary occurs in the named outputs (`stdout`, `stderr`, a file name),
 * as readable findings like `stderr contains Base64 of user:secret (HTTP Basic) of "admin"`;
 * empty when the outputs are clean.
 */
export function canaryFindings(outputs: Record<string, string>, canaries: readonly Canary[]): string[] {
  const findings: string[] = [];
  for (const [output, text] of Object.entries(outputs)) {
    for (const canary of canaries) {
      for (const { form, text: secret } of canaryForms(canary)) {
        if (text.includes(secret)) findings.push(`${output} contains ${form} of "${canary.user}"`);
      }
    }
  }
  return findings;
}

/** Every file under `dir` (relative path, forward slashes -> content), however deep. */
export async function readTree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full).split(path.sep).join('/')] = await readFile(full, 'utf8');
  }
  return files;
}
