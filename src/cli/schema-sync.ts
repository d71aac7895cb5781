import { Command } from 'commander';
import type { SchemaSyncResult } from '../providers/types.js';
import { escapeControl } from '../render/escape-text.js';
import type { CliIO } from './io.js';
import { deadlineOption, fileOption, filesOrDefault, maxReadOption, maxRequestsOption, parallelismOption, rateLimitOption, simulateOption, timeoutOption, urlOption, type ConnectionFlags } from './options.js';
import { failureMessage } from './failure-message.js';
import { loadConfigOrReport, ReportedError } from './reconcile-session.js';
import { openTarget } from './open-target.js';

/**
 * `accessctl schema-sync DATASOURCE [--wait]` (Chartio): asks Chartio to re-read a
 * datasource's schema. The file names the org. Without `--wait` it prints the task and exits 0;
 * with it, it polls until the task ends: exit 0 when the sync succeeded, 1 when it failed, did
 * not finish within the API's 15 minutes, or could not be started.
 */
export function schemaSyncCommand(io: CliIO): Command {
  return new Command('schema-sync')
    .description("start a Chartio datasource's schema sync (by slug, alias or id); --wait polls it to the end")
    .argument('<datasource>', 'datasource slug, alias or id')
    .addOption(fileOption())
    .option('--wait', 'poll the task until it finishes')
    .addOption(parallelismOption())
    .addOption(rateLimitOption('file'))
    .addOption(timeoutOption())
    .addOption(urlOption())
    .addOption(maxReadOption())
    .addOption(maxRequestsOption())
    .addOption(deadlineOption())
    .addOption(simulateOption())
    .action(async (datasource: string, flags: ConnectionFlags & { file?: string[]; wait?: boolean; simulate?: string }) => {
      try {
        const { config, reconciler } = await loadConfigOrReport(io, filesOrDefault(flags.file));
        if (!reconciler?.schemaSync) {
          io.stderr(`error: schema-sync is a Chartio command; ${config.provider} has no schema sync\n`);
          throw new ReportedError('no schema sync');
        }
        const { target, close } = await openTarget(io, reconciler, config.document, { flags, config });
        let result: SchemaSyncResult;
        try {
          result = await reconciler.schemaSync(target, datasource, {
            wait: flags.wait === true,
            onPoll: (poll) => io.stderr(`waiting for the schema sync (poll ${poll})\n`),
          });
        } catch (error) {
          // The client's errors name method, origin, path, status and the server's message, already redacted.
          io.stderr(`error: ${escapeControl(failureMessage(error, reconciler, target.identity, config.locate))}\n`);
          throw new ReportedError('schema sync failed');
        } finally {
          await close();
        }
        io.stdout(`${describe(result, target.description)}\n`);
        io.setExitCode(result.outcome && !result.outcome.success ? 1 : 0);
      } catch (error) {
        if (!(error instanceof ReportedError)) throw error;
        io.setExitCode(1);
      }
    });
}

function describe(result: SchemaSyncResult, target: string): string {
  const name = `datasource "${escapeControl(result.datasource.name)}" (${result.datasource.id}) of ${target}`;
  if (!result.outcome) return `Started the schema sync of ${name}: task ${escapeControl(result.taskId)}. Add --wait to follow it.`;
  const { success, message, addedObjects } = result.outcome;
  const counts = Object.entries(addedObjects)
    .map(([key, value]) => `${escapeControl(value)} ${escapeControl(key.replace(/^num_/, '').replace(/_/g, ' '))}`)
    .join(', ');
  return `Schema sync of ${name} ${success ? 'succeeded' : 'FAILED'}: ${escapeControl(message)}${counts ? ` (added: ${counts})` : ''}`;
}
