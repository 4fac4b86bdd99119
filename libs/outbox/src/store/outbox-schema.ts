/**
 * relay.db, schema 2. The status feed (R7.3b): every change of a patient's status, in order,
 * with its own position. Each message row keeps its delivery (the decider's record, as JSON) and
 * copies of the few fields the relay and the API select by. A relay.db of schema 1 (table
 * `outbox`) is left untouched: schema 2 starts its own checkpoint, so the outbox is rebuilt
 * from the event store and every owed message is owed again (receivers de-duplicate by messageId).
 *
 * Columns and indexes are added without a new schema number, when a relay.db made before them is
 * first opened (prepareOutboxSchema): `held` (filled in from the messages as they stand),
 * messages_due_in_turn in place of messages_due and messages_due_in_order, the sites'
 * `changed_by` (null on the entries already there: who changed them was not recorded) and
 * `confirmed` (CONFIRMED_BEFORE: from who changed them last, where that was recorded).
 * The status feed's `by` (R7.3b: a change by time alone, with no event) needs the feed's key to
 * change from `caused_by` to (`caused_by`, `by`, `at`) — SQLite cannot drop a UNIQUE, so the table
 * is made again with every entry under its own position (FEED_BY_TIME). `feed_schedule` is new:
 * made where missing, with a request to backfill it where the projection had already run (SCHEDULES_BACKFILL).
 */
import type Database from 'better-sqlite3';

/**
 * status_feed: `by` is 'event' for a change an event made, 'time' for one time alone made (R7.3b,
 * feed/timed-changes.ts). An event's change is one per event; a change by time is one per last
 * event and instant — so a change recorded again (a replay, the projection and the relay's clock
 * both finding it) is the same row, and each real change is on the feed once.
 *
 * feed_schedule: per patient, when the answer may next change by time alone (`due_at`), the
 * instant the feed's answer was last assessed at (`since_at`), and the last event projected
 * (`caused_by`, its stream `version`): the events that answer is assessed on.
 */
export const STATUS_FEED_COLUMNS = `
  position   INTEGER PRIMARY KEY AUTOINCREMENT,
  patient_id TEXT NOT NULL,
  caused_by  TEXT NOT NULL,
  at         TEXT NOT NULL,
  status     TEXT NOT NULL,
  by         TEXT NOT NULL DEFAULT 'event',
  UNIQUE (caused_by, by, at)`;

/**
 * `held`: 1 while an earlier message to the same place of delivery for the same patient has not
 * gone out (attempts = 0 — an acknowledged message has always gone out). Each patient and place
 * is a queue; only its head (the oldest message not yet sent) and messages already sent can be
 * due. Kept in the row so that what is due is read off an index of exactly those: a queue of a
 * thousand messages for one patient costs the dispatcher one row a round, not a thousand.
 */
export const OUTBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  message_id        TEXT PRIMARY KEY,
  seq               INTEGER NOT NULL UNIQUE,
  patient_id        TEXT NOT NULL,
  kind              TEXT NOT NULL,
  sender_sor        TEXT NOT NULL,
  recipient_sor     TEXT NOT NULL,
  deliver_to_sor    TEXT NOT NULL,
  state             TEXT NOT NULL,
  attempts          INTEGER NOT NULL,
  due_at            INTEGER,
  escalation_reason TEXT,
  delivery          TEXT NOT NULL,
  payload           TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  held              INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sites (
  sor        TEXT PRIMARY KEY,
  site       TEXT NOT NULL,
  source     TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  changed_by TEXT,
  confirmed  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS status_feed (${STATUS_FEED_COLUMNS});
`;

/** Made inside prepareOutboxSchema's transaction, so that exactly one opener sees it new (SCHEDULES_BACKFILL). */
const FEED_SCHEDULE = `
CREATE TABLE feed_schedule (
  patient_id TEXT PRIMARY KEY,
  due_at     INTEGER NOT NULL,
  since_at   INTEGER NOT NULL,
  caused_by  TEXT NOT NULL,
  version    INTEGER NOT NULL
);
CREATE INDEX feed_schedule_due ON feed_schedule (due_at);
`;

/** The outbox projection's checkpoint: the position of the last patient event it recorded. */
export const OUTBOX_CHECKPOINT = 'outbox-projection-v2';

/**
 * A relay.db whose projection had run before feed_schedule existed: every patient projected by
 * then has no schedule, so a change by time alone (a registration taking effect) would never reach
 * the feed. This checkpoint row asks for their schedules to be made from their streams
 * (feed/schedule-backfill.ts): `upto` the projection's position when the table was made, `after`
 * how far the backfill has read. Deleted once done.
 */
export const SCHEDULES_BACKFILL = 'feed-schedule-backfill';


/**
 * A status_feed made before `by`: made again under the new key, every entry under its own position
 * (the publisher's checkpoint and every follower's cursor stay where they were). Entries are never
 * deleted, so the new table's AUTOINCREMENT carries on from the largest position, as the old one's would.
 */
const FEED_BY_TIME = `
CREATE TABLE status_feed_by_time (${STATUS_FEED_COLUMNS});
INSERT INTO status_feed_by_time (position, patient_id, caused_by, at, status, by) SELECT position, patient_id, caused_by, at, status, 'event' FROM status_feed ORDER BY position;
DROP TABLE status_feed;
ALTER TABLE status_feed_by_time RENAME TO status_feed;`;

/**
 * messages_due_in_turn: what is due, soonest first, without the messages held in their queue.
 * messages_unsent: each queue's messages not yet sent, in order — its head, and those behind it.
 * messages_held_unescalated: the messages held behind a head that nobody has been asked to act on yet.
 * messages_escalated_heads: the heads not yet sent that someone must act on — one per queue at most.
 */
export const OUTBOX_INDEXES = `
DROP INDEX IF EXISTS messages_due;
DROP INDEX IF EXISTS messages_due_in_order;
CREATE INDEX IF NOT EXISTS messages_due_in_turn ON messages (due_at, seq) WHERE due_at IS NOT NULL AND held = 0;
CREATE INDEX IF NOT EXISTS messages_unsent ON messages (patient_id, deliver_to_sor, seq) WHERE attempts = 0;
CREATE INDEX IF NOT EXISTS messages_held_unescalated ON messages (patient_id, deliver_to_sor, seq) WHERE held = 1 AND escalation_reason IS NULL;
CREATE INDEX IF NOT EXISTS messages_escalated_heads ON messages (escalation_reason) WHERE attempts = 0 AND held = 0 AND escalation_reason IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_order ON messages (patient_id, deliver_to_sor, seq);
CREATE INDEX IF NOT EXISTS messages_state ON messages (state, seq);
CREATE INDEX IF NOT EXISTS messages_sender ON messages (sender_sor, seq);
CREATE INDEX IF NOT EXISTS messages_recipient ON messages (recipient_sor, seq);
CREATE INDEX IF NOT EXISTS messages_deliver_to ON messages (deliver_to_sor, seq);
CREATE INDEX IF NOT EXISTS messages_escalation ON messages (escalation_reason) WHERE escalation_reason IS NOT NULL;
`;

/** Every message not yet sent behind an earlier one not yet sent, in its queue. */
const MARK_HELD = `UPDATE messages SET held = 1 WHERE attempts = 0 AND EXISTS (
  SELECT 1 FROM messages e WHERE e.patient_id = messages.patient_id AND e.deliver_to_sor = messages.deliver_to_sor AND e.attempts = 0 AND e.seq < messages.seq)`;

/**
 * `confirmed` for entries made before it (sites-directory.ts): last changed by the site's own
 * organisation or by the SOR export load (the only changer with role `operator`). An entry whose
 * changer was not recorded stays unconfirmed: it addresses as before unless a handover contradicts its EAN.
 */
const CONFIRMED_BEFORE = `UPDATE sites SET confirmed = 1
  WHERE json_extract(changed_by, '$.org') = sor OR json_extract(changed_by, '$.role') = 'operator'`;

/**
 * Creates or brings up to date the relay state. The API thread and the relay thread each open
 * relay.db: the columns are added (and `held` filled in) within one write transaction that looks
 * again first, so only one of them adds each, and nobody reads what is due before every queue is marked.
 */
export function prepareOutboxSchema(db: Database.Database): void {
  db.exec(OUTBOX_SCHEMA);
  const has = (table: string, column: string) => db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).some((c) => c.name === column);
  db.transaction(() => {
    const hasHeld = has('messages', 'held');
    if (!hasHeld) db.exec('ALTER TABLE messages ADD COLUMN held INTEGER NOT NULL DEFAULT 0');
    if (!has('sites', 'changed_by')) db.exec('ALTER TABLE sites ADD COLUMN changed_by TEXT');
    if (!has('sites', 'confirmed')) db.exec(`ALTER TABLE sites ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 0; ${CONFIRMED_BEFORE}`);
    if (!has('status_feed', 'by')) db.exec(FEED_BY_TIME);
    if (!has('feed_schedule', 'patient_id')) makeFeedSchedule(db);
    db.exec(OUTBOX_INDEXES);
    if (!hasHeld) db.exec(MARK_HELD);
  }).immediate();
}

function makeFeedSchedule(db: Database.Database): void {
  db.exec(FEED_SCHEDULE);
  const projected = db.prepare<[string], { position: string }>('SELECT position FROM checkpoints WHERE name = ?').get(OUTBOX_CHECKPOINT);
  if (!projected) return;
  db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?)').run(SCHEDULES_BACKFILL, JSON.stringify({ upto: projected.position, after: null }));
}
