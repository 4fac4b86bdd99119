/**
 * A page of a list answer bounded in bytes as well as in entries. One patient's long record can
 * make single entries large (a status feed entry lists every instrument; a message carries its
 * thread): a page of them must neither grow too large to serialise — a 500 for a valid request —
 * nor hold the event loop, and with it every crew's status lookup, for seconds. So entries are
 * read in small chunks and each is serialised once, as it is added; the page ends after `limit`
 * entries or once it holds about `budget` characters — always with at least one entry, so a
 * client paging on never stalls.
 */
export const PAGE_BUDGET_CHARS = 1 << 20;
const CHUNK = 20;

export interface PageSource<T, C> {
  /** Up to `n` entries after `cursor` (undefined: from where the caller asked to start), in page order. */
  read(cursor: C | undefined, n: number): T[];
  cursorOf(entry: T): C;
  render(entry: T): unknown;
}

export interface CappedPage<T, C> {
  /** The page as a JSON array. */
  json: string;
  count: number;
  /** The entries the page holds, in page order: what its reader was shown (the outbox audits it). */
  entries: T[];
  /** Where the next page starts; undefined when the page is empty. */
  lastCursor: C | undefined;
  /** Whether entries may follow: the page ended on `limit` or on the budget, not at the end of the list. */
  mayHaveMore: boolean;
}

export function byteCappedPage<T, C>(limit: number, source: PageSource<T, C>, budget = PAGE_BUDGET_CHARS): CappedPage<T, C> {
  const parts: string[] = [];
  const entries: T[] = [];
  let size = 0;
  let cursor: C | undefined;
  const page = (mayHaveMore: boolean): CappedPage<T, C> => ({ json: `[${parts.join(',')}]`, count: parts.length, entries, lastCursor: cursor, mayHaveMore });
  while (parts.length < limit) {
    const wanted = Math.min(CHUNK, limit - parts.length);
    const chunk = source.read(cursor, wanted);
    for (const entry of chunk) {
      const json = JSON.stringify(source.render(entry));
      if (parts.length > 0 && size + json.length > budget) return page(true);
      parts.push(json);
      entries.push(entry);
      size += json.length;
      cursor = source.cursorOf(entry);
    }
    if (chunk.length < wanted) return page(false);
  }
  return page(true);
}
