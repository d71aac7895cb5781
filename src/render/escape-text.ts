/**
 * Makes text from a server or a file safe to print: control characters (including the ESC
 * of ANSI sequences, CR and newlines that could forge extra lines) become visible `\uXXXX`
 * escapes, so a team named "x\u001b[2J" cannot clear a terminal or fake a plan line.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
