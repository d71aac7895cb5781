import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { buildProgram } from '../../src/cli/program.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/** In process, so the clock can be handed in: a report's generated-at comes from `io.now`. */
describe('report evidence uses the IO clock', () => {
  it('drift --format json records io.now() as generatedAt, in UTC, and no commit outside a repository', async () => {
    const temp = await tempFiles({});
    try {
      const stdout: string[] = [];
      let exitCode = -1;
      const io: CliIO = {
        stdout: (text) => void stdout.push(text),
        stderr: () => undefined,
        cwd: temp.dir,
        env: {},
        stdinIsTTY: false,
        stdoutIsTTY: false,
        stderrIsTTY: false,
        readLine: async () => '',
        setExitCode: (code) => {
          exitCode = code;
        },
        writeFile: async () => undefined,
        now: () => new Date('2030-01-02T04:04:05+01:00'),
      };
      const example = path.join(REPO_ROOT, 'examples/chartio.yaml');
      await buildProgram(io).parseAsync(['drift', '-f', example, '--simulate', path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml'), '--format', 'json'], { from: 'user' });
      expect(exitCode).toBe(2);
      const evidence = (JSON.parse(stdout.join('')) as { evidence: Record<string, unknown> }).evidence;
      expect(evidence.generatedAt).toBe('2030-01-02T03:04:05.000Z');
      expect(evidence).not.toHaveProperty('commit');
      expect(evidence.files).toEqual([{ path: example, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    } finally {
      await temp.remove();
    }
  });
});
