import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/bench-options.js';

const DIR = path.join('/repo', 'bench');

describe('npm run bench arguments', () => {
  it.each([
    [[], { quick: false, resultsFile: path.join(DIR, 'results.json') }],
    [['--quick'], { quick: true, resultsFile: path.join(DIR, 'results-quick.json') }],
  ])('%j', (args, expected) => {
    expect(parseBenchArgs(args, DIR)).toEqual(expected);
  });

  it('a quick run never writes the committed full-run file', () => {
    expect(parseBenchArgs(['--quick'], DIR).resultsFile).not.toBe(parseBenchArgs([], DIR).resultsFile);
  });

  it.each([['--qiuck'], ['--quick', 'extra'], ['quick']])('refuses %j with the usage', (...args) => {
    expect(() => parseBenchArgs(args, DIR)).toThrow(/^unknown argument "[^"]+"; usage: npm run bench \[-- --quick\]$/);
  });
});
