/**
 * Embedded event store on SQLite (better-sqlite3), the default for `npm start`.
 *
 * Durability: WAL with synchronous=FULL. In WAL mode NORMAL already survives a process crash,
 * but a power loss or OS crash may lose the last commits; a DNR decision that was acknowledged
 * with 201 and then vanished is exactly the failure this service exists to prevent, so every
 * commit syncs the WAL (open-sqlite.ts).
 *
 * Group commit: appends that arrive while the event loop is busy are written together in one
 * transaction with one sync, each inside its own savepoint — so one append refused (wrong
 * version, duplicate id) takes nothing else with it — and every caller is answered only after
 * that commit. Under load this turns one fsync per request into one per batch.
 */
import type Database from 'better-sqlite3';
import {
  AppendResult, DuplicateEventError, EventStore, EventToAppend, ExpectedVersion, StoredEvent, SubscribeOptions, Subscription,
  WrongExpectedVersionError,
} from '../event-store.port';
import { pollingSubscription } from './polling-subscription';
import { openDurableSqlite } from './open-sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  event_id    TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  payload     TEXT    NOT NULL,
  metadata    TEXT,
  UNIQUE (stream_id, version)
);`;

interface Row {
  position: number;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  payload: string;
  metadata: string | null;
}

interface WaitingAppend {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedVersion;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  /** Each subscription's wake-up, with the stream prefix it follows. */
  private readonly listeners = new Map<() => void, string>();
  private readonly watchers = new Set<(streamIds: string[]) => void>();
  private waiting: WaitingAppend[] = [];
  private readonly statements;

  constructor(file: string) {
    this.db = openDurableSqlite(file);
    this.db.exec(SCHEMA);
    this.statements = {
      version: this.db.prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM events WHERE stream_id = ?'),
      insert: this.db.prepare('INSERT INTO events (stream_id, version, event_id, type, payload, metadata) VALUES (?, ?, ?, ?, ?, ?)'),
      byEventId: this.db.prepare<[string], Row>('SELECT * FROM events WHERE event_id = ?'),
      stream: this.db.prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? ORDER BY version'),
      backwards: this.db.prepare<[string, number, number], Row>('SELECT * FROM events WHERE stream_id = ? AND version < ? ORDER BY version DESC LIMIT ?'),
      all: this.db.prepare<[number, number], Row>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      allPrefixed: this.db.prepare<[number, string, string, number], Row>(
        'SELECT * FROM events WHERE position > ? AND stream_id >= ? AND stream_id < ? ORDER BY position LIMIT ?'),
    };
  }

  append(streamId: string, events: EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ streamId, events, expected, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.commitWaiting());
    });
  }

  /** One transaction for every append waiting; each answered after the commit, with its own outcome. */
  private commitWaiting(): void {
    const batch = this.waiting;
    this.waiting = [];
    let outcomes: Array<{ ok: AppendResult } | { error: unknown }>;
    try {
      outcomes = this.db.transaction(() => batch.map((a) => {
        try {
          return { ok: this.appendOne(a.streamId, a.events, a.expected) };
        } catch (error) {
          return { error };
        }
      }))();
    } catch (error) {
      for (const a of batch) a.reject(error); // the commit itself failed: nothing of the batch is stored
      return;
    }
    outcomes.forEach((o, i) => ('ok' in o ? batch[i].resolve(o.ok) : batch[i].reject(o.error)));
    const written = batch.filter((_, i) => 'ok' in outcomes[i]).map((a) => a.streamId);
    this.notify(written);
    for (const watcher of this.watchers) watcher(written);
  }

  /** One append inside the batch: a savepoint (nested transaction), so either all its events are stored or none. */
  private appendOne(streamId: string, events: EventToAppend[], expected: ExpectedVersion): AppendResult {
    return this.db.transaction(() => {
      const current = this.statements.version.get(streamId)?.v ?? 0;
      checkExpected(streamId, expected, current);
      let position = 0;
      events.forEach((e, i) => {
        position = Number(this.insertOne(streamId, current + i + 1, e));
      });
      return { version: current + events.length, position: String(position) };
    })();
  }

  private insertOne(streamId: string, version: number, e: EventToAppend): number | bigint {
    try {
      const meta = e.metadata ? JSON.stringify(e.metadata) : null;
      return this.statements.insert.run(streamId, version, e.eventId, e.type, JSON.stringify(e.payload), meta).lastInsertRowid;
    } catch (error) {
      if (isUniqueViolation(error, 'events.event_id')) throw new DuplicateEventError(e.eventId);
      if (isUniqueViolation(error, 'events.stream_id')) throw new WrongExpectedVersionError(streamId, version - 1, version);
      throw error;
    }
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return this.statements.stream.all(streamId).map(toStored);
  }

  async readStreamBackwards(streamId: string, page: { before?: number; limit: number }): Promise<StoredEvent[]> {
    return this.statements.backwards.all(streamId, page.before ?? Number.MAX_SAFE_INTEGER, page.limit).map(toStored);
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.statements.version.get(streamId)?.v ?? 0;
  }

  async findEvent(streamId: string, eventId: string): Promise<StoredEvent | null> {
    const row = this.statements.byEventId.get(eventId);
    return row && row.stream_id === streamId ? toStored(row) : null;
  }

  async readAll(after: string | null, limit: number, streamPrefix?: string): Promise<StoredEvent[]> {
    const from = after === null ? 0 : Number(after);
    const rows = streamPrefix
      ? this.statements.allPrefixed.all(from, streamPrefix, prefixUpperBound(streamPrefix), limit)
      : this.statements.all.all(from, limit);
    return rows.map(toStored);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return pollingSubscription(this, options, (wake) => {
      this.listeners.set(wake, options.streamPrefix);
      return () => this.listeners.delete(wake);
    });
  }

  watchAppends(streamPrefix: string, listener: (streamIds: string[]) => void): () => void {
    const watcher = (streamIds: string[]) => { const matching = streamIds.filter((s) => s.startsWith(streamPrefix)); if (matching.length) listener(matching); };
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Another connection to the same file (another thread or process) appended to these streams: wake the subscriptions that follow them. */
  appendedElsewhere(streamIds: string[]): void {
    this.notify(streamIds);
  }

  async close(): Promise<void> {
    if (this.waiting.length && this.db.open) this.commitWaiting(); // appends already asked for are not dropped
    this.listeners.clear();
    this.watchers.clear();
    if (this.db.open) this.db.close();
  }

  /** Wakes only subscriptions that follow a stream just written: an audit line (`lookup-…`) does not stir the relay. */
  private notify(streams: string[]): void {
    for (const [wake, prefix] of this.listeners) if (streams.some((s) => s.startsWith(prefix))) wake();
  }
}

function checkExpected(streamId: string, expected: ExpectedVersion, current: number): void {
  if (expected === 'any') return;
  const wanted = expected === 'no_stream' ? 0 : expected;
  if (wanted !== current) throw new WrongExpectedVersionError(streamId, expected, current);
}

function isUniqueViolation(error: unknown, column: string): boolean {
  // Not `instanceof Error`: the native module's errors may come from another realm (e.g. under jest).
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes(column);
}

/** The smallest string greater than every string with this prefix (for an index range scan). */
function prefixUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function toStored(row: Row): StoredEvent {
  return {
    streamId: row.stream_id,
    version: row.version,
    position: String(row.position),
    eventId: row.event_id,
    type: row.type,
    payload: JSON.parse(row.payload),
    metadata: row.metadata ? JSON.parse(row.metadata) : null,
  };
}
