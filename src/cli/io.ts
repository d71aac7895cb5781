import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { redactorFromEnv } from '../http/env-redactor.js';
import { paintSeverities } from '../render/color.js';

/** What a command may touch of the outside world; tests hand in their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether a person is at the terminal: progress display and the apply prompt need one. */
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Reads one line from stdin (the apply confirmation). */
  readLine: (prompt: string) => Promise<string>;
  /** Sets the process exit code (commands never call process.exit themselves). */
  setExitCode: (code: number) => void;
  /** Writes an output file (`--output`, `--out`, `-o`), relative to `cwd`. */
  writeFile: (file: string, text: string) => Promise<void>;
  /** The clock for what reports record as generated-at; tests fix it, the process uses the system's. */
  now?: () => Date;
  /**
   * Where GitHub workflow commands (annotations) go; stderr when absent. The Action collects
   * them to print outside the block in which it stops command processing.
   */
  workflowCommand?: (line: string) => void;
}

/** Writes `text` to `file` under `cwd`: the plain file writer of `processIO` and the Action. */
export function fileWriter(cwd: string): (file: string, text: string) => Promise<void> {
  return (file, text) => writeFile(path.resolve(cwd, file), text);
}

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    readLine: async (prompt) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(prompt);
      } finally {
        rl.close();
      }
    },
    setExitCode: (code) => {
      process.exitCode = code;
    },
    writeFile: fileWriter(process.cwd()),
  };
}

/**
 * The same IO with every write to stdout, stderr and output files redacted of the environment's
 * credentials in all their encodings. The HTTP client redacts what it puts in errors, but
 * text can reach the terminal without passing through it: a config-file error quoting a
 * value, a simulator's or a library's message, a saved plan's contents. Wrapping the two
 * writers is the one place that covers them all. Each write is redacted on its own (commands
 * write whole lines), so a secret split across two writes would not be recognised.
 */
export function redactedIO(io: CliIO): CliIO {
  const redact = redactorFromEnv(io.env);
  return {
    ...io,
    stdout: (text) => io.stdout(redact(text)),
    stderr: (text) => io.stderr(redact(text)),
    // Reports, exports and saved plans too: a server that echoes a secret in a name must not
    // get it into a file a workflow uploads as an artifact.
    writeFile: (file, text) => io.writeFile(file, redact(text)),
    ...(io.workflowCommand ? { workflowCommand: (text: string) => io.workflowCommand!(redact(text)) } : {}),
  };
}

/**
 * The same IO with `error:` and `warning:` painted red and yellow on stderr while `paint()`
 * says so: one place for every command's problem lines. `paint` is asked at each write because
 * the choice is made only once the command's flags (`--no-color`) are parsed.
 */
export function severityColoredIO(io: CliIO, paint: () => boolean): CliIO {
  return { ...io, stderr: (text) => io.stderr(paint() ? paintSeverities(text) : text) };
}
