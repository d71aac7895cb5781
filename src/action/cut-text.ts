const NOTE = '\n\n_… cut here: the full report is larger than GitHub allows; see the run log, or the `plan-json` / `report` output._\n';

/**
 * Cuts Markdown to fit a size limit (GitHub: 1 MiB for a job summary, 65,536 characters for a
 * comment) at a line boundary, closes a code fence left open, and says that it was cut.
 * `measure` is bytes for the summary, characters for comments.
 */
export function cutMarkdown(text: string, limit: number, measure: (s: string) => number = (s) => s.length): string {
  if (measure(text) <= limit) return text;
  const reserve = measure(NOTE) + 16; // the note and a closing fence
  const kept: string[] = [];
  let size = 0;
  for (const line of text.split('\n')) {
    const cost = measure(line) + 1;
    if (size + cost + reserve > limit) break;
    kept.push(line);
    size += cost;
  }
  let open: string | undefined;
  for (const line of kept) {
    const fence = /^(`{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (open === undefined) open = fence;
    else if (line.trim() === open) open = undefined;
  }
  return `${kept.join('\n')}${open ? `\n${open}` : ''}${NOTE}`;
}

export const bytes = (s: string) => Buffer.byteLength(s);
