import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('SQLite (real file, WAL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnr-store-'));
  return {
    open: async () => new SqliteEventStore(join(dir, 'events.db')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
