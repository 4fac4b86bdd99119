/**
 * Exactly one active relay per store. Relays started against the same relay state (one host,
 * one volume) compete for a lease row; the holder renews it well inside its time to live, and
 * a standby takes it over only once it has expired — that is, once the holder stopped renewing
 * because it died or hung. Taking and renewing go through optimistic concurrency on the row's
 * version, so two contenders can never both win the same round.
 *
 * Two relays may still overlap for a moment (a holder paused past its lease finishes the event in
 * hand); delivery is at-least-once under stable messageIds, so that costs a duplicate, not a loss.
 */
import type Database from 'better-sqlite3';
import { openDurableSqlite } from '@dnr/event-store';

const SCHEMA = 'CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, version INTEGER NOT NULL, expires_at INTEGER NOT NULL)';

interface LeaseRow {
  holder: string;
  version: number;
  expires_at: number;
}

export class LeaseTable {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openDurableSqlite(file);
    this.db.exec(SCHEMA);
  }

  /** Takes or renews the lease for `holder` until `now + ttlMs`; false while someone else holds it. */
  tryHold(name: string, holder: string, now: number, ttlMs: number): boolean {
    const row = this.db.prepare<[string], LeaseRow>('SELECT holder, version, expires_at FROM leases WHERE name = ?').get(name);
    if (!row) {
      return this.db.prepare('INSERT OR IGNORE INTO leases (name, holder, version, expires_at) VALUES (?, ?, 1, ?)').run(name, holder, now + ttlMs).changes === 1;
    }
    if (row.holder !== holder && row.expires_at > now) return false;
    return this.db.prepare('UPDATE leases SET holder = ?, version = version + 1, expires_at = ? WHERE name = ? AND version = ?')
      .run(holder, now + ttlMs, name, row.version).changes === 1;
  }

  /** Gives the lease up at once (a clean shutdown), so a standby need not wait for it to expire. */
  release(name: string, holder: string): void {
    this.db.prepare('UPDATE leases SET expires_at = 0, version = version + 1 WHERE name = ? AND holder = ?').run(name, holder);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
