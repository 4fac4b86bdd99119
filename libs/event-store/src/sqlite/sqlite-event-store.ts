/**
 * Embedded event store on SQLite (better-sqlite3), the default for `npm start`.
 *
 * Durability: WAL with synchronous=FULL. In WAL mode NORMAL already survives a process crash,
 * but a power loss or OS crash may lose the last commits; a DNR decision that was acknowledged
 * with 201 and then vanished is exactly the failure this service exists to prevent, so every
 * commit syncs the WAL (open-sqlite.ts).
 *
 * Group commit: appends that arrive while a commit is under way are written together in the
 * next one — one transaction with one sync, each inside its own savepoint, so one append refused
 * (wrong version, duplicate id) takes nothing else with it (batch-writer.ts) — and every caller
 * is answered only after that commit. Under load this turns one fsync per request into one per
 * batch. The commits run on a writer thread of their own (sqlite-writer.ts), so the disk's wait
 * is never the event loop's; reads stay on this thread's connection (WAL: a read started after
 * a commit sees it).
 */
import type Database from 'better-sqlite3';
import {
  AppendResult, DuplicateEventError, EventStore, EventToAppend, ExpectedVersion, StoredEvent, SubscribeOptions, Subscription,
  WrongExpectedVersionError,
} from '../event-store.port';
import { AppendOutcome, AppendRefusal, BatchAppend } from './batch-writer';
import { PageRead, pollingSubscription } from './polling-subscription';
import { openDurableSqlite } from './open-sqlite';
import { SqliteWriter } from './sqlite-writer';

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

/**
 * A page of the events of every stream with one prefix (the relay's subscription follows
 * `patient-`), in position order. The `+` keeps SQLite off the (stream_id, version) index: with
 * it, SQLite took every event of every patient from that index and sorted them all by position
 * for each page of 500 — a page's cost grew with the whole store (13 ms at 200,000 events, and
 * the relay's share of it grew through every minute of a steady load). Without it the page is a
 * walk along the positions after the checkpoint that stops at the limit; readPage then moves the
 * subscription past the other streams' events it walked over, so none is walked twice.
 */
export const PAGE_OF_STREAMS_WITH_PREFIX =
  'SELECT * FROM events WHERE position > ? AND +stream_id >= ? AND +stream_id < ? ORDER BY position LIMIT ?';

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
  append: BatchAppend;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly writer: SqliteWriter;
  /** Each subscription's wake-up, with the stream prefix it follows. */
  private readonly listeners = new Map<() => void, string>();
  private readonly watchers = new Set<(streamIds: string[]) => void>();
  private waiting: WaitingAppend[] = [];
  /** The commit under way, if any: the next batch goes when it is answered. */
  private committing: Promise<void> | null = null;
  private readonly statements;

  /**
   * `pollMs`: how long a subscription waits for a wake-up before it looks anyway — the delay for
   * appends made by another process on the same file, whose commits this one is never told of.
   */
  constructor(file: string, private readonly options: { pollMs?: number } = {}) {
    this.db = openDurableSqlite(file);
    this.db.exec(SCHEMA);
    this.writer = new SqliteWriter(file);
    this.statements = {
      version: this.db.prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM events WHERE stream_id = ?'),
      byEventId: this.db.prepare<[string], Row>('SELECT * FROM events WHERE event_id = ?'),
      stream: this.db.prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? ORDER BY version'),
      backwards: this.db.prepare<[string, number, number], Row>('SELECT * FROM events WHERE stream_id = ? AND version < ? ORDER BY version DESC LIMIT ?'),
      all: this.db.prepare<[number, number], Row>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      allPrefixed: this.db.prepare<[number, string, string, number], Row>(PAGE_OF_STREAMS_WITH_PREFIX),
      head: this.db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
    };
  }

  append(streamId: string, events: EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      // Encoded here, so what goes to the writer thread is text (a copy, not a traversal of the payload);
      // a payload that cannot be encoded rejects this append alone.
      const encoded = events.map((e) => ({ eventId: e.eventId, type: e.type, payload: JSON.stringify(e.payload), metadata: e.metadata ? JSON.stringify(e.metadata) : null }));
      this.waiting.push({ append: { streamId, expected, events: encoded }, resolve, reject });
      if (!this.committing) this.committing = this.commitWaiting().catch((error: unknown) => this.failWaiting(error));
    });
  }

  /** Commits cannot go on (the loop itself failed): whatever waits is told, never left unanswered. */
  private failWaiting(error: unknown): void {
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  /** Commits what is waiting, batch after batch, until nothing is; each caller answered after its commit, with its own outcome. */
  private async commitWaiting(): Promise<void> {
    try {
      await new Promise(setImmediate); // let this turn's other appends join the batch
      while (this.waiting.length) await this.commitBatch(this.waiting.splice(0));
    } finally {
      this.committing = null;
    }
  }

  private async commitBatch(batch: WaitingAppend[]): Promise<void> {
    const outcomes = await this.writer.commit(batch.map((w) => w.append)).catch((error: Error) => error);
    if (outcomes instanceof Error) {
      for (const w of batch) w.reject(outcomes); // the commit failed, or its outcome is unknown (the error says which): no caller is told it was stored
      return;
    }
    outcomes.forEach((o, i) => answer(batch[i], o));
    const written = batch.filter((_, i) => 'ok' in outcomes[i]).map((w) => w.append.streamId);
    this.told(written);
  }

  /** The subscriptions and watchers of the streams just written; one that throws disturbs neither the others nor the commits. */
  private told(written: string[]): void {
    try {
      this.notify(written);
    } catch {
      // a subscription's wake-up is a flag and a resolve; its own poll catches up
    }
    for (const watcher of this.watchers) {
      try {
        watcher(written);
      } catch {
        // a watcher's failure is its own (the relay thread's wake-up); the appends are stored
      }
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
    return this.eventsAfter(after, limit, streamPrefix);
  }

  /**
   * A page as readAll gives it, and how far it read: when the page is short, to the head of the
   * store as this same read saw it — so a subscription moves past the crews' lookup records after
   * the last patient event instead of walking them again at every poll (positions committed after
   * this read are above that head: one writer, positions given in commit order).
   */
  async readPage(after: string | null, limit: number, streamPrefix?: string): Promise<PageRead> {
    return this.db.transaction(() => {
      const events = this.eventsAfter(after, limit, streamPrefix);
      if (events.length === limit) return { events, readTo: events[events.length - 1].position };
      const head = this.statements.head.get()?.head ?? null;
      return { events, readTo: head === null ? after : String(Math.max(head, after === null ? 0 : Number(after))) };
    })();
  }

  private eventsAfter(after: string | null, limit: number, streamPrefix?: string): StoredEvent[] {
    const from = after === null ? 0 : Number(after);
    const rows = streamPrefix
      ? this.statements.allPrefixed.all(from, streamPrefix, prefixUpperBound(streamPrefix), limit)
      : this.statements.all.all(from, limit);
    return rows.map(toStored);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return pollingSubscription(this, { ...options, pollMs: this.options.pollMs }, (wake) => {
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
    await this.committing; // appends already asked for are committed, not dropped
    await this.writer.close();
    this.listeners.clear();
    this.watchers.clear();
    if (this.db.open) this.db.close();
  }

  /** Wakes only subscriptions that follow a stream just written: an audit line (`lookup-…`) does not stir the relay. */
  private notify(streams: string[]): void {
    for (const [wake, prefix] of this.listeners) if (streams.some((s) => s.startsWith(prefix))) wake();
  }
}

function answer(waiting: WaitingAppend, outcome: AppendOutcome): void {
  if ('ok' in outcome) waiting.resolve(outcome.ok);
  else waiting.reject(errorOf(outcome.refused));
}

function errorOf(refusal: AppendRefusal): Error {
  if (refusal.kind === 'wrong-version') return new WrongExpectedVersionError(refusal.streamId, refusal.expected, refusal.actual);
  if (refusal.kind === 'duplicate') return new DuplicateEventError(refusal.eventId);
  return new Error(refusal.message);
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
