import path from 'node:path';
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { SCHEMA_URL } from '../config/schema-validator.js';
import { writeDocumentYaml } from '../config/write-document.js';
import { providers } from '../providers/registry.js';
import type { Reconciler } from '../providers/types.js';
import type { CliIO } from './io.js';
import { deadlineOption, maxReadOption, maxRequestsOption, parallelismOption, rateLimitOption, simulateOption, timeoutOption, urlOption, type ConnectionFlags } from './options.js';
import { readLiveOrReport, ReportedError } from './reconcile-session.js';
import { openTarget } from './open-target.js';
import { emitReport } from './write-output.js';
import { escapeControl } from '../render/escape-text.js';
import { redactorFromEnv } from '../http/env-redactor.js';

interface ExportFlags extends ConnectionFlags {
  org?: string;
  output?: string;
  simulate?: string;
}

/**
 * `accessctl export chartio --org SLUG | grafana [-o FILE]`: writes the live state as a
 * desired-state file, the usual first step of bringing an existing org under accessctl.
 * Planning the exported file against the same target gives no changes.
 */
export function exportCommand(io: CliIO): Command {
  return new Command('export')
    .description('write the live state of a target as a desired-state file')
    .argument('<provider>', 'chartio or grafana')
    .option('--org <slug>', 'Chartio org slug (Chartio only)')
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .addOption(parallelismOption())
    .addOption(rateLimitOption('no-file'))
    .addOption(timeoutOption())
    .addOption(urlOption())
    .addOption(maxReadOption())
    .addOption(maxRequestsOption())
    .addOption(deadlineOption())
    .addOption(simulateOption())
    .action(async (providerName: string, flags: ExportFlags) => {
      try {
        const reconciler = providers[providerName]?.reconciler as Reconciler<unknown, unknown, unknown> | undefined;
        if (!reconciler?.exportRequest || !reconciler.exportDocument) {
          io.stderr(`error: export needs chartio or grafana, not "${providerName}"\n`);
          throw new ReportedError('no export');
        }
        let request: unknown;
        try {
          request = reconciler.exportRequest({ org: flags.org });
        } catch (error) {
          io.stderr(`error: ${escapeControl((error as Error).message)}\n`);
          throw new ReportedError('bad flags');
        }
        const { target, close } = await openTarget(io, reconciler, request, { flags, provider: providerName });
        const scope = reconciler.exportScope ? reconciler.exportScope(request) : reconciler.refreshScope(request);
        let live: unknown;
        try {
          live = await readLiveOrReport(io, reconciler, target, scope);
        } finally {
          await close();
        }
        // The schema comment points at this installation's schema, relative to where the file goes.
        const outputDir = path.dirname(path.resolve(io.cwd, flags.output ?? 'export.yaml'));
        const yaml = writeDocumentYaml(reconciler.exportDocument(live) as object, {
          schemaPath: path.relative(outputDir, fileURLToPath(SCHEMA_URL)).split(path.sep).join('/'),
          header: `Exported by accessctl from ${target.description} on ${new Date().toISOString().slice(0, 10)}.`,
        });
        // Output is redacted of the run's credentials, so a credential that is also a name in the
        // org (GRAFANA_PASSWORD=admin beside the login admin) would be blanked out of the file,
        // and a plan of that file would remove the name. A wrong file is worse than none.
        if (redactorFromEnv(io.env)(yaml) !== yaml) {
          io.stderr('error: a credential of this run is also a name in the live state (a password equal to a login, for example); the export would hide it and no longer describe the target, so nothing was written. Change the credential and export again.\n');
          throw new ReportedError('credential in export');
        }
        await emitReport(io, flags.output, yaml);
        io.setExitCode(0);
      } catch (error) {
        if (!(error instanceof ReportedError)) throw error;
        io.setExitCode(1);
      }
    });
}
