import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputFileError, readInputFile } from '../../src/config/read-input-file.js';
import { tempFiles } from '../helpers/temp-files.js';

const MAX = 1024;

/**
 * A working directory holding every kind of thing `-f` may be pointed at, made for real:
 * symlinks (in, out, into /proc and /dev, dangling, looping), a FIFO, a socket, a big file.
 */
let cwd: string;
let outside: Awaited<ReturnType<typeof tempFiles>>;
let removeCwd: () => Promise<void>;
let socketServer: net.Server;

beforeAll(async () => {
  outside = await tempFiles({ 'secret.yaml': 'version: 1\n', 'dir/a.yaml': 'version: 1\n' });
  const temp = await tempFiles({ 'ok.yaml': 'version: 1\n', 'repo/in-repo.yaml': 'version: 1\n', 'big.yaml': Buffer.alloc(MAX + 1, 'a') });
  cwd = temp.dir;
  removeCwd = temp.remove;
  const link = (target: string, name: string) => symlink(target, path.join(cwd, name));
  await link('ok.yaml', 'link-in.yaml');
  await link('repo/in-repo.yaml', 'link-down.yaml');
  await link(path.join(outside.dir, 'secret.yaml'), 'link-out.yaml');
  await link('../' + path.basename(outside.dir) + '/secret.yaml', 'link-out-relative.yaml');
  await link('/proc/self/environ', 'environ.yaml');
  await link('/dev/zero', 'zero.yaml');
  await link('/dev/stdin', 'stdin.yaml');
  await link('missing.yaml', 'dangling.yaml');
  await link('loop.yaml', 'loop.yaml');
  await link(path.join(outside.dir, 'dir'), 'sub-out');
  await link('fifo.yaml', 'link-to-fifo.yaml');
  await mkdir(path.join(cwd, 'folder.yaml'));
  execFileSync('mkfifo', [path.join(cwd, 'fifo.yaml')]);
  socketServer = net.createServer();
  await new Promise<void>((resolve) => socketServer.listen(path.join(cwd, 'socket.yaml'), resolve));
  await writeFile(path.join(outside.dir, 'dir', 'b.yaml'), 'version: 1\n');
});

afterAll(async () => {
  await new Promise((resolve) => socketServer.close(resolve));
  await removeCwd();
  await outside.remove();
});

const reasonFor = async (file: string, root?: string): Promise<string> => {
  try {
    await readInputFile(file, { cwd, root, maxBytes: MAX });
    return 'read';
  } catch (error) {
    if (error instanceof InputFileError) return error.reason;
    throw error;
  }
};

describe('readInputFile reads regular files only, and links only inside the tree', () => {
  it.each([
    { file: 'ok.yaml', expected: 'read' },
    { file: 'link-in.yaml', expected: 'read' },
    { file: 'link-down.yaml', expected: 'read' },
    { file: 'repo/in-repo.yaml', root: 'repo', expected: 'read' },
    { file: 'link-out.yaml', expected: 'is a symbolic link that leads outside the working directory; links are followed only inside it' },
    { file: 'link-out-relative.yaml', expected: 'is a symbolic link that leads outside the working directory; links are followed only inside it' },
    { file: 'link-in.yaml', root: 'repo', expected: 'is a symbolic link that leads outside the directory repo; links are followed only inside it' },
    { file: 'sub-out/a.yaml', expected: 'is a symbolic link that leads outside the working directory; links are followed only inside it' },
    { file: 'environ.yaml', expected: 'is under /proc; nothing under /proc, /sys, /dev is read' },
    { file: '/proc/self/environ', expected: 'is under /proc; nothing under /proc, /sys, /dev is read' },
    { file: 'zero.yaml', expected: 'is under /dev; nothing under /proc, /sys, /dev is read' },
    { file: '/dev/zero', expected: 'is under /dev; nothing under /proc, /sys, /dev is read' },
    { file: 'stdin.yaml', expected: 'is under /dev; nothing under /proc, /sys, /dev is read' },
    { file: '/sys/kernel/mm/transparent_hugepage/enabled', expected: 'is under /sys; nothing under /proc, /sys, /dev is read' },
    { file: 'fifo.yaml', expected: 'is a named pipe (FIFO), not a regular file' },
    { file: 'link-to-fifo.yaml', expected: 'is a named pipe (FIFO), not a regular file' },
    { file: 'socket.yaml', expected: 'is a socket, not a regular file' },
    { file: 'folder.yaml', expected: 'is a directory, not a file' },
    { file: 'dangling.yaml', expected: 'cannot read: no such file or directory' },
    { file: 'missing.yaml', expected: 'cannot read: no such file or directory' },
    { file: 'loop.yaml', expected: 'cannot read: too many levels of symbolic links' },
    { file: 'big.yaml', expected: `file is ${MAX + 1} bytes; the limit is ${MAX} bytes` },
  ])('$file (root $root): $expected', async ({ file, root, expected }) => {
    expect(await reasonFor(file, root)).toBe(expected);
  });

  it('returns the bytes of a file it accepts', async () => {
    expect((await readInputFile('link-in.yaml', { cwd, maxBytes: MAX })).toString()).toBe('version: 1\n');
  });

  it('names the file and the reason in its message, and nothing the target holds', async () => {
    const error = await readInputFile('environ.yaml', { cwd, maxBytes: MAX }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).message).toBe('environ.yaml: is under /proc; nothing under /proc, /sys, /dev is read');
    expect((error as InputFileError).file).toBe('environ.yaml');
  });
});
