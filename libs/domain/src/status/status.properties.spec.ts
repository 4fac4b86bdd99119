import fc from 'fast-check';
import { PatientCommand } from '../commands/commands';
import { decide } from '../decider/decide';
import { foldDeciderState } from '../decider/decider-state';
import { isRejection } from '../decider/rejection';
import { EventOf, PatientEvent } from '../events/patient-event';
import { DecisionMadeData } from '../events/event-data';
import { arbHistory, arbMinute, iso, WINDOW_MINUTES } from '../spec/arbitraries';
import { actor, conditionImproved, decisionMade, handedOverTo, testamentActivated, willLookedUp } from '../spec/builders';
import { revise, revokeTemporarily } from '../spec/commands';
import { Role } from '../vocabulary/primitives';
import { instantOf } from '../time/danish-time';
import { statusAt } from './status-at';
import { effectiveInstantOf } from './effective-time';
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
  // Record order matters in four places only, all by design: a wish for CPR stated ahead of its recording (R1.4,
  // second-pass.spec.ts); which will instrument an activation completes or starts after a withdrawal (R6.3/R6.7:
  // a will instrument is named by its first-recorded activation); whether a physician's re-evaluation was made
  // knowing of the patient's wish for CPR (PATIENT_WISHES_CPR ends only on one recorded after the wish,
  // what-ends-and-suspends.spec.ts R5.3b); whether a physician's decision was recorded after her own withdrawal
  // (R3.3: then it is her newer word, timeline.ts newerWordOfTheWithdrawer); and whether a decision stated at an
  // improvement's minute was entered after it (R4.5a: made knowing of it, timeline.ts madeKnowingOf); and whether a
  // re-evaluation was entered after the improvement that asks for it (R3.4/R6.8, timeline.ts madeWithoutKnowing). So
  // wills are compared by kind and situation, that flag is left out, and histories that withdraw an activation or a
  // physician's decision beside another, state a decision at an improvement's minute, or reaffirm beside an
  // improvement, are left to the rule specs.
  it('the fold is deterministic and does not depend on how recording interleaved', () =>
    fc.assert(fc.property(arbHistory.filter((h) => !withdrawsAnActivation(h) && !withdrawsOneOfSeveralPhysicianDecisions(h) && !decidesAtAnImprovementsMinute(h) && !reaffirmsBesideAnImprovement(h)), arbMinute, fc.integer(), (events, minute, seed) => {
      const [registration, ...rest] = events;
      const late = (e: PatientEvent, i: number) => ({ ...e, recordedAt: iso(2 * WINDOW_MINUTES + i) });
      const inOrder = [registration, ...rest.map(late)];
      const shuffled = [registration, ...shuffle(rest, seed).map(late)];
      const compared = (s: ResuscitationStatus) => willsByKind({ ...s, flags: s.flags.filter((f) => f.code !== 'PATIENT_WISHES_CPR') });
      const a = compared(statusOf(inOrder, minute));
      expect(compared(statusOf(inOrder, minute))).toEqual(a);
      expect(compared(statusOf(shuffled, minute))).toEqual(a);
    }), { numRuns: 300 }));

  // A physician's withdrawal ends every physician decision made no later; a register's, every look-up of the
  // register recorded before it (one found invalid: of that registration) — endsAlongWith in timeline.ts.
  it('R3.3/R4.4/R5.4/R5.5/R6.7 a withdrawn decision or will activation, and what ends with it, never yields DNACPR again', () =>
    fc.assert(fc.property(arbHistory, fc.integer({ min: 0, max: 2 * WINDOW_MINUTES }), (events, minute) => {
      const s = statusOf(events, minute);
      const instrumentOf = willInstruments(events); // an activation that completed another is withdrawn with its instrument
      for (const e of events) {
        const ends = e.type === 'Revised' && (e.data.action === 'withdraw' || e.data.action === 'declare_invalid');
        if (!ends || instantOf(e.data.revisedAt) > instantOf(iso(minute))) continue;
        for (const id of endedBy(e, events, instrumentOf)) {
          expect(s.decision?.decisionId).not.toBe(id);
          // One recorded before the withdrawal but stated for a later moment is not shown before that moment (R5.4).
          const made = events.find((m) => m.type === 'DecisionMade' && m.data.decisionId === id);
          const shown = made === undefined || effectiveInstantOf(made) <= instantOf(iso(minute));
          expect(s.instruments.find((i) => i.id === id)?.state).toBe(shown ? 'withdrawn' : undefined);
        }
      }
    }), { numRuns: 300 }));

  // R5.3b over random histories: a temporary revocation anywhere in the stream, stated within minutes of its
  // recording (arbHistory), suspends the patient-made instruments made before it — until discharge ends it.
  // The stated time far from the recording is the next property's.
  it('R5.3b a temporary revocation anywhere in a random history: no DNACPR from a patient-made instrument made before it', () =>
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

  // Issue 10: »En sådan midlertidig tilbagekaldelse træder i kraft med det samme« (000 undtagelse 5). A wish for
  // CPR — a temporary revocation (R5.3, R5.3b), a withdrawal of the patient's refusal (R4.4), a will activation
  // withdrawn (R6.7), a registration declared invalid (R5.5) — is put through the decider when it is recorded,
  // with its stated time anywhere from three days before that moment to two days after it (the decider never
  // refuses a wish for its time, stated-times.ts; R1.4 bounds every other stated time at 5 minutes ahead). From
  // its recording on, asked at any `at` and any `knownAt` at or after the recording, none of the patient-made
  // instruments it reaches answers DNACPR (effective at the earlier of stated and record time, R1.4):
  // - a temporary revocation in illness situation S: every registered refusal and will (R5.3b, also one recorded
  //   only later, R5.3a) and the patient's own refusals in S made before the wish took effect (a newer refusal
  //   is the patient's newer word) — until a dischargeable improvement of S after it ends it (R5.3);
  // - a withdrawal or declare_invalid: the instrument it names (a will: its instrument, R6.3/R6.7).
  it('R1.4/R4.4/R5.3b/R5.5/R6.7 after a wish for CPR is recorded, no later at yields DNACPR from a patient-made instrument it reaches, whatever its stated time', () =>
    fc.assert(fc.property(arbWishForCpr, (c) => {
      const decided = decide(c.wish, foldDeciderState(c.history), instantOf(iso(c.recorded)));
      if (isRejection(decided)) throw new Error(`the decider refused the wish: ${JSON.stringify(decided)}`);
      const wish = { ...decided[0], eventId: `wish-${c.recorded}`, schemaVersion: 1, recordedAt: iso(c.recorded), recordedBy: c.wish.by } as PatientEvent;
      const events = [...c.history, wish, ...c.tail];
      const s = statusAt(events, { patientId: 'p', at: c.at, knownAt: c.knownAt });
      const reached = reachedBy(wish, events, c.at);
      for (const i of s.instruments) if (reached(i)) expect(`${i.kind} ${i.id}: ${i.state}`).not.toBe(`${i.kind} ${i.id}: in_force`);
      if (s.status === 'DNACPR') expect(reached(s.instruments.find((i) => i.id === s.decision?.decisionId)!)).toBe(false);
    }), { numRuns: 1000 }));

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

/**
 * A history (arbHistory, after patient-made instruments made before it begins: a refusal, a registration, a will),
 * then a wish for CPR recorded after all of it, and a few events recorded after the wish (handovers, look-ups,
 * improvements that do not discharge, a physician decision, a registration only now looked up). Asked at and
 * known at or after the wish's recording.
 */
const DAY = 24 * 60;
const SITUATIONS = ['s1', 's2'] as const;
const situation = (id: string) => ({ id, description: `situation ${id}` });

const arbPatientMade = fc.record({ refusalIn: fc.option(fc.constantFrom(...SITUATIONS), { nil: undefined }), register: fc.boolean(), will: fc.boolean() });
const arbStatedOffset = fc.oneof(
  fc.integer({ min: -3 * DAY, max: 5 }), // days before the recording up to 5 minutes after it
  fc.integer({ min: -10, max: 5 }), // around the recording
  fc.integer({ min: 5, max: 2 * DAY }), // further ahead: accepted too, a wish is never refused for its time
);
const arbTail = fc.array(fc.record({
  kind: fc.constantFrom('handover' as const, 'lookup' as const, 'improvement' as const, 'physician' as const, 'register' as const),
  after: fc.integer({ min: 1, max: 2 * DAY }),
  situationId: fc.option(fc.constantFrom(...SITUATIONS), { nil: undefined }),
}), { maxLength: 3 });

const arbWishForCpr = fc.record({
  made: arbPatientMade,
  history: arbHistory,
  gap: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 3 * DAY })),
  kind: fc.constantFrom('revocation' as const, 'withdraw_refusal' as const, 'withdraw_will' as const, 'declare_invalid' as const),
  pick: fc.nat(),
  instrument: fc.constantFrom('register' as const, 'testament' as const),
  competent: fc.constantFrom(true, false, undefined),
  situationId: fc.constantFrom(...SITUATIONS),
  role: fc.constantFrom<Role>('physician', 'nurse', 'paramedic', 'care_worker'),
  stated: arbStatedOffset,
  tail: arbTail,
  at: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 3 * DAY })),
  knownAt: fc.option(fc.integer({ min: 0, max: 3 * DAY }), { nil: undefined }),
}).map((g) => {
  const [registration, ...rest] = g.history;
  const before = { recordedAt: iso(-1) };
  const made: PatientEvent[] = [
    ...(g.made.refusalIn ? [decisionMade({ basis: 'patient', decidedAt: iso(-1), illnessSituation: situation(g.made.refusalIn) }, before)] : []),
    ...(g.made.register ? [decisionMade({ basis: 'register', registeredAt: '2026-02-01', decidedAt: iso(-1) }, before)] : []),
    ...(g.made.will ? [testamentActivated({ assessedAt: iso(-1) }, before)] : []),
  ];
  const history = [registration, ...made, ...rest];
  const recorded = Math.max(0, ...history.map((e) => minuteOf(e.recordedAt))) + g.gap;
  const statedAt = iso(recorded + g.stated);
  const tail = [...g.tail].sort((a, b) => a.after - b.after).map((t, i) => tailEvent(t, recorded + t.after + i));
  return {
    history, recorded, tail,
    wish: wishCommand(history, g, statedAt),
    at: instantOf(iso(recorded + g.at)),
    knownAt: g.knownAt === undefined ? FAR : instantOf(iso(recorded + g.knownAt)),
  };
});

const minuteOf = (timestamp: string) => Math.round((instantOf(timestamp) - instantOf(iso(0))) / 60_000);

/** The wish the generator asked for; a revocation when the history holds nothing of that kind to end. */
function wishCommand(history: PatientEvent[], g: { kind: string; pick: number; instrument: 'register' | 'testament'; competent: boolean | undefined; situationId: string; role: Role }, statedAt: string): PatientCommand {
  const state = foldDeciderState(history);
  const live = (basis: string) => [...state.decisions].filter(([, d]) => d.basis === basis && !d.withdrawn).map(([id]) => id);
  const pick = (ids: string[]) => ids[g.pick % ids.length];
  if (g.kind === 'withdraw_refusal' && live('patient').length) return revise(pick(live('patient')), 'withdraw', g.role, statedAt);
  if (g.kind === 'declare_invalid' && live('register').length) {
    return revise(pick(live('register')), 'declare_invalid', 'nurse', statedAt, { assessment: 'Varigt inhabil ved registreringen', reportedToStps: { at: '2026-03-01' } });
  }
  const activations = [...state.activations].filter(([, a]) => a.withdrawnAt === null).map(([id]) => id);
  if (g.kind === 'withdraw_will' && activations.length) return revise(pick(activations), 'withdraw', 'physician', statedAt);
  const patientCompetent = g.instrument === 'testament' ? true : g.competent; // R6.4: a will is revoked only while competent
  return { ...revokeTemporarily({ instrument: g.instrument, illnessSituation: situation(g.situationId), statedAt, patientCompetent }), by: actor(g.role) };
}

function tailEvent(t: { kind: string; situationId: string | undefined }, minute: number): PatientEvent {
  const meta = { recordedAt: iso(minute) };
  const at = iso(minute);
  switch (t.kind) {
    case 'handover': return handedOverTo({ at }, meta);
    case 'lookup': return willLookedUp({ at, result: 'not_found' }, meta);
    case 'improvement': return conditionImproved({ at, dischargeable: false, illnessSituationId: t.situationId }, meta);
    case 'physician': return decisionMade({ basis: 'physician', decidedAt: at }, meta);
    default: return decisionMade({ basis: 'register', registeredAt: '2026-01-15', decidedAt: at }, meta); // R5.3a: looked up only now
  }
}

/** Which instruments the wish reaches at `at` (see the property). Computed from the events, not from the status code. */
function reachedBy(wish: PatientEvent, events: readonly PatientEvent[], at: number): (i: ResuscitationStatus['instruments'][number]) => boolean {
  if (wish.type === 'Revised') {
    const id = willInstruments(events).get(wish.data.decisionId) ?? wish.data.decisionId;
    const refusal = events.find((e): e is EventOf<'DecisionMade'> => e.type === 'DecisionMade' && e.data.decisionId === id && e.data.basis === 'patient');
    if (!refusal || wish.data.action !== 'withdraw') return (i) => i.id === id;
    // R4.4 + R5.3b: withdrawing their own refusal, the patient wishes CPR in its illness situation — from when
    // the withdrawal takes effect, which is never before the refusal exists (effective-time.ts notBeforeWhatTheyRevise).
    const effective = Math.max(Math.min(instantOf(wish.recordedAt), instantOf(wish.data.revisedAt)), instantOf(refusal.data.decidedAt));
    const wishReaches = wishReachesAt(events, at, effective, effective, refusal.data.illnessSituation!.id, undefined);
    return (i) => i.id === id || wishReaches(i);
  }
  if (wish.type !== 'TemporarilyRevoked') throw new Error(`not a wish for CPR: ${wish.type}`);
  return wishReachesAt(events, at, instantOf(wish.recordedAt), instantOf(wish.data.statedAt), wish.data.illnessSituation.id, wish.data.patientCompetent);
}

/**
 * A wish for CPR in illness situation S, effective at the earlier of stated and record time (R1.4), reaches every
 * registered refusal, every will unless the patient was recorded as incompetent (R6.4), and the patient's own
 * refusals in S made before it — until a dischargeable improvement of S ends it (R5.3).
 */
function wishReachesAt(events: readonly PatientEvent[], at: number, recordedAt: number, statedAt: number, situationId: string, competent: boolean | undefined): (i: ResuscitationStatus['instruments'][number]) => boolean {
  const effective = Math.min(statedAt, recordedAt);
  const discharged = events.some((e) => e.type === 'ConditionImproved' && e.data.dischargeable && e.data.illnessSituationId === situationId
    && instantOf(e.data.at) >= effective && instantOf(e.data.at) <= at);
  if (discharged) return () => false;
  return (i) => i.kind === 'register' || (i.kind === 'testament' && competent !== false) || (i.kind === 'patient' && i.illnessSituationId === situationId && instantOf(i.decidedAt) < effective);
}

/** The instruments a withdrawal or an invalid registration ends, read off the events (the named one, and those recorded before it that end with it). */
function endedBy(revision: EventOf<'Revised'>, events: readonly PatientEvent[], instrumentOf: ReadonlyMap<string, string>): string[] {
  const decisions = events.flatMap((e) => (e.type === 'DecisionMade' && instantOf(e.recordedAt) <= instantOf(revision.recordedAt) ? [e.data] : []));
  const named = decisions.find((d) => d.decisionId === revision.data.decisionId);
  if (!named) return [instrumentOf.get(revision.data.decisionId) ?? revision.data.decisionId];
  const action = revision.data.action as 'withdraw' | 'declare_invalid';
  const endsToo = (d: DecisionMadeData) => d.basis === named.basis && (named.basis === 'physician'
    ? instantOf(d.decidedAt) <= instantOf(named.decidedAt)
    : named.basis === 'register' && (action === 'withdraw' || d.registeredAt === named.registeredAt));
  return decisions.filter((d) => d === named || endsToo(d)).map((d) => d.decisionId);
}

function withdrawsAnActivation(events: readonly PatientEvent[]): boolean {
  const activations = new Set(events.flatMap((e) => (e.type === 'TestamentActivated' ? [e.data.activationId ?? e.eventId] : [])));
  return events.some((e) => e.type === 'Revised' && activations.has(e.data.decisionId));
}

function withdrawsOneOfSeveralPhysicianDecisions(events: readonly PatientEvent[]): boolean {
  const physicians = new Set(events.flatMap((e) => (e.type === 'DecisionMade' && e.data.basis === 'physician' ? [e.data.decisionId] : [])));
  return physicians.size > 1 && events.some((e) => e.type === 'Revised' && physicians.has(e.data.decisionId));
}

function reaffirmsBesideAnImprovement(events: readonly PatientEvent[]): boolean {
  return events.some((e) => e.type === 'ConditionImproved') && events.some((e) => e.type === 'Revised' && e.data.action === 'reaffirm');
}

function decidesAtAnImprovementsMinute(events: readonly PatientEvent[]): boolean {
  const improved = new Set(events.flatMap((e) => (e.type === 'ConditionImproved' ? [instantOf(e.data.at)] : [])));
  return events.some((e) => e.type === 'DecisionMade' && improved.has(instantOf(e.data.decidedAt)));
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
