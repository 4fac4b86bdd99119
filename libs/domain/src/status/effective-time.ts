/**
 * Valid time: when each event takes effect in the world, as opposed to when it was recorded.
 * A registered refusal exists from its registration day (it is pending for 7 days, R5.1);
 * every other event from its own stated time.
 */
import { EventOf, PatientEvent } from '../events/patient-event';
import { Instant, instantOf, startOfDanishDay } from '../time/danish-time';
import { willInstruments } from './timeline';

export function effectiveInstantOf(event: PatientEvent): Instant {
  switch (event.type) {
    case 'PatientRegistered':
      return Number.NEGATIVE_INFINITY;
    case 'DecisionMade':
      return event.data.basis === 'register' && event.data.registeredAt
        ? Math.min(startOfDanishDay(event.data.registeredAt), instantOf(event.data.decidedAt))
        : instantOf(event.data.decidedAt);
    case 'Revised':
      return endsAnInstrument(event) ? wishForCprTakesEffect(event.data.revisedAt, event.recordedAt) : instantOf(event.data.revisedAt);
    case 'HandedOverTo':
      return instantOf(event.data.at);
    case 'TemporarilyRevoked':
      return wishForCprTakesEffect(event.data.statedAt, event.recordedAt);
    case 'TestamentActivated':
      return instantOf(event.data.assessedAt);
    case 'ConditionImproved':
    case 'WillRegistryLookedUp':
      return instantOf(event.data.at);
  }
}

/**
 * R1.4 A wish for CPR — a withdrawal, a temporary revocation, a will withdrawn, a registration
 * found invalid — takes effect at the earlier of its stated time and the moment it is recorded:
 * »træder i kraft med det samme« (VEJ 9921/2024, undtagelse 5 and 6).
 */
function wishForCprTakesEffect(stated: string, recordedAt: string): Instant {
  return Math.min(instantOf(stated), instantOf(recordedAt));
}

const endsAnInstrument = (event: EventOf<'Revised'>) => event.data.action === 'withdraw' || event.data.action === 'declare_invalid';

/**
 * Orders events by valid time. Ties break by kind (an instrument before what changes it) and
 * then by event id, so the order never depends on how recording interleaved.
 */
const TIE_ORDER: Record<PatientEvent['type'], number> = {
  PatientRegistered: 0,
  WillRegistryLookedUp: 1,
  DecisionMade: 2,
  TestamentActivated: 3,
  TemporarilyRevoked: 4,
  HandedOverTo: 5,
  ConditionImproved: 6,
  Revised: 7,
};

export interface Effective {
  event: PatientEvent;
  effective: Instant;
  /** Its place in the stream (record order, from 0): what was known when it was recorded. */
  position: number;
  /**
   * On a patient's withdrawal of a refusal stated for a later moment than the withdrawal: its wish
   * for CPR (R4.4 + R5.3b), which reaches the rest from when it was said — `wishIn` on an entry of
   * its own at the withdrawal's time, `wishSaid` on the withdrawal moved to the refusal's time.
   */
  wishIn?: { illnessSituation: { id: string; description: string }; asLateAs: Instant };
  wishSaid?: true;
}

/**
 * An event's entry, every field present from the start: one hidden class for every entry (moved
 * and split ones are copies of it), so reading them stays monomorphic (timeline.ts madeTrack).
 */
export function entryOf(event: PatientEvent, position: number): Effective {
  return { event, effective: effectiveInstantOf(event), position, wishIn: undefined, wishSaid: undefined };
}

/** The events in valid-time order, each with its effective instant (worked out once, not per comparison). */
export function inEffectiveOrder(events: readonly PatientEvent[]): Effective[] {
  const effective: Effective[] = [];
  let revises = false;
  for (let position = 0; position < events.length; position += 1) {
    const event = events[position];
    effective.push(entryOf(event, position));
    revises ||= event.type === 'Revised';
  }
  return sortedByEffectiveTime(revises ? notBeforeWhatTheyRevise(effective, willInstruments(events)) : effective);
}

/**
 * Sorts in place. A stream is short and mostly recorded in the order things happened, so an
 * insertion sort (stable, as `Array.prototype.sort`) walks it nearly once and its comparisons
 * are inlined; the built-in sort, which calls the comparison from outside, measured slower here.
 * Long streams go to the built-in sort, whose cost does not depend on how unordered they are.
 */
function sortedByEffectiveTime(events: Effective[]): Effective[] {
  if (events.length > 32) return events.sort(byEffectiveTime);
  for (let i = 1; i < events.length; i += 1) {
    const next = events[i];
    let j = i;
    for (; j > 0 && byEffectiveTime(events[j - 1], next) > 0; j -= 1) events[j] = events[j - 1];
    events[j] = next;
  }
  return events;
}

/**
 * A revision cannot take effect before the instrument it revises exists: a withdrawal recorded
 * a minute before the decision's own (slightly later) stated time takes effect with the decision.
 * The wish for CPR in a patient's withdrawal of her own refusal is not held back with it: she
 * said it then (R1.4), and it reaches a registration or a will from that moment (revisedInTurn).
 */
function notBeforeWhatTheyRevise(effective: Effective[], instrumentOf: ReadonlyMap<string, string>): Effective[] {
  let out: Effective[] | undefined; // a copy only once a revision moves (rarely): every fold passes here
  const earliest = earliestOfEachInstrument(effective, instrumentOf); // one pass: a long record has thousands of revisions
  for (let i = 0; i < effective.length; i += 1) {
    const e = effective[i];
    const inTurn = e.event.type === 'Revised' ? revisedInTurn(e, earliest.get(instrumentOf.get(e.event.data.decisionId) ?? e.event.data.decisionId)) : undefined;
    if (inTurn && (inTurn.length > 1 || inTurn[0] !== e)) out ??= effective.slice(0, i);
    if (out) out.push(...(inTurn ?? [e]));
  }
  return out ?? effective;
}

/**
 * What a revision naming `id` revises, as it first took effect: the decision, or — for a will
 * activation — the earliest activation of the will it belongs to (R6.3: a later activation
 * completes the instrument, which exists from the first; R6.7 withdraws the instrument).
 */
function earliestOfEachInstrument(entries: readonly Effective[], instrumentOf: ReadonlyMap<string, string>): Map<string, Effective> {
  const earliest = new Map<string, Effective>();
  for (const e of entries) {
    const revisable = revisedInstrumentOf(e.event);
    if (revisable === undefined) continue;
    const instrument = instrumentOf.get(revisable) ?? revisable;
    const known = earliest.get(instrument);
    if (!known || e.effective < known.effective) earliest.set(instrument, e);
  }
  return earliest;
}

/** The same for one revision (a stream growing by one event: stream-status.ts). */
export function earliestOfInstrument(entries: readonly Effective[], id: string, instrumentOf: ReadonlyMap<string, string>): Effective | undefined {
  const instrument = instrumentOf.get(id) ?? id;
  let earliest: Effective | undefined;
  for (const e of entries) {
    const revisable = revisedInstrumentOf(e.event);
    if (revisable === undefined || (instrumentOf.get(revisable) ?? revisable) !== instrument) continue;
    if (!earliest || e.effective < earliest.effective) earliest = e;
  }
  return earliest;
}

/** The revision no earlier than its instrument; a moved withdrawal of a patient's refusal leaves its wish where it was said. */
export function revisedInTurn(e: Effective, instrument: Effective | undefined): readonly Effective[] {
  if (instrument === undefined || instrument.effective <= e.effective) return [e];
  const moved: Effective = { ...e, effective: instrument.effective };
  const illnessSituation = situationOfWithdrawnRefusal(e.event, instrument.event);
  // Said before the refusal's stated time, it still outweighs every refusal of hers made by then (in doubt CPR, pkt. 2).
  const wishIn = illnessSituation && { illnessSituation, asLateAs: instrument.effective };
  return wishIn ? [{ ...e, wishIn }, { ...moved, wishSaid: true }] : [moved];
}

function situationOfWithdrawnRefusal(revision: PatientEvent, instrument: PatientEvent): { id: string; description: string } | undefined {
  if (revision.type !== 'Revised' || revision.data.action !== 'withdraw') return undefined;
  if (instrument.type !== 'DecisionMade' || instrument.data.basis !== 'patient') return undefined;
  return instrument.data.illnessSituation;
}

/** The id a revision names this event by: a decision's decisionId, a will activation's activationId. */
export function revisedInstrumentOf(event: PatientEvent): string | undefined {
  if (event.type === 'DecisionMade') return event.data.decisionId;
  if (event.type === 'TestamentActivated') return event.data.activationId ?? event.eventId;
  return undefined;
}

export function byEffectiveTime(a: Effective, b: Effective): number {
  return (
    a.effective - b.effective ||
    TIE_ORDER[a.event.type] - TIE_ORDER[b.event.type] ||
    (a.event.eventId < b.event.eventId ? -1 : a.event.eventId > b.event.eventId ? 1 : 0)
  );
}
