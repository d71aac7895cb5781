/**
 * The encoding of a desired-state file that is not UTF-8, in words, or undefined. Editors on
 * Windows save "Unicode" as UTF-16; read as UTF-8 it is a NUL between every letter, which the
 * YAML parser reports as "must be a mapping, not text" at 1:1, naming nothing a person could fix.
 * UTF-32 is checked first: its little-endian mark starts with UTF-16's.
 */
export function notUtf8(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32 (byte order mark FF FE 00 00)';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32 (byte order mark 00 00 FE FF)';
  if (a === 0xff && b === 0xfe) return 'UTF-16 (little-endian, byte order mark FF FE)';
  if (a === 0xfe && b === 0xff) return 'UTF-16 (big-endian, byte order mark FE FF)';
  // Without a mark: ASCII text in UTF-16 has a NUL beside each of its first characters.
  if (bytes.length >= 4 && a !== 0 && b === 0 && c !== 0 && d === 0) return 'UTF-16 (little-endian, without a byte order mark)';
  if (bytes.length >= 4 && a === 0 && b !== 0 && c === 0 && d !== 0) return 'UTF-16 (big-endian, without a byte order mark)';
  return undefined;
}
