/**
 * The addresses an address sits below, shortest first: `team[A].member[x]` sits below
 * `team[A]`; `org[Main Org.].team[SRE].member[a]` below `org[Main Org.]` and
 * `org[Main Org.].team[SRE]`. A `.` inside brackets belongs to the name (`Main Org.`, an email),
 * so only a `.` outside every bracket separates levels.
 */
export function addressPrefixes(address: string): string[] {
  const prefixes: string[] = [];
  let depth = 0;
  for (let i = 0; i < address.length; i++) {
    const c = address[i];
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '.' && depth === 0 && i > 0) prefixes.push(address.slice(0, i));
  }
  return prefixes;
}
