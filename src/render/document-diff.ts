import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { projectOnto } from '../core/project-onto.js';
import { escapeControl } from './escape-text.js';

/**
 * A unified diff of what the file says against what live says, as YAML, over the sections the
 * file manages (teams and their members, permissions, org users …): the side-by-side view of
 * drift. Lists are compared sorted, so order alone is not drift. Empty when they agree.
 */
export function documentDiff(desired: Record<string, unknown>, liveExport: Record<string, unknown>): string {
  // Everything but the file's settings: the format's own keys and the provider's block (`chartio:`, `grafana:`).
  const settings = new Set(['version', 'provider', 'manage', 'safety', 'ignore', String(desired.provider)]);
  const sections = Object.fromEntries(Object.entries(desired).filter(([key]) => !settings.has(key)));
  const git = stringify(normalize(sections), { lineWidth: 0 });
  const live = stringify(normalize(projectOnto(sections, liveExport) ?? {}), { lineWidth: 0 });
  if (git === live) return '';
  const patch = createTwoFilesPatch('git', 'live', git, live, undefined, undefined, { context: 2 });
  return patch
    .split('\n')
    // The patch's `=====` banner and its file headers' trailing tab (no timestamps here) are noise.
    .filter((line) => !/^=+$/.test(line))
    .map((line) => escapeControl(/^(---|\+\+\+) /.test(line) ? line.trimEnd() : line))
    .join('\n')
    .trimEnd();
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize).sort((a, b) => String(a).localeCompare(String(b)));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        // `previously:` is how the file finds an object, not state live could hold.
        .filter(([k, v]) => v !== undefined && k !== 'previously')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalize(v)]),
    );
  }
  return value;
}
