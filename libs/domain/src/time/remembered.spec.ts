import fc from 'fast-check';
import { remembered } from './remembered';

describe('remembered answers are the function\'s own answers', () => {
  // Keys near each other, so that a mapping that merged two of them would show: whole minutes of a
  // few instants, the milliseconds around them, their minute counts as raw numbers, and numbers
  // that are no instant at all (fractions, subnormals, the limits of the small-integer range).
  const bases = [0, 1_772_355_600_000, -86_400_000, (2 ** 30 - 1) * 60_000, 2 ** 30 * 60_000];
  const near = fc.tuple(fc.constantFrom(...bases), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -1, max: 1 }))
    .map(([base, minutes, ms]) => base + minutes * 60_000 + ms);
  const minuteCounts = near.map((instant) => instant / 60_000);
  const odd = fc.oneof(fc.double(), fc.constantFrom(0, -0, Number.MIN_VALUE, 1e-320, Number.NaN, Number.MAX_SAFE_INTEGER, Infinity));
  const keys = fc.array(fc.oneof(near, minuteCounts, odd), { maxLength: 60 });

  it('for instants on and off the minute and other numbers, each asked twice, forwards then backwards', () =>
    fc.assert(fc.property(keys, (asked) => {
      const render = (key: number) => `rendered ${key}`; // 0 and −0 render alike: the memo, like a Map, keeps them as one key
      const recall = remembered(render, 16);
      for (const key of [...asked, ...[...asked].reverse()]) expect(recall(key)).toBe(render(key));
    })));

  it('a whole minute and the number of that minute are two keys, not one', () => {
    const recall = remembered((key: number) => key);
    expect(recall(60_000)).toBe(60_000);
    expect(recall(1)).toBe(1);
    expect(recall(60_000)).toBe(60_000);
  });

  it('a whole minute and the millisecond after it are two answers, not one', () => {
    const recall = remembered((instant: number) => instant);
    expect(recall(60_000)).toBe(60_000);
    expect(recall(60_001)).toBe(60_001);
    expect(recall(60_000)).toBe(60_000);
  });

  it('a number too small to be an instant is not minute 0', () => {
    const recall = remembered((key: number) => key);
    expect(recall(5e-324)).toBe(5e-324);
    expect(recall(0)).toBe(0);
  });

  it('for strings', () => {
    const recall = remembered((date: string) => `${date}!`, 2);
    for (const date of ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-01', '1']) expect(recall(date)).toBe(`${date}!`);
  });

  it('computes a whole minute once while its slot keeps it; a minute that falls in the same slot takes its place', () => {
    let computed = 0;
    const recall = remembered((instant: number) => {
      computed += 1;
      return instant;
    }, 2); // two slots: minutes 0 and 2 share one, minute 1 has the other
    recall(0); recall(0); recall(60_000); recall(60_000);
    expect(computed).toBe(2);
    recall(120_000); // minute 2 takes minute 0's slot
    recall(120_000);
    recall(60_000);
    expect(computed).toBe(3);
    expect(recall(0)).toBe(0); // computed again
    expect(computed).toBe(4);
  });

  it('keeps every minute of 45 days with the default size (consecutive minutes never share a slot)', () => {
    let computed = 0;
    const recall = remembered((instant: number) => {
      computed += 1;
      return instant;
    });
    const start = 1_772_355_600_000;
    const minutes = Array.from({ length: 2 ** 16 }, (_, i) => start + i * 60_000);
    for (const instant of minutes) recall(instant);
    for (const instant of minutes) expect(recall(instant)).toBe(instant);
    expect(computed).toBe(2 ** 16);
    expect(recall(start + 2 ** 16 * 60_000)).toBe(start + 2 ** 16 * 60_000); // the next minute shares the first one's slot
    expect(recall(start)).toBe(start);
    expect(computed).toBe(2 ** 16 + 2);
  });

  it('other keys: computes once per key while the memory has room, and starts afresh when it is full', () => {
    let computed = 0;
    const recall = remembered((instant: number) => {
      computed += 1;
      return instant;
    }, 2);
    recall(1); recall(1); recall(60_001); recall(60_001); // off the minute
    expect(computed).toBe(2);
    recall(120_001); // full: starts afresh, then remembers this one
    recall(120_001);
    expect(computed).toBe(3);
    recall(1);
    expect(computed).toBe(4);
  });
});
