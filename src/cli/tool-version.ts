import { readFileSync } from 'node:fs';

/** accessctl's own version, from package.json (recorded in saved plans, shown by --version). */
export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
