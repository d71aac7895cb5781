import { describe, expect, it } from 'vitest';
import { bytes, cutMarkdown } from '../../src/action/cut-text.js';

describe('cutMarkdown', () => {
  it('leaves text under the limit alone', () => {
    expect(cutMarkdown('short\ntext', 100)).toBe('short\ntext');
  });

  it('cuts at a line boundary below the limit, closes an open fence and says it was cut', () => {
    const text = ['### plan', '', '```diff', ...Array.from({ length: 200 }, (_, i) => `+ change ${i}`), '```'].join('\n');
    const cut = cutMarkdown(text, 600);
    expect(cut.length).toBeLessThanOrEqual(600);
    expect(cut).toMatch(/\+ change \d+\n```\n\n_… cut here/);
    expect(cut.split('\n').filter((line) => line.startsWith('+ change')).every((line) => /^\+ change \d+$/.test(line))).toBe(true);
  });

  it('measures bytes when asked (the job summary limit is in bytes)', () => {
    const text = 'é'.repeat(400) + '\n' + 'é'.repeat(400);
    expect(bytes(cutMarkdown(text, 1000, bytes))).toBeLessThanOrEqual(1000);
    expect(cutMarkdown(text, 1000).length).toBe(text.length); // 801 characters fit in 1000 characters
  });
});
