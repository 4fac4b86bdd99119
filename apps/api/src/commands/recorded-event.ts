/** The one place a decided event gets its envelope: id, record time, who recorded it — validated before it is stored. */
import { Actor, NewEvent, PatientEvent, PatientEventSchema } from '@dnr/domain';

export function recordedEvent(draft: NewEvent, eventId: string, by: Actor, recordedAtMs: number): PatientEvent {
  return PatientEventSchema.parse({ eventId, schemaVersion: 1, recordedAt: new Date(recordedAtMs).toISOString(), recordedBy: by, ...draft });
}
