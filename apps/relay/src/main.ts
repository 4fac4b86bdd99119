/**
 * The relay as its own process (production, and the crash tests): follows the event store,
 * delivers owed messages, takes receipts from the acknowledgement topic when on Kafka.
 */
import { KafkaAcknowledgements } from '@dnr/messaging';
import { loadConfig } from '@dnr/config';
import { acknowledgementIntake } from '@dnr/outbox';
import { eventStoreFor, leasedRelay, openOutboxStore, openTransport } from '@dnr/outbox';

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    process.exit(2);
  }
  const config = loaded.config;
  const log = (m: string) => process.stderr.write(`${JSON.stringify({ level: 'warn', time: Date.now(), msg: m })}\n`);
  const store = eventStoreFor(config);
  const outbox = openOutboxStore(config.DATA_DIR);
  const transport = openTransport(config);
  const relay = leasedRelay(store, outbox, transport, config, log);
  relay.start();
  const acks = config.TRANSPORT === 'kafka' ? new KafkaAcknowledgements(config.KAFKA_BROKERS.split(',')) : null;
  acks?.start(acknowledgementIntake(outbox, log), log).catch((e) => log(`acknowledgement consumer not started: ${String(e)}`));
  const shutdown = async () => {
    await relay.stop();
    await acks?.stop();
    await transport.close();
    outbox.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`relay failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
