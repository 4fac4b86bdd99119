import fc from 'fast-check';
import { arrivalRate, CATCH_UP, GATHER_MS, Inflow, restFor } from './rest';

const work = { workedMs: 100, handled: 500, full: true, ratio: 3, inflowPerMs: 0 };

describe('the relay rests while it works through a backlog, but never falls behind what comes in', () => {
  it('in steady flow (a round that was not full) it waits only a moment, so what arrives meanwhile shares the next commit', () => {
    expect(restFor({ ...work, full: false })).toBe(GATHER_MS);
    expect(restFor({ ...work, full: false, ratio: 0 })).toBe(GATHER_MS);
  });

  it('with nothing coming in, a full round is followed by `ratio` times its work (at most a second)', () => {
    expect(restFor(work)).toBe(300);
    expect(restFor({ ...work, workedMs: 900 })).toBe(1_000);
  });

  it('with messages coming in, the rest is cut so the backlog still clears at twice their rate', () => {
    // 500 in 100 ms, 1 per ms arriving: resting 150 ms drains 500 per 250 ms = 2 per ms.
    expect(restFor({ ...work, inflowPerMs: 1 })).toBeCloseTo(150);
    // more coming in than half of full speed: no rest at all
    expect(restFor({ ...work, inflowPerMs: 3 })).toBe(0);
  });

  it('whatever the round, the pace after its rest is full speed / (1 + ratio) or at least twice the inflow, whichever is faster', () => {
    fc.assert(fc.property(
      fc.double({ min: 1, max: 5_000, noNaN: true }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 20, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }),
      (workedMs, handled, ratio, inflowPerMs) => {
        const rested = restFor({ workedMs, handled, full: true, ratio, inflowPerMs });
        const pace = handled / (workedMs + rested);
        const fullSpeed = handled / workedMs;
        expect(rested).toBeGreaterThanOrEqual(0);
        expect(pace).toBeGreaterThanOrEqual(Math.min(fullSpeed, Math.max(CATCH_UP * inflowPerMs, fullSpeed / (1 + ratio))) * (1 - 1e-9));
      },
    ));
  });
});

describe('how fast work comes in', () => {
  it('a steady 1 per ms reads as about 1 per ms, and fades once it stops', () => {
    const inflow = new Inflow();
    for (let t = 0; t <= 60_000; t += 10) inflow.add(10, t);
    expect(inflow.perMs(60_000)).toBeGreaterThan(0.95);
    expect(inflow.perMs(60_000)).toBeLessThan(1.05);
    expect(inflow.perMs(90_000)).toBeLessThan(0.02);
  });

  it('read off recording times: a page of live traffic shows its rate, one event shows none', () => {
    expect(arrivalRate([0, 5, 10, 15, 20])).toBeCloseTo(0.2);
    expect(arrivalRate([1_000])).toBe(0);
    expect(arrivalRate([7, 7, 7])).toBe(2); // recorded in the same millisecond: counted over one
  });
});
