/** The dispatcher on a real relay.db with a transport that can refuse one place of delivery, and a clock the test moves. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideDelivery, DeliveryPolicy, HandoverMessage, messagesOwed } from '@dnr/domain';
import { OutboundEnvelope, MessageTransport } from '@dnr/messaging';
import { decisionMade, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered } from '../../../domain/src/spec/builders';
import { OutboxStore } from '../store/outbox-store';
import { Dispatcher } from './dispatcher';

const policy: DeliveryPolicy = { resendAfterMs: 60_000, maxResends: 2, firstRetryMs: 1_000, maxRetryMs: 4_000 };
let dir: string;
let outbox: OutboxStore;
let clock: number;

class RecordingTransport implements MessageTransport {
  readonly name = 'test';
  readonly delivered: string[] = [];
  attempts = 0;
  refusing = new Set<string>();
  async deliverAll(envelopes: readonly OutboundEnvelope[]): Promise<Array<Error | null>> {
    return envelopes.map((e) => {
      this.attempts += 1;
      if (this.refusing.has(e.deliverToSor)) return new Error('EROFS: read-only file system');
      this.delivered.push(e.messageId);
      return null;
    });
  }
  async publishStatuses() { return undefined; }
  async close() { return undefined; }
}

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'dnr-dispatch-')); outbox = new OutboxStore(join(dir, 'relay.db')); clock = Date.parse('2026-03-02T10:00:00Z'); });
afterEach(() => { outbox.close(); rmSync(dir, { recursive: true, force: true }); });

function owe(messages: HandoverMessage[]): void {
  outbox.recordProjection({ owed: messages.map((message) => ({ message, delivery: decideDelivery(null, { type: 'owed', at: clock, addressable: true, phoneContactRequired: false }, policy).delivery })) });
}

function dispatcher(transport: MessageTransport) {
  const d = new Dispatcher(outbox, transport, { policy, now: () => clock, log: () => undefined });
  (d as unknown as { running: boolean }).running = true; // rounds driven by the test, no loop
  return d;
}

/** Where a message is delivered: sections to the discharging hospital's EHR, the korrespondancemeddelelse to the receiving site. */
const placeOf = (m: HandoverMessage) => (m.deliverTo ?? m.recipient).sor;

/** Two discharges of one patient: four sections to the hospital (two each), two korrespondancemeddelelser to the nursing home. */
function twoDischarges(): HandoverMessage[] {
  const stream = [patientRegistered(), decisionMade({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00' }),
    handedOverTo({ at: '2026-03-02T10:00:00+01:00' }), handedOverTo({ at: '2026-03-03T10:00:00+01:00' })];
  return messagesOwed(stream, 'p1');
}

it('a message waits while an earlier one to the same place for the same patient has not gone out, and backs off like a failed send', async () => {
  const transport = new RecordingTransport();
  transport.refusing.add(NURSING_HOME.sor);
  const messages = twoDischarges();
  owe(messages);
  const toHospital = messages.filter((m) => placeOf(m) === HOSPITAL.sor);
  expect(toHospital.map((m) => m.kind)).toEqual(['epikrise', 'udskrivningsrapport', 'epikrise', 'udskrivningsrapport']);
  for (let i = 0; i < toHospital.length; i++) await dispatcher(transport).round(); // each section follows its predecessor in the next round
  const toNursingHome = messages.filter((m) => placeOf(m) === NURSING_HOME.sor).map((m) => outbox.get(m.messageId)!);
  expect(toNursingHome).toHaveLength(2);
  expect(toNursingHome[0].delivery.lastError).toMatch(/EROFS/);
  expect(toNursingHome[1].delivery.lastError).toMatch(/venter på en tidligere meddelelse/);
  expect(transport.delivered).toEqual(toHospital.map((m) => m.messageId)); // in the order owed

  transport.refusing.clear();
  for (let i = 0; i < 6; i++) { clock += 4_000; await dispatcher(transport).round(); }
  expect(transport.delivered.slice(4)).toEqual(toNursingHome.map((e) => e.message.messageId)); // in the order owed
});

it('a round sends its messages as one batch; a refused place fails its own messages only', async () => {
  const transport = new RecordingTransport();
  transport.refusing.add(NURSING_HOME.sor);
  const messages = [0, 1, 2, 3, 4].flatMap((i) => messagesOwed([patientRegistered(), handedOverTo({ at: `2026-03-0${i + 2}T10:00:00+01:00` })], `p${i}`));
  owe(messages);
  const batches: number[] = [];
  const deliverAll = transport.deliverAll.bind(transport);
  transport.deliverAll = async (envelopes) => { batches.push(envelopes.length); return deliverAll(envelopes); };
  await dispatcher(transport).round();
  expect(batches).toEqual([10]); // per patient: the epikrise section (the udskrivningsrapport follows it) and the korrespondancemeddelelse
  const epikriser = messages.filter((m) => m.kind === 'epikrise');
  expect(epikriser.map((m) => outbox.get(m.messageId)!.delivery.state)).toEqual(epikriser.map(() => 'sent'));
  const toHome = messages.filter((m) => placeOf(m) === NURSING_HOME.sor);
  expect(toHome).toHaveLength(5);
  expect(toHome.map((m) => outbox.get(m.messageId)!.delivery)).toEqual(toHome.map(() => expect.objectContaining({ failures: 1, lastError: expect.stringMatching(/EROFS/) })));
});

it('sent, then no receipt: resent after resendAfter, and after maxResends escalated NO_RECEIPT — in the store', async () => {
  const transport = new RecordingTransport();
  const [message] = messagesOwed([patientRegistered(), handedOverTo({ at: '2026-03-02T10:00:00+01:00', generalPractitioner: undefined, kind: 'admission', to: HOSPITAL, from: NURSING_HOME })], 'p1');
  owe([message]);
  for (let i = 0; i < 4; i++) { await dispatcher(transport).round(); clock += 60_000; }
  expect(transport.delivered).toEqual([message.messageId, message.messageId, message.messageId]);
  expect(outbox.get(message.messageId)!.delivery).toMatchObject({ state: 'escalated', escalation: { reason: 'NO_RECEIPT' }, attempts: 3 });
});
