import { Command } from 'commander';
import { formatIssue, hasErrors, type ConfigIssue } from '../config/config-issue.js';
import { loadConfig } from '../config/load-config.js';
import { createSchemaValidator } from '../config/schema-validator.js';
import { documentRulesByProvider } from '../providers/registry.js';
import { annotateIssues } from './annotate-issues.js';
import { defaultFileHint } from './default-file-hint.js';
import type { CliIO } from './io.js';
import { DEFAULT_FILE, fileOption, filesOrDefault, formatOption } from './options.js';
import { renderJson } from '../render/render-json.js';

interface ValidateResult {
  path: string;
  valid: boolean;
  provider?: string;
  files: string[];
  summary?: string;
  issues: ConfigIssue[];
}

/**
 * `accessctl validate`: checks each `-f` argument on its own (a file, or a directory whose
 * files are merged into one target). No network. Exit 0 when all are valid, 1 otherwise.
 */
export function validateCommand(io: CliIO): Command {
  return new Command('validate')
    .description('check desired-state files against the schema and the rules of each target (no network)')
    .addOption(fileOption())
    .addOption(formatOption(['text', 'json'], 'text'))
    .action(async (options: { file?: string[]; format: 'text' | 'json' }) => {
      const hint = options.file?.length ? undefined : await defaultFileHint(io.cwd, [DEFAULT_FILE]);
      if (hint) {
        io.stderr(`${hint}\n`);
        io.setExitCode(1);
        return;
      }
      const validator = createSchemaValidator();
      const rules = documentRulesByProvider();
      const results: ValidateResult[] = [];
      for (const argument of filesOrDefault(options.file)) {
        const { config, issues } = await loadConfig([argument], { cwd: io.cwd, validator, rules });
        const ruleSet = config ? rules[config.provider] : undefined;
        results.push({
          path: argument,
          valid: config !== undefined && !hasErrors(issues),
          provider: config?.provider,
          files: config?.files ?? [],
          summary: config && ruleSet ? ruleSet.summarize(config.document) : undefined,
          issues,
        });
      }
      const valid = results.every((result) => result.valid);
      annotateIssues(io, results.flatMap((result) => result.issues));
      if (options.format === 'json') {
        io.stdout(renderJson({ valid, results }));
      } else {
        for (const result of results) printText(io, result);
      }
      io.setExitCode(valid ? 0 : 1);
    });
}

function printText(io: CliIO, result: ValidateResult): void {
  for (const issue of result.issues) io.stderr(`${formatIssue(issue)}\n`);
  if (result.valid) {
    io.stdout(`${result.path}: valid (${result.summary ?? ''})\n`);
  } else {
    const errors = result.issues.filter((issue) => issue.severity === 'error').length;
    io.stdout(`${result.path}: invalid (${errors} ${errors === 1 ? 'error' : 'errors'})\n`);
  }
}
