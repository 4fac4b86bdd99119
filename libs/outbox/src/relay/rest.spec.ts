import fc from 'fast-check';
import { CATCH_UP, GATHER_MS, Inflow, restFor } from './rest';

const work = { workedMs: 100, handled: 500, full: true, ratio: 3, inflowPerMs: 0, gatherMs: GATHER_MS };

describe('the relay rests while it works through a backlog, but never falls behind what comes in', () => {
  it('in steady flow (a round that was not full) it waits only its gathering moment, whatever the ratio', () => {
    expect(restFor({ ...work, full: false })).toBe(GATHER_MS);
    expect(restFor({ ...work, full: false, ratio: 0 })).toBe(GATHER_MS);
    expect(restFor({ ...work, full: false, gatherMs: 0 })).toBe(0);
  });

  it('with nothing coming in (or not known), a full round is followed by `ratio` times its work, at most a second', () => {
    expect(restFor(work)).toBe(300);
    expect(restFor({ ...work, workedMs: 900 })).toBe(1_000);
    expect(restFor({ ...work, inflowPerMs: Number.NaN })).toBe(300);
    expect(restFor({ ...work, ratio: 0 })).toBe(0);
  });

  it('with work coming in, the rest is cut so the backlog still clears at twice its rate', () => {
    // 500 in 100 ms, 1 per ms arriving: resting 150 ms drains 500 per 250 ms = 2 per ms.
    expect(restFor({ ...work, inflowPerMs: 1 })).toBeCloseTo(150);
    // more coming in than half of full speed: no rest at all
    expect(restFor({ ...work, inflowPerMs: 3 })).toBe(0);
    expect(restFor({ ...work, inflowPerMs: Infinity })).toBe(0);
  });

  it('whatever the round, the pace after its rest is the slower of the resting pace and twice the inflow — never slower, never faster', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.01, max: 5_000, noNaN: true }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.01, max: 20, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }),
      (workedMs, handled, ratio, inflowPerMs) => {
        const rested = restFor({ workedMs, handled, full: true, ratio, inflowPerMs, gatherMs: GATHER_MS });
        const asked = Math.min(workedMs * ratio, 1_000);
        const fullSpeed = handled / workedMs;
        const resting = handled / (workedMs + asked);
        const pace = handled / (workedMs + rested);
        const expected = inflowPerMs > 0 ? Math.min(fullSpeed, Math.max(resting, CATCH_UP * inflowPerMs)) : resting;
        expect(rested).toBeGreaterThanOrEqual(0);
        expect(rested).toBeLessThanOrEqual(asked);
        expect(pace / expected).toBeCloseTo(1, 6);
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
});
