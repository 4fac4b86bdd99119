import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { MESSAGES_DUE, organisationPageSql, OutboxStore } from './outbox-store';

describe('The outbox store reads what is due in order off its index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnr-outbox-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the due messages come off messages_due_in_order in (due_at, seq) order and stop at the limit, without sorting a backlog recorded at one instant', () => {
    const file = join(dir, 'relay.db');
    new OutboxStore(file).close();
    const db = new Database(file, { readonly: true });
    const plan = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${MESSAGES_DUE}`).all(0, 500).map((row) => row.detail);
    db.close();
    expect(plan.some((step) => step.includes('USING INDEX messages_due_in_order'))).toBe(true);
    expect(plan.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
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

  it('a relay.db made before the index changed loses the old index when it is opened', () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec('CREATE TABLE messages (message_id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, patient_id TEXT NOT NULL, kind TEXT NOT NULL, sender_sor TEXT NOT NULL, recipient_sor TEXT NOT NULL, deliver_to_sor TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, due_at INTEGER, escalation_reason TEXT, delivery TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL); CREATE INDEX messages_due ON messages (due_at) WHERE due_at IS NOT NULL;');
    old.close();
    new OutboxStore(file).close();
    const db = new Database(file, { readonly: true });
    const indexes = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'messages_due%'").all().map((r) => r.name);
    db.close();
    expect(indexes).toEqual(['messages_due_in_order']);
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
