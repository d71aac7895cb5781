import { Command } from 'commander';
import { wantsColor } from '../render/color.js';
import { redactedIO, severityColoredIO, type CliIO } from './io.js';
import { noColorOption } from './options.js';
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
 * through a redacting IO (see `redactedIO`), for the CLI and the Action alike, which paints
 * `error:` and `warning:` on stderr when colour is wanted (redacted first, then painted).
 */
export function buildProgram(processIo: CliIO): Command {
  // Known once the command's flags are parsed (preAction below); until then (commander's own
  // usage errors) nothing is painted.
  const stderrColor = { on: false };
  const io = redactedIO(severityColoredIO(processIo, () => stderrColor.on));
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
  // Every command takes --no-color (DESIGN §5), from one definition.
  for (const command of leafCommands(program)) command.addOption(noColorOption());
  program.hook('preAction', (_program, action) => {
    stderrColor.on = wantsColor(processIo.stderrIsTTY, processIo.env, action.opts().color !== false);
  });
  return program;
}

function leafCommands(command: Command): Command[] {
  return command.commands.length === 0 ? [command] : command.commands.flatMap(leafCommands);
}
