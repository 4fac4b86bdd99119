/** The relay's parts, built from the one configuration: its state file, its transport, its delivery policy and its lease. */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@dnr/config';
import { DeliveryPolicy } from '@dnr/domain';
import { EventStore } from '@dnr/event-store';
import { DropFolderTransport, KafkaTransport, MessageTransport } from '@dnr/messaging';
import { OutboxStore } from '../store/outbox-store';
import { LeasedRelay } from '../lease/leased-relay';
import { LeaseTable } from '../lease/relay-lease';
import { Relay, RelayLog } from './relay';

export type RelayConfig = Pick<AppConfig,
  'DATA_DIR' | 'EVENT_STORE' | 'KURRENTDB_CONNECTION_STRING' | 'TRANSPORT' | 'KAFKA_BROKERS' | 'KAFKA_REPLICATION_FACTOR' | 'KAFKA_PARTITIONS'
  | 'RESEND_AFTER_SECONDS' | 'RELAY_MAX_RESENDS' | 'RELAY_RETRY_FIRST_SECONDS' | 'RELAY_RETRY_MAX_SECONDS' | 'RELAY_LEASE_SECONDS' | 'RELAY_REST_RATIO'>;

export const relayStateFile = (dataDir: string) => join(dataDir, 'relay.db');

export function openOutboxStore(dataDir: string): OutboxStore {
  mkdirSync(dataDir, { recursive: true });
  return new OutboxStore(relayStateFile(dataDir));
}

export function openTransport(config: RelayConfig): MessageTransport {
  if (config.TRANSPORT === 'dropfolder') return new DropFolderTransport(join(config.DATA_DIR, 'outbox'), join(config.DATA_DIR, 'status-feed'));
  return KafkaTransport.create(config.KAFKA_BROKERS.split(','), { replicationFactor: config.KAFKA_REPLICATION_FACTOR, partitions: config.KAFKA_PARTITIONS });
}

export function deliveryPolicyOf(config: RelayConfig): DeliveryPolicy {
  return {
    resendAfterMs: config.RESEND_AFTER_SECONDS * 1000,
    maxResends: config.RELAY_MAX_RESENDS,
    firstRetryMs: config.RELAY_RETRY_FIRST_SECONDS * 1000,
    maxRetryMs: config.RELAY_RETRY_MAX_SECONDS * 1000,
  };
}

/** The relay behind its lease: active if no other relay on this relay state is, standby otherwise. */
export function leasedRelay(store: EventStore, outbox: OutboxStore, transport: MessageTransport, config: RelayConfig, log: RelayLog): { relay: Relay; leased: LeasedRelay } {
  const relay = new Relay(store, outbox, transport, { policy: deliveryPolicyOf(config), log, restRatio: config.RELAY_REST_RATIO });
  const ttlMs = config.RELAY_LEASE_SECONDS * 1000;
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leased = new LeasedRelay(relay, new LeaseTable(relayStateFile(config.DATA_DIR)), { holder, ttlMs, renewEveryMs: ttlMs / 3, log: (m) => log('info', m) });
  return { relay, leased };
}
