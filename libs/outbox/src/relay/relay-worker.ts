/**
 * The relay's own thread (a worker thread; relay-thread.ts starts it). It opens its own
 * connections — event store, relay state, transport — and runs the leased relay and the
 * acknowledgement consumer, so draining a backlog (projection, fsyncs, broker round trips)
 * never runs on the thread that answers HTTP. It talks to its host only by messages: wake-ups
 * in, log lines out, and a stop handshake.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { AppConfig } from '@dnr/config';
import { openConfiguredEventStore } from '@dnr/event-store';
import { KafkaAcknowledgements } from '@dnr/messaging';
import { acknowledgementIntake } from '../delivery/acknowledgement-intake';
import { deliveryPolicyOf, leasedRelay, openOutboxStore, openTransport } from './relay-parts';
import { RelayLog } from './relay';

/** `streams`: what the host appended to since its last wake-up (none: a receipt or an address came). */
export type ToRelayThread = { type: 'wake'; streams: string[] } | { type: 'stop' };
export type FromRelayThread = { type: 'log'; level: 'info' | 'warn' | 'error'; message: string } | { type: 'stopped' };

/**
 * The relay is background work: on Linux this thread lowers its own CPU priority (nice 10, this
 * thread only), so when the machine is busy the thread answering a crew's lookup is scheduled
 * first. Elsewhere (no /proc/thread-self) it runs at normal priority and says so.
 */
function yieldToTheApi(log: RelayLog): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(threadId, 10);
  } catch (error) {
    log('info', `relay thread runs at normal priority (${String(error)})`);
  }
}

function main(port: NonNullable<typeof parentPort>, config: AppConfig): void {
  const log: RelayLog = (level, message) => port.postMessage({ type: 'log', level, message } satisfies FromRelayThread);
  yieldToTheApi(log);
  const store = openConfiguredEventStore(config);
  const outbox = openOutboxStore(config.DATA_DIR);
  const transport = openTransport(config);
  const { relay, leased } = leasedRelay(store, outbox, transport, config, log);
  leased.start();
  const acknowledgements = config.TRANSPORT === 'kafka'
    ? new KafkaAcknowledgements(config.KAFKA_BROKERS.split(','), { replicationFactor: config.KAFKA_REPLICATION_FACTOR, partitions: config.KAFKA_PARTITIONS })
    : null;
  const warn = (m: string) => log('warn', m);
  acknowledgements?.start(acknowledgementIntake(outbox, deliveryPolicyOf(config), Date.now, warn, () => relay.wake()), warn)
    .catch((e) => log('error', `acknowledgement consumer not started: ${String(e)}`));

  port.on('message', (message: ToRelayThread) => {
    if (message.type === 'wake') {
      // The host's connection appended: wake this connection's subscription (SQLite would find it only at its next poll).
      (store as { appendedElsewhere?: (streams: string[]) => void }).appendedElsewhere?.(message.streams);
      relay.appended(message.streams.length);
      relay.wake();
      return;
    }
    void (async () => {
      await leased.stop();
      await acknowledgements?.stop();
      await transport.close();
      outbox.close();
      await store.close();
      port.postMessage({ type: 'stopped' } satisfies FromRelayThread);
      port.close();
    })().catch((e) => log('error', `relay did not stop cleanly: ${String(e)}`));
  });
}

if (parentPort) main(parentPort, (workerData as { config: AppConfig }).config);
