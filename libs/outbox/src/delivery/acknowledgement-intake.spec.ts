/**
 * Receipts from the acknowledgement topic (handover-messages.md § Delivery) on a real relay.db:
 * the acknowledgement's timestamp is a stated time like every other — one far ahead of the moment
 * it arrives is set aside and logged, and nothing a recipient states ever decides when the relay
 * resends or escalates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideDelivery, DeliveryPolicy, messagesOwed } from '@dnr/domain';
import { handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered } from '../../../domain/src/spec/builders';
import { OutboxStore } from '../store/outbox-store';
import { acknowledgementIntake } from './acknowledgement-intake';

const policy: DeliveryPolicy = { resendAfterMs: 60_000, maxResends: 2, firstRetryMs: 1_000, maxRetryMs: 4_000 };
const SENT = Date.parse('2026-03-02T10:00:00Z');
const NOW = SENT + 60_000;
let dir: string;
let outbox: OutboxStore;
let logged: string[];
let woken: number;
const [message] = messagesOwed([patientRegistered(), handedOverTo({ at: '2026-03-02T10:00:00+01:00', kind: 'transfer', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: undefined })], 'p1');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dnr-ack-intake-'));
  outbox = new OutboxStore(join(dir, 'relay.db'));
  logged = [];
  woken = 0;
  outbox.recordProjection({ owed: [{ message, delivery: decideDelivery(null, { type: 'owed', at: SENT, addressable: true, phoneContactRequired: false }, policy).delivery }] });
  outbox.update([message.messageId], (e) => decideDelivery(e.delivery, { type: 'sent', at: SENT }, policy).delivery);
});
afterEach(() => { outbox.close(); rmSync(dir, { recursive: true, force: true }); });

/** A MedCom acknowledgement of the message, as it arrives on the topic. */
const acknowledgement = (code: string, timestamp?: string) => JSON.stringify({
  resourceType: 'Bundle', type: 'message', ...(timestamp === undefined ? {} : { timestamp }),
  entry: [{ resource: { resourceType: 'MessageHeader', eventCoding: { code: 'acknowledgement-message' }, response: { identifier: message.messageId, code } } }],
});
const take = (record: string) => acknowledgementIntake(outbox, policy, () => NOW, (m) => logged.push(m), () => { woken += 1; })(record);
const delivery = () => outbox.get(message.messageId)!.delivery;

it.each([
  ['dated in year 9999', '9999-12-31T23:59:59+14:00'],
  ['dated in year 9999 with an offset of -23:59', '9999-12-31T23:59:59-23:59'],
  ['dated an hour ahead of its arrival', new Date(NOW + 3_600_000).toISOString()],
  ['dated with no time of day', '2026-03-02'],
  ['dated with something that is not a time', 'i går'],
])('an acknowledgement %s is set aside and logged; the message is unchanged and not woken for', async (_, timestamp) => {
  const before = delivery();
  for (const code of ['ok', 'transient-error', 'fatal-error']) await take(acknowledgement(code, timestamp));
  expect(delivery()).toEqual(before);
  expect(logged).toHaveLength(3);
  expect(logged.every((line) => line.includes(message.messageId) && line.includes('not taken'))).toBe(true);
  expect(woken).toBe(0);
});

it('transient-error dated a few minutes ahead (clocks differ): taken, resent from the moment it arrived; its date kept as stated', async () => {
  const stated = NOW + 4 * 60_000;
  await take(acknowledgement('transient-error', new Date(stated).toISOString()));
  expect(delivery()).toMatchObject({ state: 'failed', dueAt: NOW, lastReceipt: { outcome: 'transient-error', at: stated } });
  expect(woken).toBe(1);
});

it('fatal-error: escalated since the moment it arrived, not the moment it states', async () => {
  await take(acknowledgement('fatal-error', new Date(NOW - 30_000).toISOString()));
  expect(delivery().escalation).toEqual({ reason: 'FATAL_ERROR', since: NOW });
});

it('an acknowledgement without a timestamp is dated when it arrives', async () => {
  await take(acknowledgement('ok'));
  expect(delivery()).toMatchObject({ state: 'acknowledged', lastReceipt: { at: NOW } });
});

it('a detail that is not readable text (a NUL, an override) is left out and logged; the receipt itself counts', async () => {
  const withIssue = (diagnostics: string) => {
    const bundle = JSON.parse(acknowledgement('transient-error', new Date(NOW).toISOString()));
    bundle.entry.push({ resource: { resourceType: 'OperationOutcome', issue: [{ diagnostics }] } });
    return JSON.stringify(bundle);
  };
  await take(withIssue('ikke\u0000læsbar \u202Etxet'));
  expect(delivery()).toMatchObject({ state: 'failed', lastReceipt: { outcome: 'transient-error' } });
  expect(delivery().lastReceipt).not.toHaveProperty('detail');
  expect(logged.some((line) => line.includes('not readable text'))).toBe(true);
  await take(withIssue('Modtager kunne ikke læse meddelelsen'));
  expect(delivery().lastReceipt).toMatchObject({ detail: 'Modtager kunne ikke læse meddelelsen' });
});
