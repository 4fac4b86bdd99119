/**
 * Valid time: when each event takes effect in the world, as opposed to when it was recorded.
 * A registered refusal exists from its registration day (it is pending for 7 days, R5.1);
 * every other event from its own stated time.
 */
import { PatientEvent } from '../events/patient-event';
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
      return instantOf(event.data.revisedAt);
    case 'HandedOverTo':
      return instantOf(event.data.at);
    case 'TemporarilyRevoked':
      return instantOf(event.data.statedAt);
    case 'TestamentActivated':
      return instantOf(event.data.assessedAt);
    case 'ConditionImproved':
      return instantOf(event.data.at);
  }
}

/**
 * Orders events by valid time. Ties break by kind (an instrument before what changes it) and
 * then by event id, so the order never depends on how recording interleaved.
 */
const TIE_ORDER: Record<PatientEvent['type'], number> = {
  PatientRegistered: 0,
  DecisionMade: 1,
  TestamentActivated: 2,
  TemporarilyRevoked: 3,
  HandedOverTo: 4,
  ConditionImproved: 5,
  Revised: 6,
};

export interface Effective {
  event: PatientEvent;
  effective: Instant;
}

/** The events in valid-time order, each with its effective instant (worked out once, not per comparison). */
export function inEffectiveOrder(events: readonly PatientEvent[]): Effective[] {
  return events.map((event) => ({ event, effective: effectiveInstantOf(event) })).sort(byEffectiveTime);
}

function byEffectiveTime(a: Effective, b: Effective): number {
  return (
    a.effective - b.effective ||
    TIE_ORDER[a.event.type] - TIE_ORDER[b.event.type] ||
    (a.event.eventId < b.event.eventId ? -1 : a.event.eventId > b.event.eventId ? 1 : 0)
  );
}
