import { Option } from 'commander';

/** `-f PATH`, repeatable; the default is access.yaml in the working directory (DESIGN §5). */
export function fileOption(): Option {
  return new Option('-f, --file <path>', 'desired-state file or directory (repeatable)')
    .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
}

export function filesOrDefault(files: string[] | undefined): string[] {
  return files && files.length > 0 ? files : ['access.yaml'];
}

export function formatOption(formats: readonly string[], fallback: string): Option {
  return new Option('--format <format>', 'output format').choices(formats).default(fallback);
}
