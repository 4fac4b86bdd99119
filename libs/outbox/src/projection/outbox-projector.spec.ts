/**
 * The outbox projection as a process, on the in-memory event store and a real relay.db: it
 * records exactly what the pure projection owes (handover-messages.md), with the checkpoint in
 * the same commit, and a projector started again — with no ledgers in memory, from its
 * checkpoint or from the start — neither loses nor repeats a message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryPolicy, messagesOwed, PatientEvent } from '@dnr/domain';
import { InMemoryEventStore, InMemoryLog, patientStream } from '@dnr/event-store';
import { decisionMade, handedOverTo, patientRegistered, revised } from '../../../domain/src/spec/builders';
import { until } from '../../../../test/support/until';
import { OutboxStore } from '../store/outbox-store';
import { OUTBOX_CHECKPOINT, OutboxProjector } from './outbox-projector';

const policy: DeliveryPolicy = { resendAfterMs: 60_000, maxResends: 2, firstRetryMs: 1_000, maxRetryMs: 4_000 };
let dir: string;
let outbox: OutboxStore;

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'dnr-projector-')); outbox = new OutboxStore(join(dir, 'relay.db')); });
afterEach(() => { outbox.close(); rmSync(dir, { recursive: true, force: true }); });

async function record(store: InMemoryEventStore, patientId: string, events: PatientEvent[]): Promise<void> {
  for (const e of events) await store.append(patientStream(patientId), [{ eventId: e.eventId, type: e.type, payload: e }], 'any');
}

async function projectUntilCaughtUp(store: InMemoryEventStore, expectedMessages: number): Promise<void> {
  const projector = new OutboxProjector(store, outbox, { policy, now: () => Date.parse('2026-03-02T10:00:00Z'), onRecorded: () => undefined, log: () => undefined });
  projector.start();
  try {
    await until(async () => recorded().length >= expectedMessages && outbox.checkpoint(OUTBOX_CHECKPOINT) === (await store.readAll(null, 10_000)).at(-1)?.position, 5_000, 'projection caught up');
  } finally {
    await projector.stop();
  }
}

const recorded = () => outbox.list({ limit: 1_000 }).map((e) => e.message.messageId).sort();

/** A discharge, then a decision and its withdrawal recorded at the nursing home: each change owes a korrespondancemeddelelse. */
function history(): PatientEvent[] {
  const decision = decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00' });
  return [
    patientRegistered(),
    decision,
    handedOverTo({ at: '2026-03-02T09:00:00+01:00' }),
    revised({ decisionId: decision.data.decisionId, action: 'withdraw', revisedAt: '2026-03-03T09:00:00+01:00' }),
  ];
}

it('records what the pure projection owes, every message once, with the checkpoint after the last event', async () => {
  const store = new InMemoryEventStore(new InMemoryLog());
  const [a, b] = [history(), history()];
  await record(store, 'a', a);
  await record(store, 'b', b);
  const owed = [...messagesOwed(a, 'a'), ...messagesOwed(b, 'b')].map((m) => m.messageId).sort();
  expect(owed.length).toBeGreaterThan(4);

  await projectUntilCaughtUp(store, owed.length);
  expect(recorded()).toEqual(owed);
});

it('started again without its ledgers, from its checkpoint, it owes the later events exactly what one long run would', async () => {
  const store = new InMemoryEventStore(new InMemoryLog());
  const events = history();
  await record(store, 'a', events.slice(0, 3)); // up to the discharge
  await projectUntilCaughtUp(store, messagesOwed(events.slice(0, 3), 'a').length);

  await record(store, 'a', events.slice(3)); // the withdrawal, projected by a fresh projector that must re-read the stream
  const all = messagesOwed(events, 'a').map((m) => m.messageId).sort();
  await projectUntilCaughtUp(store, all.length);
  expect(recorded()).toEqual(all);
});

it('projecting everything again from the start repeats no message', async () => {
  const store = new InMemoryEventStore(new InMemoryLog());
  const events = history();
  await record(store, 'a', events);
  const all = messagesOwed(events, 'a').map((m) => m.messageId).sort();
  await projectUntilCaughtUp(store, all.length);

  outbox.saveCheckpoint(OUTBOX_CHECKPOINT, '0'); // before the first event: as if the checkpoint were lost but the messages kept
  await projectUntilCaughtUp(store, all.length);
  expect(recorded()).toEqual(all);
});
