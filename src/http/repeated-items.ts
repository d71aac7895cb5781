import { printable, type PaginationError } from './errors.js';

/**
 * The keys of the items seen so far in one paginated collection, with the page each was on.
 * An item seen twice (on an earlier page or on the same one) makes the read inconsistent even
 * when the totals add up: the repeat may stand in for an item left out, which would then look
 * deleted. `5` and `"5"` are one key, as they are to whatever reads the collection; an item
 * without a usable key is not checked here (what reads it rejects it). Both providers' paginators use it.
 */
export class RepeatedItems<T> {
  readonly #pageOf = new Map<string, number>();

  constructor(
    private readonly keyOf: (item: T) => string | number | undefined,
    private readonly fail: (problem: PaginationError['problem'], detail: string) => PaginationError,
    /** How the message names a key: `id ` for Chartio's `repeats id "5"`, nothing for Grafana's several keys. */
    private readonly keyName = '',
  ) {}

  /** Whether every item of `items` was seen before (a server that ignores `page` answers the same page forever). */
  allSeen(items: readonly T[]): boolean {
    return items.length > 0 && items.every((item) => this.#pageOf.has(String(this.keyOf(item))));
  }

  /** Records one page's items, throwing `repeated-item` for a key already seen. */
  check(items: readonly T[], page: number): void {
    for (const item of items) {
      const id = this.keyOf(item);
      if (id === undefined) continue;
      const key = String(id);
      const earlier = this.#pageOf.get(key);
      if (earlier !== undefined) throw this.fail('repeated-item', `page ${page} repeats ${this.keyName}"${printable(key, 80)}" of page ${earlier}: the pages are inconsistent`);
      this.#pageOf.set(key, page);
    }
  }
}
