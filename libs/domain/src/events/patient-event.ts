/**
 * The envelope: who recorded the event and when (record time), its schema version, and
 * the typed data. `PatientEvent` is a discriminated union on `type`.
 */
import { z } from 'zod';
import { Actor, Timestamp, Uuid } from '../vocabulary/primitives';
import {
  ConditionImprovedData, DecisionMadeData, HandedOverToData, PatientRegisteredData, RevisedData,
  TemporarilyRevokedData, TestamentActivatedData, WillRegistryLookedUpData,
} from './event-data';

export const CURRENT_SCHEMA_VERSION = 1;

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({
    eventId: Uuid,
    type: z.literal(type),
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
    recordedAt: Timestamp,
    recordedBy: Actor,
    data,
  });

export const PatientEventSchema = z.discriminatedUnion('type', [
  envelope('PatientRegistered', PatientRegisteredData),
  envelope('DecisionMade', DecisionMadeData),
  envelope('Revised', RevisedData),
  envelope('HandedOverTo', HandedOverToData),
  envelope('TemporarilyRevoked', TemporarilyRevokedData),
  envelope('TestamentActivated', TestamentActivatedData),
  envelope('ConditionImproved', ConditionImprovedData),
  envelope('WillRegistryLookedUp', WillRegistryLookedUpData),
]);

export type PatientEvent = z.infer<typeof PatientEventSchema>;
export type PatientEventType = PatientEvent['type'];
export type EventOf<T extends PatientEventType> = Extract<PatientEvent, { type: T }>;

/** What the decider produces; the edge adds eventId, recordedAt and recordedBy. */
export type NewEvent = { [T in PatientEventType]: { type: T; data: EventOf<T>['data'] } }[PatientEventType];

/** A stored event as read back: the envelope plus its position in the stream (1-based). */
export type RecordedEvent = PatientEvent & { version: number };

/**
 * Reads a stored event. Old schema versions would be upcast here, never rewritten in the store;
 * version 1 is the only one so far, so this only validates.
 */
export function upcast(raw: unknown): PatientEvent {
  return PatientEventSchema.parse(raw);
}
