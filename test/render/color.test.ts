import { describe, expect, it } from 'vitest';
import { paintSeverities, wantsColor } from '../../src/render/color.js';

describe('wantsColor: colour for a person at a terminal, and never against --no-color or NO_COLOR', () => {
  it.each([
    [true, {}, true, true],
    [false, {}, true, false],
    [true, {}, false, false], // --no-color
    [true, { NO_COLOR: '1' }, true, false],
    [true, { NO_COLOR: '' }, true, true], // no-color.org: only a non-empty value counts
    [false, { FORCE_COLOR: '1' }, true, true],
    [false, { FORCE_COLOR: '3' }, true, true],
    [true, { FORCE_COLOR: '0' }, true, false],
    [true, { FORCE_COLOR: 'false' }, true, false],
    [false, { FORCE_COLOR: '' }, true, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true, false],
    [false, { FORCE_COLOR: '1' }, false, false],
  ])('tty=%s env=%j flag=%s: %s', (tty, env, flag, expected) => {
    expect(wantsColor(tty, env, flag)).toBe(expected);
  });
});

describe('paintSeverities', () => {
  const red = (word: string) => `\u001b[31m${word}\u001b[0m`;
  const yellow = (word: string) => `\u001b[33m${word}\u001b[0m`;
  it.each([
    ['error: reading live state failed\n', `${red('error')}: reading live state failed\n`],
    ['warning: look-alike names\n', `${yellow('warning')}: look-alike names\n`],
    ['access.yaml:3:5 error: teams.A: unknown key\n', `access.yaml:3:5 ${red('error')}: teams.A: unknown key\n`],
    ['teams/a b.yaml:12:1 warning: ignore[0]: matches nothing\n', `teams/a b.yaml:12:1 ${yellow('warning')}: ignore[0]: matches nothing\n`],
    ['error: refusing to apply:\n  - error: inside\n', `${red('error')}: refusing to apply:\n  - error: inside\n`],
    ['done: + create team "error: x"\n', 'done: + create team "error: x"\n'],
    ['errors: 3\n', 'errors: 3\n'],
  ])('%j', (text, expected) => {
    expect(paintSeverities(text)).toBe(expected);
  });
});
