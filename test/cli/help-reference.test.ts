import { readFile } from 'node:fs/promises';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import type { CliIO } from '../../src/cli/io.js';
import { FAULT_KINDS } from '../../src/sim/shared/faults.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

/**
 * `--help` and the README's command reference say the same thing: for every command, the flags
 * its README heading (or, for `sim`, its synopsis) lists, with `[API flags]` standing for the
 * block under `plan` and the flags "every command also takes", are exactly the options commander
 * parses, and each `--flag a|b|c` lists exactly the choices commander accepts.
 */
const io: CliIO = {
  stdout: () => {},
  stderr: () => {},
  cwd: REPO_ROOT,
  env: {},
  stdinIsTTY: false,
  stdoutIsTTY: false,
  stderrIsTTY: false,
  readLine: async () => '',
  setExitCode: () => {},
  writeFile: async () => {},
};

const FLAG = /(?<![\w-])(--?[a-zA-Z][\w-]*)/g;
const flagsIn = (text: string) => [...text.matchAll(FLAG)].map((match) => match[1]!);

interface Reference {
  flags: Set<string>;
  choices: Map<string, string[]>;
}

async function readmeReference(): Promise<{ commands: Map<string, string>; apiFlags: string[]; everyCommand: string[] }> {
  const readme = await readFile(`${REPO_ROOT}/README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('\n## Commands\n'), readme.indexOf('\n## ', readme.indexOf('\n## Commands\n') + 1));
  const intro = section.slice(0, section.indexOf('\n### '));
  const everyCommand = flagsIn(/Every command also takes ([^.]*(?:\.[^ \n][^.]*)*)\./.exec(intro.replace(/\n/g, ' '))?.[1] ?? '');
  const block = /Every command that talks to the\s+API[^`:]*takes:\n\n```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const apiFlags = block.split('\n').flatMap((line) => (/^--[\w-]+/.exec(line) ? [/^--[\w-]+/.exec(line)![0]] : []));
  const commands = new Map<string, string>();
  for (const part of section.split('\n### ').slice(1)) {
    const heading = /^`(accessctl [^`]+)`/.exec(part)?.[1];
    if (!heading) continue;
    // `accessctl sim chartio [...]`: the synopsis is the first code span of the section.
    const synopsis = heading.includes('[...]') ? (/`(accessctl [^`]+)`/.exec(part.slice(part.indexOf('\n')))?.[1] ?? heading) : heading;
    commands.set(heading.replace(/^accessctl /, ''), synopsis.replace(/\s+/g, ' '));
  }
  return { commands, apiFlags, everyCommand };
}

function referenceFor(synopsis: string, apiFlags: string[], everyCommand: string[]): Reference {
  const flags = new Set([...flagsIn(synopsis), ...(synopsis.includes('[API flags]') ? apiFlags : []), ...everyCommand]);
  const choices = new Map([...synopsis.matchAll(/(--[\w-]+) ([\w.]+(?:\|[\w.]+)+)/g)].map((match) => [match[1]!, match[2]!.split('|')]));
  return { flags, choices };
}

function leaves(command: Command, path: string[] = []): [string, Command][] {
  return command.commands.length === 0 ? [[path.join(' '), command]] : command.commands.flatMap((sub) => leaves(sub, [...path, sub.name()]));
}

const names = (option: Option) => [option.long, option.short].filter((name): name is string => name !== undefined);

describe('--help and the README command reference', async () => {
  const { commands, apiFlags, everyCommand } = await readmeReference();
  const program = buildProgram(io);

  it('the README has the API flags block and the flags every command takes', () => {
    expect(apiFlags).toEqual(['--url', '--parallelism', '--rate-limit', '--timeout', '--max-read-mib', '--max-requests', '--deadline']);
    expect(everyCommand).toEqual(['--no-color', '-h', '--help']);
  });

  it.each(leaves(program))('%s: the same flags and choices both ways', (path, command) => {
    const heading = [...commands.keys()].find((key) => key === path || key.startsWith(`${path} `));
    expect(heading, `README has no "### \`accessctl ${path} …\`" heading`).toBeDefined();
    const reference = referenceFor(commands.get(heading!)!, apiFlags, everyCommand);
    const options = command.createHelp().visibleOptions(command);
    const undocumented = options.filter((option) => !names(option).some((name) => reference.flags.has(name))).map((option) => option.flags);
    const unknown = [...reference.flags].filter((flag) => !options.some((option) => names(option).includes(flag)));
    expect({ undocumented, unknown }).toEqual({ undocumented: [], unknown: [] });
    for (const [flag, listed] of reference.choices) {
      const option = options.find((o) => o.long === flag)!;
      expect([...(option.argChoices ?? [])].sort(), flag).toEqual([...listed].sort());
    }
  });

  it('every README command heading is a command', () => {
    const paths = leaves(program).map(([path]) => path);
    for (const heading of commands.keys()) expect(paths.some((path) => heading === path || heading.startsWith(`${path} `)), heading).toBe(true);
  });
});

describe('sim --help lists every fault kind the simulators inject, as the README does', () => {
  it.each(['chartio', 'grafana'])('sim %s --help', async (target) => {
    const run = await runCli(['sim', target, '--help']);
    expect(run.code).toBe(0);
    const help = run.stdout.replace(/\s+/g, ' ');
    expect(/\(kinds ([^)]*)\)/.exec(help)?.[1]?.split(' ')).toEqual([...FAULT_KINDS]);
  });

  it('the README lists the same kinds', async () => {
    const readme = await readFile(`${REPO_ROOT}/README.md`, 'utf8');
    const kinds = /\(kinds ((?:`[^`]+`,?\s*)+)\)/.exec(readme)?.[1];
    expect(kinds?.match(/`([^`]+)`/g)?.map((kind) => kind.slice(1, -1))).toEqual([...FAULT_KINDS]);
  });
});
