/**
 * Folds the events that have taken effect by `at` (in valid-time order) into one track per
 * instrument, the temporary revocations, and the improvements. The instrument states are read
 * off these tracks afterwards (instrument-states.ts).
 */
import { EventOf, PatientEvent } from '../events/patient-event';
import { Instant, instantOf } from '../time/danish-time';
import { Recorder } from './resuscitation-status';

export interface DecisionTrack {
  made: EventOf<'DecisionMade'>;
  decidedAt: Instant;
  withdrawnAt?: Instant;
  /** R4.5: a patient refusal lapses on significant improvement until assessed anew. */
  lapsedAt?: Instant;
  /** R3.4: a physician decision stands but must be re-evaluated after improvement. */
  reevaluationRequiredSince?: Instant;
  confirmedInWriting: boolean;
}

export interface RevocationTrack {
  made: EventOf<'TemporarilyRevoked'>;
  statedAt: Instant;
  endedAt?: Instant;
}

export interface TestamentTrack {
  latest: EventOf<'TestamentActivated'>;
  conditional: boolean;
  accepted: boolean;
}

export interface Timeline {
  decisions: Map<string, DecisionTrack>;
  revocations: RevocationTrack[];
  testaments: Map<string, TestamentTrack>;
}

export function emptyTimeline(): Timeline {
  return { decisions: new Map(), revocations: [], testaments: new Map() };
}

export function recorderOf(event: PatientEvent): Recorder {
  const { name, role, org } = event.recordedBy;
  return { name, role, org };
}

export function applyToTimeline(t: Timeline, event: PatientEvent): void {
  switch (event.type) {
    case 'DecisionMade':
      t.decisions.set(event.data.decisionId, { made: event, decidedAt: instantOf(event.data.decidedAt), confirmedInWriting: false });
      return;
    case 'Revised':
      return applyRevision(t, event);
    case 'TemporarilyRevoked':
      t.revocations.push({ made: event, statedAt: instantOf(event.data.statedAt) });
      return;
    case 'TestamentActivated':
      return applyTestament(t, event);
    case 'ConditionImproved':
      return applyImprovement(t, event);
    default:
      return; // registration and handovers do not change what is in force (R3.3: decisions hold across sector changes)
  }
}

function applyRevision(t: Timeline, event: EventOf<'Revised'>): void {
  const track = t.decisions.get(event.data.decisionId);
  if (!track || track.withdrawnAt !== undefined) return;
  const revisedAt = Math.max(instantOf(event.data.revisedAt), track.decidedAt);
  switch (event.data.action) {
    case 'withdraw':
      track.withdrawnAt = revisedAt;
      return;
    case 'reaffirm':
      // R3.4 re-evaluated and kept; R4.5 the patient keeps the wish and the physician assessed it anew.
      track.reevaluationRequiredSince = undefined;
      track.lapsedAt = undefined;
      return;
    case 'confirm_in_writing':
      track.confirmedInWriting = true;
      return;
  }
}

/** A later activation of the same kind and situation completes or replaces the earlier one (R6.3). */
function applyTestament(t: Timeline, event: EventOf<'TestamentActivated'>): void {
  const key = `${event.data.kind}/${event.data.situation}`;
  const earlier = t.testaments.get(key);
  t.testaments.set(key, {
    latest: event,
    conditional: event.data.conditionalOnRelatives || (earlier?.conditional ?? false),
    accepted: event.data.relativesAccepted || (earlier?.accepted ?? false),
  });
}

/**
 * Significant improvement (R3.4, R4.5, R5.3, R6.4). Safety decides the asymmetry when the
 * illness situation is not named: a patient refusal then lapses for every situation (the safe
 * direction, attempt CPR), but a temporary revocation ends only when its own situation is
 * named as dischargeable — ending it would bring a refusal back.
 */
function applyImprovement(t: Timeline, event: EventOf<'ConditionImproved'>): void {
  const at = instantOf(event.data.at);
  const named = event.data.illnessSituationId;
  for (const track of t.decisions.values()) {
    if (track.withdrawnAt !== undefined) continue;
    const { basis, illnessSituation } = track.made.data;
    if (basis === 'physician') track.reevaluationRequiredSince ??= at;
    if (basis === 'patient' && track.lapsedAt === undefined && (named === undefined || named === illnessSituation?.id)) {
      track.lapsedAt = at;
    }
  }
  if (!event.data.dischargeable || named === undefined) return;
  for (const revocation of t.revocations) {
    if (revocation.endedAt === undefined && revocation.made.data.illnessSituation.id === named) revocation.endedAt = at;
  }
}
