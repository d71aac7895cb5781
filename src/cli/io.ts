/** What a command may touch of the outside world; tests hand in their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Sets the process exit code (commands never call process.exit themselves). */
  setExitCode: (code: number) => void;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}
