import fc from 'fast-check';
import { remembered } from './remembered';

describe('remembered answers are the function\'s own answers', () => {
  const instants = fc.oneof(
    fc.integer({ min: -(2 ** 35), max: 2 ** 35 }).map((minute) => minute * 60_000), // whole minutes, within and beyond the small-integer range
    fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), // any millisecond
    fc.constantFrom(0, -0, Number.NaN, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 30 * 60_000, (2 ** 30 - 1) * 60_000),
  );

  it('for instants on and off the minute, asked twice in any order', () =>
    fc.assert(fc.property(fc.array(instants, { maxLength: 60 }), (keys) => {
      const render = (instant: number) => `rendered ${instant}`;
      const recall = remembered(render, 16);
      for (const key of [...keys, ...keys.reverse()]) expect(recall(key)).toBe(render(key));
    })));

  it('a whole minute and the millisecond after it are two answers, not one', () => {
    const recall = remembered((instant: number) => instant);
    expect(recall(60_000)).toBe(60_000);
    expect(recall(60_001)).toBe(60_001);
    expect(recall(60_000)).toBe(60_000);
  });

  it('for strings', () => {
    const recall = remembered((date: string) => `${date}!`, 2);
    for (const date of ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-01']) expect(recall(date)).toBe(`${date}!`);
  });

  it('computes once per key while the memory has room, and starts afresh when it is full', () => {
    let computed = 0;
    const recall = remembered((instant: number) => (computed += 1, instant), 2);
    recall(0); recall(0); recall(60_000); recall(60_000);
    expect(computed).toBe(2);
    recall(120_000); // full: starts afresh, then remembers this one
    recall(120_000);
    expect(computed).toBe(3);
    recall(0);
    expect(computed).toBe(4);
  });
});
