import { byteCappedPage, PageSource } from './byte-capped-page';

/** Entries 1..total, each `size` characters of JSON once rendered; reads are recorded. */
function numbers(total: number, size: number) {
  const reads: Array<[number | undefined, number]> = [];
  const source: PageSource<number, number> = {
    read: (after, n) => { reads.push([after, n]); const from = (after ?? 0) + 1; return Array.from({ length: Math.max(0, Math.min(n, total - from + 1)) }, (_, i) => from + i); },
    cursorOf: (entry) => entry,
    render: () => 'x'.repeat(size - 2), // a JSON string of `size` characters with its quotes
  };
  return { source, reads };
}

describe('a page bounded in entries and in size', () => {
  it('ends at limit, reading in small chunks, and says more may follow', () => {
    const { source, reads } = numbers(1_000, 10);
    const page = byteCappedPage(50, source, 1_000_000);
    expect(page).toMatchObject({ count: 50, lastCursor: 50, mayHaveMore: true });
    expect(JSON.parse(page.json)).toHaveLength(50);
    expect(reads.every(([, n]) => n <= 20)).toBe(true);
  });

  it('ends at the end of the list without promising more', () => {
    const { source } = numbers(7, 10);
    expect(byteCappedPage(50, source, 1_000_000)).toMatchObject({ count: 7, lastCursor: 7, mayHaveMore: false });
  });

  it('ends before the entry that would pass the budget, and the next page starts there', () => {
    const { source } = numbers(100, 1_000);
    const page = byteCappedPage(100, source, 10_500);
    expect(page).toMatchObject({ count: 10, lastCursor: 10, mayHaveMore: true });
    expect(page.json.length).toBeLessThanOrEqual(10_500 + 11);
    // What the page holds, not the entry rendered and left for the next page: the outbox audits these.
    expect(page.entries).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('always holds one entry, however large, so paging never stalls', () => {
    const { source } = numbers(3, 5_000);
    expect(byteCappedPage(10, source, 100)).toMatchObject({ count: 1, lastCursor: 1, mayHaveMore: true });
  });

  it('an empty list is an empty page with no cursor', () => {
    const { source } = numbers(0, 10);
    expect(byteCappedPage(10, source)).toEqual({ json: '[]', count: 0, entries: [], lastCursor: undefined, mayHaveMore: false });
  });
});
