/** What `.` in a regular expression does not match; a `*` has never matched them, and still does not. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * Whether `address` matches `glob`, where `*` matches any run of characters other than line
 * breaks (none included) and everything else, brackets and dots included, is literal. This is
 * what `ignore:` rules use.
 *
 * Not a regular expression: `^a.*b.*c.*…$` backtracks, and a rule with a few dozen `*` from a
 * pull request took seconds per drift item (and longer with each `*`). Here no choice is ever
 * undone, so the time is O(address × glob) at worst, whatever the glob.
 */
export function matchesGlob(glob: string, address: string): boolean {
  if (LINE_BREAK.test(glob)) return matchesByTable(glob, address);
  // Neither a piece of this glob nor a `*` can match a line break.
  return !LINE_BREAK.test(address) && matchesPieces(glob, address);
}

/**
 * The text between stars is found left to right, each piece at its first place after the
 * previous one. Taking the first place is never wrong: a later piece only gains from more
 * room to its right. At most one `indexOf` per piece.
 */
function matchesPieces(glob: string, address: string): boolean {
  const pieces = glob.split('*');
  if (pieces.length === 1) return glob === address;
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (address.length < first.length + last.length) return false;
  if (!address.startsWith(first) || !address.endsWith(last)) return false;
  // The middle pieces must fit between the first piece and the last one, in order, without overlap.
  const end = address.length - last.length;
  let from = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    const at = address.indexOf(piece, from);
    if (at === -1 || at + piece.length > end) return false;
    from = at + piece.length;
  }
  return true;
}

/**
 * A glob that itself holds a line break (possible in a quoted YAML string): the pieces are no
 * longer free to take their first place, so every prefix of the glob is matched against every
 * prefix of the address, one row at a time (O(address × glob) steps, O(address) memory).
 */
function matchesByTable(glob: string, address: string): boolean {
  // row[j]: the glob so far matches the first j characters of the address.
  let row: boolean[] = Array.from({ length: address.length + 1 }, (_, j) => j === 0);
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const next: boolean[] = new Array<boolean>(address.length + 1).fill(false);
    if (c === '*') {
      next[0] = row[0]!;
      for (let j = 1; j <= address.length; j++) next[j] = row[j]! || (next[j - 1]! && !LINE_BREAK.test(address[j - 1]!));
    } else {
      for (let j = 1; j <= address.length; j++) next[j] = row[j - 1]! && address[j - 1] === c;
    }
    row = next;
  }
  return row[address.length]!;
}
