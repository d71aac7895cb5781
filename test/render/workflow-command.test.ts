import { describe, expect, it } from 'vitest';
import { workflowCommand } from '../../src/render/workflow-command.js';

describe('workflowCommand', () => {
  it.each<[string, Parameters<typeof workflowCommand>[0], string]>([
    ['an error at a line', { severity: 'error', message: 'teams.X: no such team', file: 'a.yaml', line: 3, col: 7 }, '::error file=a.yaml,line=3,col=7,title=accessctl::teams.X: no such team'],
    ['a warning with no place', { severity: 'warning', message: 'look-alike' }, '::warning title=accessctl::look-alike'],
    // @actions/core: data escapes %, CR, LF; properties also : and ,.
    ['a property with : and ,', { severity: 'error', message: 'm', file: 'a,b:c%.yaml', line: 1, col: 1 }, '::error file=a%2Cb%3Ac%25.yaml,line=1,col=1,title=accessctl::m'],
    ['a literal %0A in the message', { severity: 'error', message: 'x%0A::warning::y' }, '::error title=accessctl::x%250A::warning::y'],
    // A line break never reaches the runner: escapeControl shows it first, as validate's lines do.
    ['a line break in the message', { severity: 'error', message: 'x\n::set-output name=a::b\r' }, '::error title=accessctl::x\\u000a::set-output name=a::b\\u000d'],
    ['an ANSI escape', { severity: 'error', message: 'x\u001b[2J' }, '::error title=accessctl::x\\u001b[2J'],
  ])('%s', (_name, annotation, line) => {
    expect(workflowCommand(annotation)).toBe(line);
    expect(workflowCommand(annotation)).not.toMatch(/[\r\n]/);
  });
});
