/** Opens the configured adapter: the embedded SQLite file, or a KurrentDB server (cluster). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type EventStoreChoice =
  | { kind: 'sqlite'; dataDir: string }
  | { kind: 'kurrentdb'; connectionString: string };

export function openEventStore(choice: EventStoreChoice): EventStore {
  if (choice.kind === 'kurrentdb') return new KurrentDbEventStore(KurrentDBClient.connectionString(choice.connectionString));
  mkdirSync(choice.dataDir, { recursive: true });
  return new SqliteEventStore(join(choice.dataDir, 'events.db'));
}
