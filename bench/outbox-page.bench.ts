/**
 * 7. An organisation's page of the outbox (GET /v1/outbox, the worklist) against the size of
 * its outbox. The page is read on the thread that answers HTTP, so its cost is time every crew
 * lookup waits behind it. Measured on the outbox store itself (a real relay.db file) at 10,000 and
 * 300,000 messages, two thirds of them the organisation's; beside it, the single query with
 * `sender OR recipient OR deliver_to` that the store used before round 6 (same answers, checked).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { OutboxStore } from '../libs/outbox/src/store/outbox-store';
import { Figure, fmt, tempDir } from './support';

const SIZES = [10_000, 300_000];
const PAGE = 50;
const ORG = 'hospital';

export function outboxPageFigures(): Figure[] {
  const results = SIZES.map(measureAt);
  const [small, large] = results;
  const growth = large.page / small.page;
  return [{
    name: '7 outbox page (an organisation\'s 50 newest) vs outbox size',
    measured: results.map((r, i) => `${fmt(SIZES[i])} messages: ${fmt(r.page, 2)} ms`).join('; '),
    reference: `the one-query form before round 6: ${fmt(small.oneQuery, 1)} ms at ${fmt(SIZES[0])}, ${fmt(large.oneQuery, 1)} ms at ${fmt(SIZES[1])}`,
    ratio: `${fmt(growth, 2)} × at ${fmt(SIZES[1])}`, target: '(curve; the outbox\'s size must not show)', met: growth <= 2,
  }];
}

function measureAt(size: number): { page: number; oneQuery: number } {
  const file = join(tempDir(`outbox-page-${size}`), 'relay.db');
  new OutboxStore(file).close();
  fill(file, size);
  const store = new OutboxStore(file);
  const db = new Database(file, { readonly: true });
  const oneQuery = db.prepare<[string, string, string, number], { seq: number }>(
    'SELECT seq, payload, delivery FROM messages WHERE (sender_sor = ? OR recipient_sor = ? OR deliver_to_sor = ?) ORDER BY seq DESC LIMIT ?');
  const expected = oneQuery.all(ORG, ORG, ORG, PAGE).map((r) => r.seq);
  if (JSON.stringify(store.list({ organisation: ORG, limit: PAGE }).map((e) => e.seq)) !== JSON.stringify(expected)) throw new Error('the two forms answer differently');
  const result = { page: medianMs(() => store.list({ organisation: ORG, limit: PAGE })), oneQuery: medianMs(() => oneQuery.all(ORG, ORG, ORG, PAGE)) };
  db.close();
  store.close();
  return result;
}

/** Messages of a CareCommunication's size; every third sent by the organisation, every third received by it. */
function fill(file: string, size: number): void {
  const db = new Database(file);
  const insert = db.prepare(`INSERT INTO messages (message_id, seq, patient_id, kind, sender_sor, recipient_sor, deliver_to_sor, state, attempts, due_at, escalation_reason, delivery, payload, created_at)
    VALUES (?, ?, ?, 'korrespondancemeddelelse', ?, ?, ?, 'sent', 1, NULL, NULL, '{}', ?, '2026-03-01T10:00:00+01:00')`);
  const payload = JSON.stringify({ text: 'x'.repeat(6_000) });
  db.transaction(() => {
    for (let i = 1; i <= size; i += 1) {
      const recipient = i % 3 === 1 ? ORG : `home-${i % 11}`;
      insert.run(`m${i}`, i, `p${i % 50_000}`, i % 3 === 0 ? ORG : `other-${i % 7}`, recipient, recipient, payload); // delivered where it is addressed, as a korrespondancemeddelelse is
    }
  })();
  db.close();
}

function medianMs(work: () => unknown[]): number {
  const times: number[] = [];
  for (let warm = 0; warm < 5; warm += 1) work(); // the statements prepared and the pages cached, as in a running service
  for (let run = 0; run < 41; run += 1) {
    const start = process.hrtime.bigint();
    if (work().length !== PAGE) throw new Error('a short page');
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[20];
}
