import { buildProgram } from '../cli/program.js';
import { fileWriter, type CliIO } from '../cli/io.js';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The workflow commands (annotations) the command printed, one a line, to print where the runner acts on them. */
  workflowCommands: string;
}

/**
 * Runs an accessctl command in this process, through the same program as the CLI, with its
 * output captured: the Action and the CLI share one core.
 */
export async function runCommand(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  let workflowCommands = '';
  let code = 0;
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd,
    // What the command prints becomes Markdown and a log: never ANSI colour, even if the
    // workflow sets FORCE_COLOR for other tools (NO_COLOR wins over it, see render/color.ts).
    env: { ...env, NO_COLOR: '1' },
    stdinIsTTY: false, // Actions have no terminal: apply needs --auto-approve
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readLine: async () => '',
    setExitCode: (value) => {
      code = value;
    },
    writeFile: fileWriter(cwd),
    workflowCommand: (text) => void (workflowCommands += text),
  };
  const program = buildProgram(io).exitOverride();
  // Sub-commands added with addCommand do not inherit exitOverride: a usage error would end the process.
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(['node', 'accessctl', ...args]);
  } catch (error) {
    // commander's usage errors (unknown flag in `args`) arrive here after printing to stderr.
    code = 1;
    stderr += error instanceof Error && !stderr.includes(error.message) ? `${error.message}\n` : '';
  }
  return { code, stdout, stderr, workflowCommands };
}
