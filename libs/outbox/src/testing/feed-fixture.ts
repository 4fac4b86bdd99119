/**
 * What the status feed's specs share: an in-memory event store and a real relay.db, events
 * recorded as a host would, the projection run until it has caught up, and a registered refusal
 * pending (R5.1: registered 2 March, in force from 00:00 Danish time on 9 March).
 */
import { DeliveryPolicy, PatientEvent, startOfDanishDay } from '@dnr/domain';
import { EventStore, patientStream } from '@dnr/event-store';
import { decisionMade, patientRegistered } from '../../../domain/src/spec/builders';
import { until } from '../../../../test/support/until';
import { OutboxStore } from '../store/outbox-store';
import { OUTBOX_CHECKPOINT, OutboxProjector } from '../projection/outbox-projector';
import { TimedFeed } from '../feed/timed-changes';

export const policy: DeliveryPolicy = { resendAfterMs: 60_000, maxResends: 2, firstRetryMs: 1_000, maxRetryMs: 4_000 };
export const IN_FORCE = startOfDanishDay('2026-03-09');

export async function record(store: EventStore, patientId: string, events: PatientEvent[]): Promise<void> {
  for (const e of events) await store.append(patientStream(patientId), [{ eventId: e.eventId, type: e.type, payload: e }], 'any');
}

/** Starts the projection, waits until it has recorded every event in the store, stops it. */
export async function project(store: EventStore, outbox: OutboxStore): Promise<void> {
  const projector = new OutboxProjector(store, outbox, { policy, now: () => Date.parse('2026-03-02T10:00:00Z'), onRecorded: () => undefined, log: () => undefined });
  projector.start();
  try {
    await until(async () => outbox.checkpoint(OUTBOX_CHECKPOINT) === (await store.readAll(null, 10_000)).at(-1)?.position, 5_000, 'projection caught up');
  } finally {
    await projector.stop();
  }
}

/** The relay's clock for the feed, not started: a spec calls `runDue` with the instant it wants. */
export const clockOf = (store: EventStore, outbox: OutboxStore) => new TimedFeed(store, outbox, { now: () => 0, log: () => undefined, onRecorded: () => undefined });

export const feedOf = (outbox: OutboxStore, patientId: string) => outbox.feedAfter(0, 1_000).filter((e) => e.patientId === patientId);

export function registerRefusal(): PatientEvent[] {
  return [
    patientRegistered('1948-03-01', { recordedAt: '2026-03-01T09:00:00+01:00' }),
    decisionMade({ basis: 'register', registeredAt: '2026-03-02', decidedAt: '2026-03-02T10:00:00+01:00' }, { recordedAt: '2026-03-02T10:00:00+01:00' }),
  ];
}
