import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { progressLine } from '../../src/cli/progress.js';

describe('progressLine', () => {
  it('escapes the target in its label: only its own carriage return and erase sequence reach the terminal', () => {
    let text = '';
    const io = { stderrIsTTY: true, stderr: (t: string) => void (text += t) } as unknown as CliIO;
    const progress = progressLine(io, 'reading grafana http://x\u001b[2J\u202e.example');
    progress.update(1, 2);
    progress.end();
    expect(text).toBe('\rreading grafana http://x\\u001b[2J\\u202e.example: 1/2 requests\r\u001b[K');
  });
});
