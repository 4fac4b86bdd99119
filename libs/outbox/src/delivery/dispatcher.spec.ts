/** The dispatcher on a real relay.db with a transport that can refuse one place of delivery, and a clock the test moves. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { decideDelivery, DeliveryPolicy, HandoverMessage, messagesOwed } from '@dnr/domain';
import { OutboundEnvelope, MessageTransport } from '@dnr/messaging';
import { decisionMade, GP, handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered } from '../../../domain/src/spec/builders';
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

it('a message waits while an earlier one to the same place for the same patient has not gone out, and fails to go out with it', async () => {
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

/** The same korrespondancemeddelelse owed `n` times (as many decisions after one transfer owe): one queue for one patient and place. */
function queueOf(n: number, patientId: string): HandoverMessage[] {
  const [letter] = messagesOwed([patientRegistered(), handedOverTo({ at: '2026-03-02T10:00:00+01:00', kind: 'transfer', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: undefined })], patientId);
  return Array.from({ length: n }, (_, i) => ({ ...letter, messageId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
}

it("one patient's long queue to one place costs one message a round: another patient's message goes out in the first round", async () => {
  const transport = new RecordingTransport();
  const queue = queueOf(600, 'p1'); // more than a round reads
  owe(queue);
  const [admission] = messagesOwed([patientRegistered(), handedOverTo({ at: '2026-03-02T10:00:00+01:00', generalPractitioner: undefined, kind: 'admission', to: HOSPITAL, from: NURSING_HOME })], 'p2');
  owe([admission]);

  // Two rows read; the queue's next message is due at once, so the relay treats it as the backlog it is (relay/rest.ts).
  expect(await dispatcher(transport).round()).toEqual({ handled: 2, backlog: true });
  expect(transport.delivered).toEqual([queue[0].messageId, admission.messageId]);
  for (let i = 0; i < 3; i++) await dispatcher(transport).round();
  expect(transport.delivered.slice(2)).toEqual(queue.slice(1, 4).map((m) => m.messageId)); // the queue in the order owed, one a round
  expect(outbox.get(queue[4].messageId)!.delivery).toMatchObject({ state: 'pending', failures: 0, lastError: null }); // waiting its turn is no failure
});

it('messages held behind one that cannot go out escalate UNDELIVERABLE with it, and follow it in order, one a round, once the place takes messages', async () => {
  const transport = new RecordingTransport();
  transport.refusing.add(NURSING_HOME.sor);
  const queue = queueOf(3, 'p1');
  owe(queue);
  await dispatcher(transport).round();
  clock += policy.resendAfterMs;
  await dispatcher(transport).round();
  expect(queue.map((m) => outbox.get(m.messageId)!.delivery)).toEqual(queue.map(() => expect.objectContaining({ state: 'escalated', escalation: expect.objectContaining({ reason: 'UNDELIVERABLE' }) })));
  expect(outbox.get(queue[2].messageId)!.delivery.lastError).toMatch(/venter på en tidligere meddelelse/);

  transport.refusing.clear();
  clock += policy.maxRetryMs;
  for (let i = 0; i < 3; i++) await dispatcher(transport).round();
  expect(transport.delivered).toEqual(queue.map((m) => m.messageId));
  expect(queue.map((m) => outbox.get(m.messageId)!.delivery)).toEqual(queue.map(() => expect.objectContaining({ state: 'sent', escalation: null })));
});

it('whatever the mix of patients, places and refusals: each place gets each patient\'s messages in the order owed, all of them, and only the head of a queue is ever due', async () => {
  const places = [HOSPITAL, NURSING_HOME, GP];
  const [letter] = queueOf(1, 'p0');
  const arbStep = fc.record({
    owed: fc.array(fc.record({ patient: fc.constantFrom('p1', 'p2', 'p3'), place: fc.constantFrom(0, 1, 2) }), { maxLength: 4 }),
    refusing: fc.subarray([0, 1, 2]),
  });
  let n = 0;
  await fc.assert(fc.asyncProperty(fc.array(arbStep, { minLength: 1, maxLength: 12 }), async (steps) => {
    outbox.close();
    outbox = new OutboxStore(join(dir, `mix-${n += 1}.db`));
    const transport = new RecordingTransport();
    const owedInOrder: HandoverMessage[] = [];
    const round = async () => { await dispatcher(transport).round(); clock += 1_000; expectOnlyHeadsDue(join(dir, `mix-${n}.db`)); };
    for (const step of steps) {
      const messages = step.owed.map(({ patient, place }, i) => ({ ...letter, patientId: patient, recipient: places[place], messageId: `00000000-0000-4000-8000-${String(owedInOrder.length + i).padStart(12, '0')}` }));
      owedInOrder.push(...messages);
      owe(messages);
      transport.refusing = new Set(step.refusing.map((i) => places[i].sor));
      await round();
    }
    transport.refusing.clear();
    clock += policy.maxRetryMs;
    for (let i = 0; i < owedInOrder.length + 1; i++) await round();
    const firstSends = [...new Set(transport.delivered)];
    expect(firstSends.sort()).toEqual(owedInOrder.map((m) => m.messageId).sort());
    const order = new Map(transport.delivered.map((id, i) => [id, transport.delivered.indexOf(id) === i ? i : -1] as const).filter(([, i]) => i >= 0));
    for (const patient of ['p1', 'p2', 'p3']) for (const place of places) {
      const queue = owedInOrder.filter((m) => m.patientId === patient && m.recipient.sor === place.sor).map((m) => order.get(m.messageId)!);
      expect(queue).toEqual([...queue].sort((a, b) => a - b));
    }
  }), { numRuns: 40 });
});

/** The store's `held` mark says exactly: an earlier message to the same place for the same patient has not gone out. */
function expectOnlyHeadsDue(file: string): void {
  const db = new Database(file, { readonly: true });
  const wrong = db.prepare(`SELECT message_id FROM messages m WHERE held <> (attempts = 0 AND EXISTS (
    SELECT 1 FROM messages e WHERE e.patient_id = m.patient_id AND e.deliver_to_sor = m.deliver_to_sor AND e.attempts = 0 AND e.seq < m.seq))`).all();
  db.close();
  expect(wrong).toEqual([]);
}

it('messages recorded behind one that cannot be addressed escalate at once (someone must act for that place), and go out in order once it is addressed', async () => {
  const transport = new RecordingTransport();
  const [head, ...behind] = queueOf(3, 'p1');
  outbox.recordProjection({ owed: [{ message: head, delivery: decideDelivery(null, { type: 'owed', at: clock, addressable: false, phoneContactRequired: false, missing: 'EAN' }, policy).delivery }] });
  owe(behind);
  await dispatcher(transport).round();
  expect(transport.delivered).toEqual([]);
  expect(outbox.get(head.messageId)!.delivery.escalation).toMatchObject({ reason: 'UNADDRESSED' });
  expect(behind.map((m) => outbox.get(m.messageId)!.delivery)).toEqual(behind.map(() => expect.objectContaining({
    state: 'escalated', escalation: expect.objectContaining({ reason: 'UNDELIVERABLE' }), lastError: expect.stringMatching(/venter på en tidligere meddelelse/),
  })));

  outbox.update([head.messageId], (e) => decideDelivery(e.delivery, { type: 'addressed', at: clock }, policy).delivery);
  for (let i = 0; i < 3; i++) await dispatcher(transport).round();
  expect(transport.delivered).toEqual([head, ...behind].map((m) => m.messageId));
  expect(behind.map((m) => outbox.get(m.messageId)!.delivery.escalation)).toEqual([null, null]);
});

it("a message naming a site with another EAN than the directory's unconfirmed one waits (UNADDRESSED, the conflict named), and goes out once the site's own organisation sets its entry", async () => {
  const transport = new RecordingTransport();
  const fakeEan = '5790000999996';
  outbox.sites.keep({ ...GP, ean: fakeEan }, clock, { sub: 'mallory', org: '953741000016999', role: 'nurse' }); // put first, by a stranger
  const epikrise = messagesOwed([patientRegistered(), handedOverTo({ at: '2026-03-02T10:00:00+01:00' })], 'p1').find((m) => m.kind === 'epikrise')!;
  owe([epikrise]);
  await dispatcher(transport).round();
  expect(transport.delivered).toEqual([]);
  expect(outbox.get(epikrise.messageId)!.delivery).toMatchObject({
    state: 'escalated', escalation: { reason: 'UNADDRESSED' }, lastError: expect.stringContaining(`meddelelsen angiver ${GP.ean}, stedregistret ${fakeEan}`),
  });

  outbox.sites.keep(GP, clock, { sub: 'gp-1', org: GP.sor, role: 'physician' });
  const d = dispatcher(transport);
  d.readdress();
  await d.round();
  expect(transport.delivered).toEqual([epikrise.messageId]);
  expect(outbox.get(epikrise.messageId)!.delivery.sentAs?.recipient.ean).toBe(GP.ean);
});
