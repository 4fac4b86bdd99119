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

/** The adapter the configuration names (structurally typed, so this library needs no configuration module). */
export function openConfiguredEventStore(config: { EVENT_STORE: 'sqlite' | 'kurrentdb'; KURRENTDB_CONNECTION_STRING?: string; DATA_DIR: string }): EventStore {
  // The configuration schema has already checked that kurrentdb comes with its connection string.
  return config.EVENT_STORE === 'kurrentdb'
    ? openEventStore({ kind: 'kurrentdb', connectionString: config.KURRENTDB_CONNECTION_STRING ?? '' })
    : openEventStore({ kind: 'sqlite', dataDir: config.DATA_DIR });
}
