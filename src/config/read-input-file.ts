import { constants, type Stats } from 'node:fs';
import { lstat, open, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * An input (desired-state file, saved plan) that is not read, with a reason a person can act
 * on. The reason never quotes the target's content, nor where a link leads: the file may be a
 * committed symlink to `/proc/self/environ`, and the error may end up in a PR comment.
 */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'InputFileError';
  }
}

export interface InputPathOptions {
  /** The working directory: relative paths start here, and a single file's symlink must stay inside it. */
  cwd: string;
  /** The directory argument being walked, when the file was found in one: its symlinks must stay inside it. */
  root?: string;
}

export interface ReadInputOptions extends InputPathOptions {
  /** Never more is read, whatever `stat` says (files in /proc and on some mounts report size 0). */
  maxBytes: number;
}

export interface InputPlace {
  /** The path with every symlink resolved. */
  real: string;
  kind: 'file' | 'directory';
}

const READ_CHUNK_BYTES = 256 * 1024;

/** Kernel and device trees: their "files" are endless (/dev/zero), block (/dev/tty) or hold secrets (/proc/self/environ). */
export const SYSTEM_TREES = ['/proc', '/sys', '/dev'];

/**
 * Where an input path really is, refused unless it is a regular file or a directory that
 * is safe to read: a symlink is followed only when it stays inside `root` (or `cwd`),
 * and nothing in /proc, /sys or /dev is read, whatever the link. The type is checked with
 * `stat` before anything is opened, because opening a FIFO for reading blocks until a writer comes.
 */
export async function inspectInputPath(file: string, options: InputPathOptions): Promise<InputPlace> {
  const absolute = path.resolve(options.cwd, file);
  const boundary = path.resolve(options.cwd, options.root ?? '.');
  let link: Stats;
  let real: string;
  let realBoundary: string;
  try {
    link = await lstat(absolute);
    // The first hop is checked on its own: /dev/stdin leads on to pipes and sockets that realpath cannot name.
    const firstHop = link.isSymbolicLink() ? path.resolve(path.dirname(absolute), await readlink(absolute)) : absolute;
    refuseSystemTree(file, [absolute, firstHop]);
    real = await realpath(absolute);
    realBoundary = await realpath(boundary);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(file, `cannot read: ${describeFsError(error)}`);
  }
  refuseSystemTree(file, [real]);
  // A path inside the tree must stay inside it once links are resolved, whichever part of it is the link.
  if ((link.isSymbolicLink() || isInside(absolute, boundary)) && !isInside(real, realBoundary)) {
    const where = options.root === undefined ? 'the working directory' : `the directory ${options.root}`;
    throw new InputFileError(file, `is a symbolic link that leads outside ${where}; links are followed only inside it`);
  }
  let info: Stats;
  try {
    info = await stat(real);
  } catch (error) {
    throw new InputFileError(file, `cannot read: ${describeFsError(error)}`);
  }
  if (info.isDirectory()) return { real, kind: 'directory' };
  if (!info.isFile()) throw new InputFileError(file, `is ${describeType(info)}, not a regular file`);
  return { real, kind: 'file' };
}

function refuseSystemTree(file: string, paths: readonly string[]): void {
  const tree = SYSTEM_TREES.find((root) => paths.some((candidate) => isInside(candidate, root)));
  if (tree) throw new InputFileError(file, `is under ${tree}; nothing under ${SYSTEM_TREES.join(', ')} is read`);
}

/**
 * Reads one input file, at most `maxBytes`, after `inspectInputPath` has accepted it. The
 * file is opened without following links and without blocking, and the opened descriptor
 * is checked again, so a file swapped for a FIFO or a link between the check and the open is refused.
 */
export async function readInputFile(file: string, options: ReadInputOptions): Promise<Buffer> {
  const place = await inspectInputPath(file, options);
  if (place.kind === 'directory') throw new InputFileError(file, 'is a directory, not a file');
  let handle;
  try {
    handle = await open(place.real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new InputFileError(file, `cannot read: ${describeFsError(error)}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new InputFileError(file, `is ${describeType(info)}, not a regular file`);
    // The size is checked before reading, so a huge file costs one stat, not its bytes.
    if (info.size > options.maxBytes) throw new InputFileError(file, tooLarge(info.size, options.maxBytes));
    // ...and the read is capped anyway, because `stat` may not tell the truth (a file still growing).
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(READ_CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, options.maxBytes + 1 - total), null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
      total += bytesRead;
      if (total > options.maxBytes) throw new InputFileError(file, tooLarge(undefined, options.maxBytes));
    }
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(file, `cannot read: ${describeFsError(error)}`);
  } finally {
    await handle.close();
  }
}

function tooLarge(size: number | undefined, maxBytes: number): string {
  const mib = maxBytes / (1024 * 1024);
  const limit = `the limit is ${maxBytes} bytes${Number.isInteger(mib) ? ` (${mib} MiB)` : ''}`;
  // No size: stat said less than the file holds (a file still growing), and reading stopped at the limit.
  return size === undefined ? `file holds more than ${maxBytes} bytes; ${limit}` : `file is ${size} bytes; ${limit}`;
}

function describeType(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/** True when `child` is `parent` or below it (both absolute). */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return error instanceof Error ? error.message : String(error);
}
