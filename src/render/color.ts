/**
 * Whether to colour one output stream, and the colours of `error:` and `warning:`. Colour is
 * for a person at a terminal: `--no-color` (`flag` false) and NO_COLOR (no-color.org, any
 * non-empty value) always turn it off; FORCE_COLOR turns it on where there is no terminal
 * (`0` or `false` turn it off, as in Node); otherwise a terminal gets colour and a pipe, a
 * file or a CI log none.
 */
export function wantsColor(isTTY: boolean, env: NodeJS.ProcessEnv, flag = true): boolean {
  if (!flag || env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY;
}

const SEVERITY_COLORS: Record<string, string> = { error: '31', warning: '33' };

/**
 * Paints the severity word red (`error`) or yellow (`warning`) where a line starts with it, or
 * with a location and then it (`access.yaml:3:5 error: …`), the two forms accessctl's problem
 * lines take. The rest of the line is left as it is, escaped by whoever wrote it.
 */
export function paintSeverities(text: string): string {
  return text.replace(/^([^\s:][^\n]*?:\d+:\d+ )?(error|warning):/gm, (_line, where: string | undefined, severity: string) => `${where ?? ''}\u001b[${SEVERITY_COLORS[severity]}m${severity}\u001b[0m:`);
}
