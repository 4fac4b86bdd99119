import fc from 'fast-check';
import { PatientEvent } from '../events/patient-event';
import { arbHistory, arbMinute, iso, WINDOW_MINUTES } from '../spec/arbitraries';
import { instantOf } from '../time/danish-time';
import { statusAt } from './status-at';

const FAR = instantOf('2100-01-01T00:00:00Z');
const statusOf = (events: readonly PatientEvent[], minute: number, knownAt = FAR) =>
  statusAt(events, { patientId: 'p', at: instantOf(iso(minute)), knownAt });

describe('status projection properties', () => {
  it('R1.1/R1.2 DNACPR if and only if some instrument is in force; otherwise a stated reason', () =>
    fc.assert(fc.property(arbHistory, arbMinute, (events, minute) => {
      const s = statusOf(events, minute);
      const anyInForce = s.instruments.some((i) => i.state === 'in_force');
      expect(s.status).toBe(anyInForce ? 'DNACPR' : 'ATTEMPT_CPR');
      if (s.status === 'ATTEMPT_CPR') {
        expect(s.reason).not.toBeNull();
        expect(s.basis).toBeNull();
        expect(s.decision).toBeNull();
      } else {
        expect(s.instruments.find((i) => i.id === s.decision?.decisionId)?.state).toBe('in_force');
      }
    }), { numRuns: 300 }));

  // Recorded after everything they state, the events' own times decide: the order of recording does not.
  // (Record time matters only for a wish for CPR stated ahead of its recording, R1.4 — see r1-default-and-doubt.spec.ts.)
  it('the fold is deterministic and does not depend on how recording interleaved', () =>
    fc.assert(fc.property(arbHistory, arbMinute, fc.integer(), (events, minute, seed) => {
      const [registration, ...rest] = events;
      const late = (e: PatientEvent, i: number) => ({ ...e, recordedAt: iso(2 * WINDOW_MINUTES + i) });
      const inOrder = [registration, ...rest.map(late)];
      const shuffled = [registration, ...shuffle(rest, seed).map(late)];
      const a = statusOf(inOrder, minute);
      expect(statusOf(inOrder, minute)).toEqual(a);
      expect(statusOf(shuffled, minute)).toEqual(a);
    }), { numRuns: 300 }));

  it('R3.3/R4.4/R5.4 a withdrawn decision never yields DNACPR again', () =>
    fc.assert(fc.property(arbHistory, fc.integer({ min: 0, max: 2 * WINDOW_MINUTES }), (events, minute) => {
      const s = statusOf(events, minute);
      for (const e of events) {
        if (e.type !== 'Revised' || e.data.action !== 'withdraw' || instantOf(e.data.revisedAt) > instantOf(iso(minute))) continue;
        expect(s.decision?.decisionId).not.toBe(e.data.decisionId);
        expect(s.instruments.find((i) => i.id === e.data.decisionId)?.state).toBe('withdrawn');
      }
    }), { numRuns: 300 }));

  it('knownAt before an event was recorded never sees it', () =>
    fc.assert(fc.property(arbHistory.filter((h) => h.length > 1), fc.nat(), arbMinute, (events, pick, minute) => {
      const cut = 1 + (pick % (events.length - 1));
      const knownAt = instantOf(events[cut].recordedAt) - 1;
      const asKnown = statusOf(events, minute, knownAt);
      const withoutLater = statusOf(events.slice(0, cut), minute, knownAt);
      expect(asKnown).toEqual(withoutLater);
      expect(asKnown.version).toBe(cut);
    }), { numRuns: 300 }));
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed | 0;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    const j = Math.abs(s) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
