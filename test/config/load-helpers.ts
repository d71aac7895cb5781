import { formatIssue } from '../../src/config/config-issue.js';
import { loadConfig, type LoadResult } from '../../src/config/load-config.js';
import { createSchemaValidator } from '../../src/config/schema-validator.js';
import { documentRulesByProvider } from '../../src/providers/registry.js';
import { tempFiles } from '../helpers/temp-files.js';

const validator = createSchemaValidator();
const rules = documentRulesByProvider();

/** Loads files written to a temp dir; paths passed are relative to it, as a user would type them. */
export async function loadFiles(
  files: Record<string, string | Buffer>,
  paths: string[] = Object.keys(files),
): Promise<LoadResult & { lines: string[] }> {
  const temp = await tempFiles(files);
  try {
    const result = await loadConfig(paths, { cwd: temp.dir, validator, rules });
    return { ...result, lines: result.issues.map(formatIssue) };
  } finally {
    await temp.remove();
  }
}

/** A valid Chartio header, so a case only has to write what it is about. Occupies lines 1-3. */
export const CHARTIO_HEAD = 'version: 1\nprovider: chartio\nchartio: { org: example-org }\n';
/** A valid Grafana header. Occupies lines 1-2. */
export const GRAFANA_HEAD = 'version: 1\nprovider: grafana\n';
