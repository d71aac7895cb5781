import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { buildProgram } from '../../src/cli/program.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/** In process, so a terminal can be handed in: apply asks only a person at one. */
describe('the apply prompt', () => {
  const file = (teams: string) =>
    `version: 1\nprovider: chartio\nchartio: { org: example-org }\ndashboards:\n  board-metrics:\n    permissions:\n      teams: { ${teams} }\n`;

  it.each([
    ['one change', file('Owners: admin, Analysts: viewer'), /^\nApply this change to chartio org example-org .*\? Only 'yes' will be accepted: $/],
    ['two changes', file('Owners: admin, Analysts: viewer, Growth: viewer'), /^\nApply these 2 changes to chartio org example-org .*\? Only 'yes' will be accepted: $/],
  ])('counts %s in words that agree with the number', async (_name, text, prompt) => {
    const temp = await tempFiles({ 'access.yaml': text });
    try {
      const prompts: string[] = [];
      let exitCode = -1;
      const io: CliIO = {
        stdout: () => undefined,
        stderr: () => undefined,
        cwd: temp.dir,
        env: {},
        stdinIsTTY: true,
        stdoutIsTTY: false,
        stderrIsTTY: false,
        readLine: async (question) => {
          prompts.push(question);
          return 'no';
        },
        setExitCode: (code) => {
          exitCode = code;
        },
        writeFile: async () => undefined,
      };
      await buildProgram(io).parseAsync(['apply', '--simulate', path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')], { from: 'user' });
      expect(prompts).toHaveLength(1);
      expect(prompts[0]).toMatch(prompt);
      expect(exitCode).toBe(1); // not 'yes': cancelled
    } finally {
      await temp.remove();
    }
  });
});
