/**
 * Valid time: when each event takes effect in the world, as opposed to when it was recorded.
 * A registered refusal exists from its registration day (it is pending for 7 days, R5.1);
 * every other event from its own stated time.
 */
import { EventOf, PatientEvent } from '../events/patient-event';
import { Instant, instantOf, startOfDanishDay } from '../time/danish-time';

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
}

/** The events in valid-time order, each with its effective instant (worked out once, not per comparison). */
export function inEffectiveOrder(events: readonly PatientEvent[]): Effective[] {
  const effective: Effective[] = [];
  let revises = false;
  for (let position = 0; position < events.length; position += 1) {
    const event = events[position];
    effective.push({ event, effective: effectiveInstantOf(event), position });
    revises ||= event.type === 'Revised';
  }
  return sortedByEffectiveTime(revises ? notBeforeWhatTheyRevise(effective) : effective);
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
 */
function notBeforeWhatTheyRevise(effective: Effective[]): Effective[] {
  const made = new Map<string, Instant>();
  for (const { event, effective: at } of effective) {
    const id = revisedInstrumentOf(event);
    if (id !== undefined) made.set(id, at);
  }
  return effective.map((e) => {
    if (e.event.type !== 'Revised') return e;
    const instrument = made.get(e.event.data.decisionId);
    return instrument !== undefined && instrument > e.effective ? { ...e, effective: instrument } : e;
  });
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
