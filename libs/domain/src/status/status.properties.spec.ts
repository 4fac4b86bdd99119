import fc from 'fast-check';
import { PatientEvent } from '../events/patient-event';
import { arbHistory, arbMinute, iso, WINDOW_MINUTES } from '../spec/arbitraries';
import { instantOf } from '../time/danish-time';
import { statusAt } from './status-at';
import { willInstruments } from './timeline';
import { ResuscitationStatus } from './resuscitation-status';

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
  // Record order matters in two places only, both by design: a wish for CPR stated ahead of its recording (R1.4,
  // second-pass.spec.ts), and which will instrument an activation completes or starts after a withdrawal (R6.3/R6.7:
  // a will instrument is named by its first-recorded activation). So wills are compared by kind and situation,
  // and histories that withdraw an activation are left to the rule specs.
  it('the fold is deterministic and does not depend on how recording interleaved', () =>
    fc.assert(fc.property(arbHistory.filter((h) => !withdrawsAnActivation(h)), arbMinute, fc.integer(), (events, minute, seed) => {
      const [registration, ...rest] = events;
      const late = (e: PatientEvent, i: number) => ({ ...e, recordedAt: iso(2 * WINDOW_MINUTES + i) });
      const inOrder = [registration, ...rest.map(late)];
      const shuffled = [registration, ...shuffle(rest, seed).map(late)];
      const a = willsByKind(statusOf(inOrder, minute));
      expect(willsByKind(statusOf(inOrder, minute))).toEqual(a);
      expect(willsByKind(statusOf(shuffled, minute))).toEqual(a);
    }), { numRuns: 300 }));

  it('R3.3/R4.4/R5.4/R5.5/R6.7 a withdrawn decision or will activation never yields DNACPR again', () =>
    fc.assert(fc.property(arbHistory, fc.integer({ min: 0, max: 2 * WINDOW_MINUTES }), (events, minute) => {
      const s = statusOf(events, minute);
      const instrumentOf = willInstruments(events); // an activation that completed another is withdrawn with its instrument
      for (const e of events) {
        const ends = e.type === 'Revised' && (e.data.action === 'withdraw' || e.data.action === 'declare_invalid');
        if (!ends || instantOf(e.data.revisedAt) > instantOf(iso(minute))) continue;
        const id = instrumentOf.get(e.data.decisionId) ?? e.data.decisionId;
        expect(s.decision?.decisionId).not.toBe(id);
        expect(s.instruments.find((i) => i.id === id)?.state).toBe('withdrawn');
      }
    }), { numRuns: 300 }));

  // R5.3b: whatever the wish's stated time, once it is recorded no later moment answers DNACPR from
  // an instrument the patient made before it — until discharge on significant improvement ends it.
  it('R5.3b after a wish for CPR is recorded, no later at yields DNACPR from a patient-made instrument made before it', () =>
    fc.assert(fc.property(arbHistory, fc.integer({ min: 0, max: 2 * WINDOW_MINUTES }), (events, minute) => {
      const at = instantOf(iso(minute));
      const s = statusOf(events, minute);
      for (const wish of events) {
        if (wish.type !== 'TemporarilyRevoked' || instantOf(wish.recordedAt) > at) continue;
        const effective = Math.min(instantOf(wish.data.statedAt), instantOf(wish.recordedAt));
        if (effective > at || endedByDischarge(events, wish.data.illnessSituation.id, at)) continue;
        if (s.status !== 'DNACPR') continue;
        expect(['register', 'testament']).not.toContain(s.basis);
        if (s.basis === 'patient') expect(instantOf(s.decision!.decidedAt)).toBeGreaterThanOrEqual(effective);
      }
    }), { numRuns: 500 }));

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

function withdrawsAnActivation(events: readonly PatientEvent[]): boolean {
  const activations = new Set(events.flatMap((e) => (e.type === 'TestamentActivated' ? [e.data.activationId ?? e.eventId] : [])));
  return events.some((e) => e.type === 'Revised' && activations.has(e.data.decisionId));
}

/** The status with each will instrument named by its kind and situation rather than by its first activation's id. */
function willsByKind(s: ResuscitationStatus): unknown {
  const names = new Map(s.instruments.filter((i) => i.kind === 'testament').map((i) => [i.id, `will:${i.testament?.kind}/${i.testament?.situation}`]));
  const rename = (id: string) => names.get(id) ?? id;
  return {
    ...s,
    decision: s.decision && { ...s.decision, decisionId: rename(s.decision.decisionId), decidedAt: names.has(s.decision.decisionId) ? 'an activation' : s.decision.decidedAt, decidedBy: names.has(s.decision.decisionId) ? null : s.decision.decidedBy },
    instruments: s.instruments.map((i) => (names.has(i.id) ? { ...i, id: rename(i.id), decidedAt: 'an activation', since: 'its activations' } : i)).sort((a, b) => a.id.localeCompare(b.id)),
    flags: s.flags.map((f) => (f.instrumentId ? { ...f, instrumentId: rename(f.instrumentId) } : f)),
  };
}

/** A dischargeable improvement naming the situation, in effect by `at`, ends a temporary revocation (R5.3). */
function endedByDischarge(events: readonly PatientEvent[], situationId: string, at: number): boolean {
  return events.some((e) => e.type === 'ConditionImproved' && e.data.dischargeable && e.data.illnessSituationId === situationId && instantOf(e.data.at) <= at);
}

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
