/**
 * R7.3b the prehospital service learns every change: the status as of an event, when the event
 * changed what a receiver would notice — the answer, its flags, or an instrument's state. The
 * status is asked as the outbox asks it: known at the event's record time, at the later of its
 * effective and record time (a change stated for the past shows what holds now).
 */
import { PatientEvent } from '../events/patient-event';
import { instantOf } from '../time/danish-time';
import { effectiveInstantOf } from './effective-time';
import { ResuscitationStatus } from './resuscitation-status';
import { assessStatus, receiverWouldNotice, renderStatus, StatusAssessment } from './status-at';

function assessAsOfEvent(prefix: readonly PatientEvent[], event: PatientEvent, patientId: string): StatusAssessment {
  return assessStatus(prefix, queryAsOf(event, patientId));
}

/** As the outbox and the feed ask: known at the event's record time, at the later of its effective and record time. */
export function queryAsOf(event: PatientEvent, patientId: string) {
  const recorded = instantOf(event.recordedAt);
  return { patientId, at: Math.max(effectiveInstantOf(event), recorded), knownAt: recorded };
}

/** The status after the last event of `stream`, or null when that event changed nothing a receiver would notice. */
export function statusChangedBy(stream: readonly PatientEvent[], patientId: string): ResuscitationStatus | null {
  const event = stream[stream.length - 1];
  if (!event || event.type === 'PatientRegistered') return null;
  const after = assessAsOfEvent(stream, event, patientId);
  const before = assessAsOfEvent(stream.slice(0, -1), event, patientId);
  return receiverWouldNotice(before, after) ? renderStatus(after) : null;
}
