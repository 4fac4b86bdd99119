/** Builds the relay's parts from configuration: the event store, its state file, its transport and its timings. */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EventStore, openEventStore } from '@dnr/event-store';
import { DropFolderTransport, KafkaTransport, MessageTransport } from '@dnr/messaging';
import { OutboxStore } from './outbox-store';
import { Relay, RELAY_DEFAULTS, RelayOptions } from './relay';
import { LeasedRelay, LEASE_DEFAULTS } from './leased-relay';
import { LeaseTable } from './relay-lease';

export interface RelayConfig {
  RELAY_LEASE_SECONDS?: number;
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

/** The relay behind its lease: active if no other relay on this relay state is, standby otherwise. */
export function leasedRelay(store: EventStore, outbox: OutboxStore, transport: MessageTransport, config: RelayConfig, log: (m: string) => void): LeasedRelay {
  const relay = new Relay(store, outbox, transport, relayOptions(config, log));
  const ttlMs = (config.RELAY_LEASE_SECONDS ?? LEASE_DEFAULTS.ttlMs / 1000) * 1000;
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return new LeasedRelay(relay, new LeaseTable(join(config.DATA_DIR, 'relay.db')), { holder, ttlMs, renewEveryMs: ttlMs / 3, log });
}
