/**
 * relay.db, schema 2. The status feed (R7.3b): every change of a patient's status, in order,
 * with its own position. Each message row keeps its delivery (the decider's record, as JSON) and
 * copies of the few fields the relay and the API select by. A relay.db of schema 1 (table
 * `outbox`) is left untouched: schema 2 starts its own checkpoint, so the outbox is rebuilt
 * from the event store and every owed message is owed again (receivers de-duplicate by messageId).
 * Indexes change without a new schema number: a relay.db of schema 2 opened by this version loses
 * messages_due and gains messages_due_in_order (built once, at that first open).
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
  created_at        TEXT NOT NULL
);
DROP INDEX IF EXISTS messages_due;
CREATE INDEX IF NOT EXISTS messages_due_in_order ON messages (due_at, seq) WHERE due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_order ON messages (patient_id, deliver_to_sor, seq);
CREATE INDEX IF NOT EXISTS messages_state ON messages (state, seq);
CREATE INDEX IF NOT EXISTS messages_sender ON messages (sender_sor, seq);
CREATE INDEX IF NOT EXISTS messages_recipient ON messages (recipient_sor, seq);
CREATE INDEX IF NOT EXISTS messages_deliver_to ON messages (deliver_to_sor, seq);
CREATE INDEX IF NOT EXISTS messages_escalation ON messages (escalation_reason) WHERE escalation_reason IS NOT NULL;
CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sites (
  sor        TEXT PRIMARY KEY,
  site       TEXT NOT NULL,
  source     TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS status_feed (
  position   INTEGER PRIMARY KEY AUTOINCREMENT,
  patient_id TEXT NOT NULL,
  caused_by  TEXT NOT NULL UNIQUE,
  at         TEXT NOT NULL,
  status     TEXT NOT NULL
);
`;
