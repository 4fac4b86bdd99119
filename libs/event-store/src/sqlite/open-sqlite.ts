/**
 * Every SQLite file of the service opens the same way: WAL, synchronous=FULL (a commit is on
 * disk before we answer; NORMAL survives a process crash but not a power cut), and a busy
 * timeout so a second process (a standalone relay) waits instead of failing.
 */
import Database from 'better-sqlite3';

export function openDurableSqlite(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return db;
}
