/**
 * The relay's durable state (SQLite `relay.db`): every owed message with its delivery, and the
 * subscription checkpoints. It only stores: what a delivery becomes is decided by the pure
 * delivery decider (`decideDelivery` in libs/domain), which `update` runs inside a write
 * transaction so a receipt (API thread) and a send (relay thread) never overwrite each other.
 */
import type Database from 'better-sqlite3';
import { Delivery, DeliveryState, HandoverMessage, Site } from '@dnr/domain';
import { openDurableSqlite } from '@dnr/event-store';
import { prepareOutboxSchema, SCHEDULES_BACKFILL } from './outbox-schema';
import { Changer, SitesDirectory } from './sites-directory';

export interface OutboxEntry {
  /** Creation order: the stable sort of the outbox and its paging cursor. */
  seq: number;
  message: HandoverMessage;
  delivery: Delivery;
}

export interface OwedMessage {
  message: HandoverMessage;
  delivery: Delivery;
}

/**
 * R7.3b one change of a patient's status, as the status feed carries it. `by: 'time'`: time alone
 * made it (a registered refusal taking effect, R5.1) — `causedBy` is then the patient's last event
 * and `at` the instant it changed; an event's own change carries no `by`.
 */
export interface StatusChange {
  patientId: string;
  causedBy: string;
  at: string;
  status: unknown;
  by?: 'time';
}

/**
 * When a patient's answer may next change by time alone (feed/timed-changes.ts): due at `dueAt`;
 * the feed's answer was last assessed at `sinceAt`, on the stream up to `causedBy` (stream `version`).
 */
export interface FeedSchedule {
  patientId: string;
  dueAt: number;
  sinceAt: number;
  causedBy: string;
  version: number;
}

/** The schedules still to be made for patients projected before feed_schedule existed: up to position `upto`, read `after` so far. */
export interface SchedulesBackfill {
  upto: string;
  after: string | null;
}

export interface FeedEntry extends StatusChange {
  position: number;
}

/** A site as a handover named it, and who recorded that handover. */
export interface NamedSite {
  site: Site;
  by: Changer;
}

export interface ProjectedPage {
  owed: readonly OwedMessage[];
  changes?: readonly StatusChange[];
  /** Sites named in handovers, each with who recorded the handover: the directory remembers them. */
  sites?: readonly NamedSite[];
  checkpoint?: { name: string; position: string } | null;
  at?: number;
  /** Each patient's schedule after the page (null: nothing will change by time alone): a new event replaces it. */
  schedules?: ReadonlyMap<string, FeedSchedule | null>;
}

export interface OutboxFilter {
  patientId?: string;
  state?: DeliveryState;
  kind?: string;
  /** Only messages this organisation sends or receives (its SOR). */
  organisation?: string;
  /** Only messages created before this position (paging, newest first). */
  beforeSeq?: number;
  limit: number;
}

interface Row {
  seq: number;
  payload: string;
  delivery: string;
}

/**
 * OutboxStore.due: read off the index messages_due_in_turn (due_at, seq) in the order asked for,
 * stopping at the limit. On an index of due_at alone SQLite sorted every message with the same
 * due_at by seq before it could stop — all of them, when a rebuild records a backlog at one instant.
 * The index leaves out the messages held in their queue (outbox-schema.ts): when it did not, one
 * patient's thousand messages to one place filled every round, and the round sent one of them
 * while another patient's message waited behind the rest (eleven minutes, measured).
 * `waiting_behind`: the head of a queue with more behind it (one index probe per row read).
 */
export const MESSAGES_DUE = `SELECT m.seq, m.payload, m.delivery,
    m.attempts = 0 AND EXISTS (SELECT 1 FROM messages e WHERE e.patient_id = m.patient_id AND e.deliver_to_sor = m.deliver_to_sor
            AND e.attempts = 0 AND e.seq > m.seq) AS waiting_behind
  FROM messages m WHERE m.due_at IS NOT NULL AND m.due_at <= ? AND m.held = 0
  ORDER BY m.due_at, m.seq LIMIT ?`;

/** A message joins the end of its queue: held when any message before it to the same place for the same patient has not gone out. */
const INSERT_MESSAGE = `INSERT OR IGNORE INTO messages
  (message_id, seq, patient_id, kind, sender_sor, recipient_sor, deliver_to_sor, state, attempts, due_at, escalation_reason, delivery, payload, created_at, held)
  VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM messages), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
    EXISTS (SELECT 1 FROM messages e WHERE e.patient_id = ? AND e.deliver_to_sor = ? AND e.attempts = 0))`;

/** The head of a queue has gone out: the next in it (its oldest message not yet sent) is held no longer. */
const NEXT_IN_TURN = `UPDATE messages SET held = 0 WHERE held = 1 AND seq = (
  SELECT min(seq) FROM messages WHERE patient_id = ? AND deliver_to_sor = ? AND attempts = 0)`;

/**
 * Messages held, not yet escalated, behind a head that is escalated because it cannot go out
 * (UNADDRESSED, or UNDELIVERABLE before its first send: the delivery decider's `cannotGoOut`).
 * Each is escalated once; then it leaves messages_held_unescalated, so a round pays one probe
 * per such head (messages_escalated_heads), never a read of a queue or of every escalated message.
 * INDEXED BY: without statistics SQLite took messages_escalation and messages_order, which hold
 * every escalated message and every message of the queue.
 */
export const HELD_BEHIND_STUCK = `SELECT f.message_id AS messageId, h.message_id AS predecessorId, h.delivery AS predecessor
  FROM messages h INDEXED BY messages_escalated_heads JOIN messages f INDEXED BY messages_held_unescalated ON f.patient_id = h.patient_id AND f.deliver_to_sor = h.deliver_to_sor
  WHERE h.escalation_reason IN ('UNADDRESSED', 'UNDELIVERABLE') AND h.attempts = 0 AND h.held = 0 AND f.held = 1 AND f.escalation_reason IS NULL
  LIMIT ?`;

/** The messages held behind a queue's head, in order. */
const HELD_BEHIND = `SELECT message_id AS messageId FROM messages
  WHERE patient_id = ? AND deliver_to_sor = ? AND attempts = 0 AND seq > ? ORDER BY seq`;

/** The columns that make a message an organisation's: it sends it, receives it, or it is delivered to it (its EHR's letter sections). */
const ORGANISATION_COLUMNS = ['sender_sor', 'recipient_sor', 'deliver_to_sor'];

/**
 * OutboxStore.list for an organisation, narrowed by `narrowing` (clauses with their own `?`): per
 * column of ORGANISATION_COLUMNS, the organisation's SOR, the narrowing's values and a limit; then
 * the limit of the whole page.
 */
export function organisationPageSql(narrowing: readonly string[]): string {
  const newestOf = (column: string) => `SELECT seq FROM (SELECT seq FROM messages WHERE ${[`${column} = ?`, ...narrowing].join(' AND ')} ORDER BY seq DESC LIMIT ?)`;
  return `SELECT seq, payload, delivery FROM messages WHERE seq IN (${ORGANISATION_COLUMNS.map(newestOf).join(' UNION ')}) ORDER BY seq DESC LIMIT ?`;
}

export class OutboxStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** The sites directory, in the same file (a handover's sites are remembered in the commit that records its messages). */
  readonly sites: SitesDirectory;

  constructor(file: string) {
    this.db = openDurableSqlite(file);
    prepareOutboxSchema(this.db);
    this.sites = new SitesDirectory(this.db);
  }

  /**
   * Records what a page of events did — the messages they owe, the status changes they made, the
   * sites they named (once each: a replayed event finds them there) — and, in the same commit,
   * how far the events were read.
   */
  recordProjection(page: ProjectedPage): void {
    const { owed, changes = [], sites = [], checkpoint = null, at = Date.now(), schedules = new Map() } = page;
    const insert = this.prepared(INSERT_MESSAGE);
    this.db.transaction(() => {
      for (const { message: m, delivery: d } of owed) {
        const place = deliverToOf(m);
        insert.run(m.messageId, m.patientId, m.kind, m.sender.sor ?? '', m.recipient.sor ?? '', place, d.state, d.attempts, d.dueAt, d.escalation?.reason ?? null, JSON.stringify(d), JSON.stringify(m), m.createdAt, m.patientId, place);
      }
      this.recordChanges(changes);
      for (const [patientId, schedule] of schedules) this.writeSchedule(patientId, schedule);
      for (const { site, by } of sites) this.sites.remember(site, at, by);
      if (checkpoint) this.writeCheckpoint(checkpoint.name, checkpoint.position);
    })();
  }

  /**
   * The changes time alone made since `expected` was due, and the schedule after them, in one
   * commit — only while `expected` is still the patient's schedule: when the projection has
   * replaced it meanwhile (a new event), it caught up on those changes itself, and nothing is written.
   */
  recordTimedChanges(expected: FeedSchedule, changes: readonly StatusChange[], next: FeedSchedule | null): boolean {
    return this.db.transaction(() => {
      const now = this.feedSchedule(expected.patientId);
      if (!now || now.dueAt !== expected.dueAt || now.sinceAt !== expected.sinceAt || now.causedBy !== expected.causedBy || now.version !== expected.version) return false;
      this.recordChanges(changes);
      this.writeSchedule(expected.patientId, next);
      return true;
    }).immediate();
  }

  /** Where the backfill of schedules stands (outbox-schema.ts SCHEDULES_BACKFILL), or null when none is owed. */
  schedulesBackfill(): SchedulesBackfill | null {
    const row = this.checkpoint(SCHEDULES_BACKFILL);
    return row === null ? null : JSON.parse(row) as SchedulesBackfill;
  }

  /**
   * A page of the backfill in one commit: the schedules made — each only where the patient has
   * none (the projection's own is newer) — and how far it has read (null: done, the request deleted).
   */
  recordBackfilledSchedules(schedules: readonly FeedSchedule[], next: SchedulesBackfill | null): void {
    this.db.transaction(() => {
      const insert = this.prepared('INSERT INTO feed_schedule (patient_id, due_at, since_at, caused_by, version) VALUES (?, ?, ?, ?, ?) ON CONFLICT(patient_id) DO NOTHING');
      for (const s of schedules) insert.run(s.patientId, s.dueAt, s.sinceAt, s.causedBy, s.version);
      if (next) this.writeCheckpoint(SCHEDULES_BACKFILL, JSON.stringify(next));
      else this.prepared('DELETE FROM checkpoints WHERE name = ?').run(SCHEDULES_BACKFILL);
    }).immediate();
  }

  /** The patient's schedule, or null when nothing is waiting to change by time alone. */
  feedSchedule(patientId: string): FeedSchedule | null {
    const row = this.prepared<[string], ScheduleRow>('SELECT * FROM feed_schedule WHERE patient_id = ?').get(patientId);
    return row ? scheduleOf(row) : null;
  }

  /** The schedules due by `now`, soonest first. */
  feedDue(now: number, limit: number): FeedSchedule[] {
    return this.prepared<[number, number], ScheduleRow>('SELECT * FROM feed_schedule WHERE due_at <= ? ORDER BY due_at LIMIT ?').all(now, limit).map(scheduleOf);
  }

  /** When the next schedule falls due (null: none waits). */
  nextFeedDueAt(): number | null {
    return this.prepared<[], { at: number | null }>('SELECT min(due_at) AS at FROM feed_schedule').get()?.at ?? null;
  }

  /** The feed's newest position (0 while empty): where a reader who wants only what is new starts. */
  feedHead(): number {
    return this.prepared<[], { head: number | null }>('SELECT max(position) AS head FROM status_feed').get()?.head ?? 0;
  }

  /** The status feed after a position, in order. */
  feedAfter(position: number, limit: number): FeedEntry[] {
    return this.prepared<[number, number], { position: number; patient_id: string; caused_by: string; at: string; status: string; by: string }>(
      'SELECT * FROM status_feed WHERE position > ? ORDER BY position LIMIT ?').all(position, limit)
      .map((r) => {
        const entry: FeedEntry = { position: r.position, patientId: r.patient_id, causedBy: r.caused_by, at: r.at, status: JSON.parse(r.status) };
        if (r.by === 'time') entry.by = 'time'; // additive: an event's entry keeps the shape it always had
        return entry;
      });
  }

  get(messageId: string): OutboxEntry | null {
    const row = this.prepared<[string], Row>('SELECT seq, payload, delivery FROM messages WHERE message_id = ?').get(messageId);
    return row ? toEntry(row) : null;
  }

  /**
   * Reads each message's delivery and stores what `change` makes of it, all in one write
   * transaction (one sync for the lot). `change` returns null to leave a message as it is.
   * A message that goes out for the first time lets the next in its queue go, in the same commit.
   */
  update(messageIds: readonly string[], change: (entry: OutboxEntry) => Delivery | null): Array<OutboxEntry | null> {
    const write = this.prepared('UPDATE messages SET state = ?, attempts = ?, due_at = ?, escalation_reason = ?, delivery = ? WHERE message_id = ?');
    return this.db.transaction(() => messageIds.map((id) => {
      const entry = this.get(id);
      if (!entry) return null;
      const next = change(entry);
      if (!next) return entry;
      write.run(next.state, next.attempts, next.dueAt, next.escalation?.reason ?? null, JSON.stringify(next), id);
      if (entry.delivery.attempts === 0 && next.attempts > 0) this.prepared(NEXT_IN_TURN).run(entry.message.patientId, deliverToOf(entry.message));
      return { ...entry, delivery: next };
    })).immediate();
  }

  /**
   * Messages whose next step is due by `now`, soonest first: of the messages not yet sent, only
   * the oldest to each place for each patient — sending a later one first would give the
   * recipient a newer status before an older one; the others are held until it has gone out.
   * `waitingBehind`: messages are held behind this one.
   */
  due(now: number, limit: number): Array<OutboxEntry & { waitingBehind: boolean }> {
    return this.prepared<[number, number], Row & { waiting_behind: number }>(MESSAGES_DUE).all(now, limit).map((row) => ({ ...toEntry(row), waitingBehind: row.waiting_behind === 1 }));
  }

  /** Messages held behind a head that cannot go out, which nobody has been asked to act on yet (HELD_BEHIND_STUCK). */
  heldBehindStuck(limit: number): Array<{ messageId: string; predecessorId: string; predecessor: Delivery }> {
    return this.prepared<[number], { messageId: string; predecessorId: string; predecessor: string }>(HELD_BEHIND_STUCK).all(limit)
      .map((r) => ({ messageId: r.messageId, predecessorId: r.predecessorId, predecessor: JSON.parse(r.predecessor) }));
  }

  /** The messages held behind `head` (not yet sent, to the same place for the same patient), in order. */
  heldBehind(head: OutboxEntry): string[] {
    return this.prepared<[string, string, number], { messageId: string }>(HELD_BEHIND).all(head.message.patientId, deliverToOf(head.message), head.seq).map((r) => r.messageId);
  }

  /**
   * When the next step of any message falls due (null: nothing is waiting). The conditions let
   * SQLite read the answer off the partial index messages_due_in_turn; without them every idle
   * turn of the dispatcher scanned the whole table, and message latency grew with the outbox (p50
   * 0.34 → 0.81 s over a minute at 200 handovers/s on Kafka). A held message is not counted: it
   * falls due when the one before it goes out, and that wakes the dispatcher anyway.
   */
  nextDueAt(): number | null {
    return this.prepared<[], { at: number | null }>('SELECT min(due_at) AS at FROM messages WHERE due_at IS NOT NULL AND held = 0').get()?.at ?? null;
  }

  /** Messages escalated as UNADDRESSED: the ones to try again when the sites directory learns a site. */
  unaddressed(limit: number): OutboxEntry[] {
    return this.prepared<[number], Row>(`SELECT seq, payload, delivery FROM messages WHERE escalation_reason = 'UNADDRESSED' ORDER BY seq LIMIT ?`).all(limit).map(toEntry);
  }

  /**
   * Newest first, filtered and paged. An organisation's messages are those it sends, receives or
   * is delivered for: the newest `limit` of each of the three (each read backwards off its own
   * (column, seq) index, stopping at the limit), then the newest `limit` of those. One query with
   * `sender OR recipient OR deliver_to` made SQLite gather and sort every message the organisation
   * ever had for each page — on the thread that answers HTTP, so a hospital's worklist would have
   * held up a crew's lookup for as long as its history took to sort.
   */
  list(filter: OutboxFilter): OutboxEntry[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    const add = (clause: string, ...values: Array<string | number>) => { where.push(clause); args.push(...values); };
    if (filter.patientId) add('patient_id = ?', filter.patientId);
    if (filter.state) add('state = ?', filter.state);
    if (filter.kind) add('kind = ?', filter.kind);
    if (filter.beforeSeq !== undefined) add('seq < ?', filter.beforeSeq);
    const org = filter.organisation;
    if (!org) {
      const sql = `SELECT seq, payload, delivery FROM messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      return this.prepared<Array<string | number>, Row>(sql).all(...args, filter.limit).map(toEntry);
    }
    const each = [org, ...args, filter.limit];
    return this.prepared<Array<string | number>, Row>(organisationPageSql(where)).all(...each, ...each, ...each, filter.limit).map(toEntry);
  }

  /** Messages per shown state, every state present (0 when none). */
  countsByState(): Record<DeliveryState, number> {
    const counts: Record<DeliveryState, number> = { pending: 0, sent: 0, acknowledged: 0, failed: 0, escalated: 0 };
    for (const row of this.prepared<[], { state: DeliveryState; n: number }>('SELECT state, count(*) AS n FROM messages GROUP BY state').all()) counts[row.state] = row.n;
    return counts;
  }

  checkpoint(name: string): string | null {
    return this.prepared<[string], { position: string }>('SELECT position FROM checkpoints WHERE name = ?').get(name)?.position ?? null;
  }

  saveCheckpoint(name: string, position: string): void {
    this.writeCheckpoint(name, position);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Once each: a change recorded again (a replay, or the projection and the relay's clock both) is the row already there. */
  private recordChanges(changes: readonly StatusChange[]): void {
    const feed = this.prepared('INSERT OR IGNORE INTO status_feed (patient_id, caused_by, at, status, by) VALUES (?, ?, ?, ?, ?)');
    for (const c of changes) feed.run(c.patientId, c.causedBy, c.at, JSON.stringify(c.status), c.by ?? 'event');
  }

  private writeSchedule(patientId: string, schedule: FeedSchedule | null): void {
    if (!schedule) {
      this.prepared('DELETE FROM feed_schedule WHERE patient_id = ?').run(patientId);
      return;
    }
    this.prepared(`INSERT INTO feed_schedule (patient_id, due_at, since_at, caused_by, version) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(patient_id) DO UPDATE SET due_at = excluded.due_at, since_at = excluded.since_at, caused_by = excluded.caused_by, version = excluded.version`)
      .run(patientId, schedule.dueAt, schedule.sinceAt, schedule.causedBy, schedule.version);
  }

  private writeCheckpoint(name: string, position: string): void {
    this.prepared('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position').run(name, position);
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
}

/** Where a message is delivered: the recipient, or — for sections of a letter — the site whose EHR writes the letter. */
export function deliverToOf(m: HandoverMessage): string {
  return m.deliverTo?.sor ?? m.recipient.sor ?? '';
}

interface ScheduleRow {
  patient_id: string;
  due_at: number;
  since_at: number;
  caused_by: string;
  version: number;
}

const scheduleOf = (r: ScheduleRow): FeedSchedule => ({ patientId: r.patient_id, dueAt: r.due_at, sinceAt: r.since_at, causedBy: r.caused_by, version: r.version });

function toEntry(row: Row): OutboxEntry {
  return { seq: row.seq, message: JSON.parse(row.payload), delivery: JSON.parse(row.delivery) };
}
