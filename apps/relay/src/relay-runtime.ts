/** Builds the relay's parts from configuration: the event store, its state file, its transport and its timings. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore, openEventStore } from '@dnr/event-store';
import { DropFolderTransport, KafkaTransport, MessageTransport } from '@dnr/messaging';
import { OutboxStore } from './outbox-store';
import { RELAY_DEFAULTS, RelayOptions } from './relay';

export interface RelayConfig {
  DATA_DIR: string;
  EVENT_STORE?: 'sqlite' | 'kurrentdb';
  KURRENTDB_CONNECTION_STRING?: string;
  TRANSPORT: 'dropfolder' | 'kafka';
  KAFKA_BROKERS?: string;
  RESEND_AFTER_SECONDS?: number;
}

/** Config has already checked that kurrentdb comes with its connection string. */
export function eventStoreFor(config: RelayConfig): EventStore {
  return config.EVENT_STORE === 'kurrentdb'
    ? openEventStore({ kind: 'kurrentdb', connectionString: config.KURRENTDB_CONNECTION_STRING ?? '' })
    : openEventStore({ kind: 'sqlite', dataDir: config.DATA_DIR });
}

export function openOutboxStore(dataDir: string): OutboxStore {
  mkdirSync(dataDir, { recursive: true });
  return new OutboxStore(join(dataDir, 'relay.db'));
}

export function openTransport(config: RelayConfig): MessageTransport {
  if (config.TRANSPORT === 'dropfolder') return new DropFolderTransport(join(config.DATA_DIR, 'outbox'));
  return KafkaTransport.create((config.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','));
}

export function relayOptions(config: RelayConfig, log: (m: string) => void): RelayOptions {
  const resendAfterMs = (config.RESEND_AFTER_SECONDS ?? RELAY_DEFAULTS.resendAfterMs / 1000) * 1000;
  return { ...RELAY_DEFAULTS, resendAfterMs, sweepEveryMs: Math.min(RELAY_DEFAULTS.sweepEveryMs, resendAfterMs), log };
}
