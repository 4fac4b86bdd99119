/**
 * The relay's durable state (SQLite `relay.db`): every owed message with its delivery state,
 * and the subscription checkpoint. The API reads it for GET /v1/outbox and writes receipts.
 */
import type Database from 'better-sqlite3';
import { openDurableSqlite } from '@dnr/event-store';
import { HandoverMessage, Site } from '@dnr/domain';

export type DeliveryState = 'pending' | 'sent' | 'acknowledged' | 'failed' | 'escalated';
export type ReceiptOutcome = 'ok' | 'transient-error' | 'fatal-error';

export interface OutboxEntry {
  messageId: string;
  patientId: string;
  kind: HandoverMessage['kind'];
  handoverId?: string;
  causedBy: string;
  recipient: Site;
  createdAt: string;
  state: DeliveryState;
  attempts: number;
  lastEnvelopeId: string | null;
  lastSentAt: string | null;
  lastError: string | null;
  phoneContactRequired: boolean;
  payload: HandoverMessage;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  message_id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  recipient_sor TEXT NOT NULL,
  sender_sor TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_envelope_id TEXT,
  last_sent_at INTEGER,
  last_error TEXT,
  phone_contact_required INTEGER NOT NULL,
  created_seq INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_patient ON outbox (patient_id);
CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state, last_sent_at);
CREATE INDEX IF NOT EXISTS outbox_created ON outbox (created_seq);
CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL);
`;

interface Row {
  message_id: string;
  state: DeliveryState;
  attempts: number;
  last_envelope_id: string | null;
  last_sent_at: number | null;
  last_error: string | null;
  phone_contact_required: number;
  payload: string;
}

export interface OutboxFilter {
  patientId?: string;
  state?: DeliveryState;
  kind?: string;
}

export class OutboxStore {
  private readonly db: Database.Database;

  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = openDurableSqlite(file);
    this.db.exec(SCHEMA);
  }

  /** Statements are prepared once: the relay runs these for every event and message. */
  private prepared<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  /** Records owed messages once each: a replayed event finds them already there. */
  record(messages: HandoverMessage[]): void {
    const insert = this.prepared(`INSERT OR IGNORE INTO outbox (message_id, patient_id, kind, recipient_sor, sender_sor, state, phone_contact_required, created_seq, payload)
      VALUES (?, ?, ?, ?, ?, 'pending', ?, (SELECT coalesce(max(created_seq), 0) + 1 FROM outbox), ?)`);
    this.db.transaction(() => {
      for (const m of messages) insert.run(m.messageId, m.patientId, m.kind, m.recipient.sor, m.sender.sor, m.phoneContactRequired ? 1 : 0, JSON.stringify(m));
    })();
  }

  get(messageId: string): OutboxEntry | null {
    const row = this.prepared<[string], Row>('SELECT * FROM outbox WHERE message_id = ?').get(messageId);
    return row ? toEntry(row) : null;
  }

  list(filter: OutboxFilter): OutboxEntry[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.patientId) { where.push('patient_id = ?'); args.push(filter.patientId); }
    if (filter.state) { where.push('state = ?'); args.push(filter.state); }
    if (filter.kind) { where.push('kind = ?'); args.push(filter.kind); }
    const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_seq LIMIT 1000`;
    return this.prepared<string[], Row>(sql).all(...args).map(toEntry);
  }

  /**
   * Messages to resend: refused with a transient error, or unanswered since `sentBefore`.
   * Never-delivered (`pending`) messages belong to the subscription, which delivers them in
   * order; leaving them out also keeps a pending backlog from crowding resends out of the page.
   */
  due(sentBefore: number): OutboxEntry[] {
    return this.prepared<[number], Row>(`SELECT * FROM outbox WHERE state = 'failed' OR (state = 'sent' AND last_sent_at <= ?) ORDER BY created_seq LIMIT 500`)
      .all(sentBefore).map(toEntry);
  }

  markSent(messageId: string, envelopeId: string, at: number): void {
    this.prepared(`UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_envelope_id = ?, last_sent_at = ?, last_error = NULL
      WHERE message_id = ? AND state IN ('pending', 'sent', 'failed')`).run(envelopeId, at, messageId);
  }

  markDeliveryError(messageId: string, error: string): void {
    this.prepared('UPDATE outbox SET last_error = ? WHERE message_id = ?').run(error.slice(0, 500), messageId);
  }

  /** A receipt moves the message on; a late receipt for an acknowledged message changes nothing. */
  receipt(messageId: string, outcome: ReceiptOutcome, detail: string | undefined): void {
    const next = outcome === 'ok' ? 'acknowledged' : outcome === 'fatal-error' ? 'escalated' : 'failed';
    this.prepared(`UPDATE outbox SET state = ?, last_error = ? WHERE message_id = ? AND state NOT IN ('acknowledged')`)
      .run(next, outcome === 'ok' ? null : `${outcome}${detail ? `: ${detail}` : ''}`.slice(0, 500), messageId);
  }

  escalate(messageId: string, why: string): void {
    this.prepared(`UPDATE outbox SET state = 'escalated', last_error = ? WHERE message_id = ? AND state IN ('sent', 'failed', 'pending')`).run(why, messageId);
  }

  /** Messages per delivery state, every state present (0 when none). */
  countsByState(): Record<DeliveryState, number> {
    const counts: Record<DeliveryState, number> = { pending: 0, sent: 0, acknowledged: 0, failed: 0, escalated: 0 };
    for (const row of this.prepared<[], { state: DeliveryState; n: number }>('SELECT state, count(*) AS n FROM outbox GROUP BY state').all()) counts[row.state] = row.n;
    return counts;
  }

  checkpoint(name: string): string | null {
    return this.prepared<[string], { position: string }>('SELECT position FROM checkpoints WHERE name = ?').get(name)?.position ?? null;
  }

  saveCheckpoint(name: string, position: string): void {
    this.prepared('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position').run(name, position);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toEntry(row: Row): OutboxEntry {
  const payload = JSON.parse(row.payload) as HandoverMessage;
  return {
    messageId: row.message_id,
    patientId: payload.patientId,
    kind: payload.kind,
    ...(payload.handover ? { handoverId: payload.handover.handoverId } : {}),
    causedBy: payload.causedBy,
    recipient: payload.recipient,
    createdAt: payload.createdAt,
    state: row.state,
    attempts: row.attempts,
    lastEnvelopeId: row.last_envelope_id,
    lastSentAt: row.last_sent_at === null ? null : new Date(row.last_sent_at).toISOString(),
    lastError: row.last_error,
    phoneContactRequired: row.phone_contact_required === 1,
    payload,
  };
}
