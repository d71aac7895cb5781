import { escapeControl } from '../render/escape-text.js';
import type { CliIO } from './io.js';
import { ReportedError } from './reconcile-session.js';

/**
 * Writes an output file (`plan --out`, `drift`/`audit --output`, `export -o`), or says in one
 * line why it cannot: `error: cannot write reports/drift.html: no such folder`. Without this an
 * output path in a missing folder ended the run with Node's ENOENT and its stack.
 */
export async function writeOutputOrReport(io: CliIO, file: string, text: string): Promise<void> {
  try {
    await io.writeFile(file, text);
  } catch (error) {
    io.stderr(`error: cannot write ${escapeControl(file)}: ${whyNotWritten(error)}\n`);
    throw new ReportedError('cannot write output');
  }
}

/** A report to `--output FILE` (then `Wrote FILE` on stderr), or to stdout without one: drift, audit, export. */
export async function emitReport(io: CliIO, output: string | undefined, text: string): Promise<void> {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  await writeOutputOrReport(io, output, text);
  io.stderr(`Wrote ${escapeControl(output)}\n`);
}

/** The file system's refusal in words; the code, or the message, for anything rarer. */
export function whyNotWritten(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return escapeControl(code ?? (error instanceof Error ? error.message : String(error)));
  }
}
