import { Command } from 'commander';
import { redactedIO, type CliIO } from './io.js';
import { toolVersion } from './tool-version.js';
import { validateCommand } from './validate.js';
import { simCommand } from './sim.js';
import { planCommand } from './plan.js';
import { applyCommand } from './apply.js';
import { exportCommand } from './export.js';
import { driftCommand } from './drift.js';
import { auditCommand } from './audit.js';
import { schemaSyncCommand } from './schema-sync.js';

/**
 * The accessctl command line: one sub-command per file in this folder. Every command writes
 * through a redacting IO (see `redactedIO`), for the CLI and the Action alike.
 */
export function buildProgram(processIo: CliIO): Command {
  const io = redactedIO(processIo);
  const program = new Command('accessctl')
    .description('Access to Chartio and Grafana managed as code.')
    .version(toolVersion())
    .showHelpAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
    });
  program.addCommand(validateCommand(io));
  program.addCommand(planCommand(io));
  program.addCommand(applyCommand(io));
  program.addCommand(driftCommand(io));
  program.addCommand(auditCommand(io));
  program.addCommand(exportCommand(io));
  program.addCommand(schemaSyncCommand(io));
  program.addCommand(simCommand(io));
  return program;
}
