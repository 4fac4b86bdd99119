import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { decideDelivery, DeliveryPolicy, HandoverMessage, messagesOwed } from '@dnr/domain';
import { handedOverTo, HOSPITAL, NURSING_HOME, patientRegistered } from '../../../domain/src/spec/builders';
import { HELD_BEHIND_STUCK, MESSAGES_DUE, organisationPageSql, OutboxStore } from './outbox-store';

describe('The outbox store reads what is due in order off its index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnr-outbox-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the due messages come off messages_due_in_turn in (due_at, seq) order and stop at the limit, without sorting a backlog recorded at one instant', () => {
    const file = join(dir, 'relay.db');
    new OutboxStore(file).close();
    const db = new Database(file, { readonly: true });
    const plan = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${MESSAGES_DUE}`).all(0, 500).map((row) => row.detail);
    db.close();
    expect(plan.some((step) => step.includes('USING INDEX messages_due_in_turn'))).toBe(true);
    expect(plan.some((step) => step.includes('COVERING INDEX messages_unsent'))).toBe(true); // whether more wait behind a head: one probe
    expect(plan.filter((step) => step.includes('TEMP B-TREE') || step.startsWith('SCAN'))).toEqual([]);
  });

  it('the messages held behind a head that cannot go out are found from the escalated heads, one probe each, never by reading their queues', () => {
    const file = join(dir, 'stuck-plan.db');
    new OutboxStore(file).close();
    const db = new Database(file, { readonly: true });
    const plan = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${HELD_BEHIND_STUCK}`).all(500).map((row) => row.detail);
    db.close();
    expect(plan).toEqual([expect.stringContaining('INDEX messages_escalated_heads (escalation_reason=?)'), expect.stringContaining('INDEX messages_held_unescalated (patient_id=? AND deliver_to_sor=?)')]);
  });

  it('an organisation\'s page reads the newest of each of its three columns off that column\'s index and sorts only those, never its whole history', () => {
    const file = join(dir, 'page-plan.db');
    new OutboxStore(file).close();
    const db = new Database(file, { readonly: true });
    const plan = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${organisationPageSql(['seq < ?'])}`).all('a', 9, 50, 'a', 9, 50, 'a', 9, 50, 50).map((row) => row.detail);
    db.close();
    for (const index of ['messages_sender', 'messages_recipient', 'messages_deliver_to']) expect(plan.some((step) => step.includes(`INDEX ${index}`))).toBe(true);
    expect(plan.filter((step) => step.startsWith('SCAN messages') || step.includes('FOR ORDER BY'))).toEqual([]);
  });

  it('a relay.db made before the index changed loses the old indexes when it is opened', () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec('CREATE TABLE messages (message_id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, patient_id TEXT NOT NULL, kind TEXT NOT NULL, sender_sor TEXT NOT NULL, recipient_sor TEXT NOT NULL, deliver_to_sor TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, due_at INTEGER, escalation_reason TEXT, delivery TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL); CREATE INDEX messages_due ON messages (due_at) WHERE due_at IS NOT NULL; CREATE INDEX messages_due_in_order ON messages (due_at, seq) WHERE due_at IS NOT NULL;');
    old.close();
    new OutboxStore(file).close();
    const db = new Database(file, { readonly: true });
    const indexes = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'messages_due%'").all().map((r) => r.name);
    db.close();
    expect(indexes).toEqual(['messages_due_in_turn']);
  });

  it('a relay.db made before messages were held in their queue gains the column, every message behind one not yet sent marked held', () => {
    const file = join(dir, 'before-held.db');
    const old = new Database(file);
    old.exec('CREATE TABLE messages (message_id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, patient_id TEXT NOT NULL, kind TEXT NOT NULL, sender_sor TEXT NOT NULL, recipient_sor TEXT NOT NULL, deliver_to_sor TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, due_at INTEGER, escalation_reason TEXT, delivery TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL)');
    const insert = old.prepare(`INSERT INTO messages VALUES (?, ?, ?, 'korrespondancemeddelelse', '1', ?, ?, ?, ?, 0, NULL, '{}', '{}', '2026-03-01T10:00:00+01:00')`);
    // p1 to place 1: sent, then two not yet sent; p1 to place 2: one not yet sent; p2 to place 1: one not yet sent.
    for (const [seq, patient, place, attempts] of [[1, 'p1', '1', 1], [2, 'p1', '1', 0], [3, 'p1', '1', 0], [4, 'p1', '2', 0], [5, 'p2', '1', 0]] as const) {
      insert.run(`m${seq}`, seq, patient, place, place, attempts ? 'sent' : 'pending', attempts);
    }
    old.close();
    new OutboxStore(file).close();
    new OutboxStore(file).close(); // opened again (the other thread): marked once
    const db = new Database(file, { readonly: true });
    const held = db.prepare<[], { message_id: string; held: number }>('SELECT message_id, held FROM messages ORDER BY seq').all();
    db.close();
    expect(held).toEqual([{ message_id: 'm1', held: 0 }, { message_id: 'm2', held: 0 }, { message_id: 'm3', held: 1 }, { message_id: 'm4', held: 0 }, { message_id: 'm5', held: 0 }]);
  });

  describe('each patient and place is a queue: only its head is due', () => {
    const policy: DeliveryPolicy = { resendAfterMs: 60_000, maxResends: 2, firstRetryMs: 1_000, maxRetryMs: 4_000 };
    const T0 = Date.parse('2026-03-02T10:00:00Z');
    const transfer = (patientId: string) => messagesOwed([patientRegistered(), handedOverTo({ at: '2026-03-02T10:00:00+01:00', kind: 'transfer', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: undefined })], patientId)[0];
    const copies = (m: HandoverMessage, n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ ...m, messageId: `00000000-0000-4000-8000-${tag}${String(i).padStart(10, '0')}` }));
    const owe = (store: OutboxStore, messages: HandoverMessage[]) =>
      store.recordProjection({ owed: messages.map((message) => ({ message, delivery: decideDelivery(null, { type: 'owed', at: T0, addressable: true, phoneContactRequired: false }, policy).delivery })) });
    const sent = (store: OutboxStore, m: HandoverMessage, at: number) => store.update([m.messageId], (e) => decideDelivery(e.delivery, { type: 'sent', at }, policy).delivery);
    const dueIds = (store: OutboxStore, at: number) => store.due(at, 500).map((e) => e.message.messageId);

    it('the messages behind the oldest unsent one to the same place for the same patient are not due until it has gone out; then the next is', () => {
      const store = new OutboxStore(join(dir, 'queues.db'));
      const queue = copies(transfer('p1'), 300, '01');
      const other = transfer('p2');
      owe(store, queue);
      owe(store, [other]);
      expect(dueIds(store, T0)).toEqual([queue[0].messageId, other.messageId]);
      expect(store.nextDueAt()).toBe(T0);
      sent(store, queue[0], T0);
      expect(dueIds(store, T0)).toEqual([queue[1].messageId, other.messageId]); // the one sent awaits its receipt: due again for a resend only
      expect(dueIds(store, T0 + policy.resendAfterMs)).toEqual([queue[1].messageId, other.messageId, queue[0].messageId]);
      store.close();
    });
  });

  describe('an organisation\'s page of the outbox', () => {
    const SORS = ['a', 'b', 'c', 'd'];
    const STATES = ['pending', 'sent', 'acknowledged', 'escalated'] as const;
    const arbRow = fc.record({ sender: fc.constantFrom(...SORS), recipient: fc.constantFrom(...SORS), deliverTo: fc.constantFrom(...SORS, ''), state: fc.constantFrom(...STATES), kind: fc.constantFrom('epikrise', 'korrespondancemeddelelse'), patient: fc.constantFrom('p1', 'p2', 'p3') });
    const arbFilter = fc.record({
      organisation: fc.constantFrom(...SORS), limit: fc.integer({ min: 1, max: 12 }),
      state: fc.option(fc.constantFrom(...STATES), { nil: undefined }), kind: fc.option(fc.constantFrom('epikrise', 'korrespondancemeddelelse'), { nil: undefined }),
      patientId: fc.option(fc.constantFrom('p1', 'p2', 'p3'), { nil: undefined }), beforeSeq: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    });
    let file = '';
    let store: OutboxStore;
    let run = 0;

    beforeEach(() => { file = join(dir, `list-${run += 1}.db`); store = new OutboxStore(file); });
    afterEach(() => store.close());

    it('is exactly the newest messages it sends, receives or is delivered, matching the filter, whatever the mix (the three indexed reads give what one OR gave)', () => {
      fc.assert(fc.property(fc.array(arbRow, { maxLength: 50 }), fc.array(arbFilter, { minLength: 1, maxLength: 5 }), (rows, filters) => {
        const db = new Database(file);
        db.exec('DELETE FROM messages');
        const insert = db.prepare(`INSERT INTO messages (message_id, seq, patient_id, kind, sender_sor, recipient_sor, deliver_to_sor, state, attempts, due_at, escalation_reason, delivery, payload, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, '{}', ?, '2026-03-01T10:00:00+01:00')`);
        rows.forEach((r, i) => insert.run(`m${i + 1}`, i + 1, r.patient, r.kind, r.sender, r.recipient, r.deliverTo, r.state, JSON.stringify({ messageId: `m${i + 1}` })));
        db.close();
        for (const filter of filters) {
          const expected = rows.map((r, i) => ({ ...r, seq: i + 1 }))
            .filter((r) => [r.sender, r.recipient, r.deliverTo].includes(filter.organisation))
            .filter((r) => (filter.state === undefined || r.state === filter.state) && (filter.kind === undefined || r.kind === filter.kind))
            .filter((r) => (filter.patientId === undefined || r.patient === filter.patientId) && (filter.beforeSeq === undefined || r.seq < filter.beforeSeq))
            .map((r) => r.seq).reverse().slice(0, filter.limit);
          expect(store.list(filter).map((e) => e.seq)).toEqual(expected);
        }
      }), { numRuns: 150 });
    });
  });
});
