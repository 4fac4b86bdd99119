/** Receipts from the acknowledgement topic: each record's value is a MedCom Acknowledgement Bundle. */
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { ACKNOWLEDGEMENTS_TOPIC, ensureTopics, TopicLayout } from './kafka-transport';

export class KafkaAcknowledgements {
  private consumer: Consumer | null = null;
  private stopped = false;

  constructor(private readonly brokers: string[], private readonly topics: TopicLayout, private readonly groupId = 'dnr-relay-acknowledgements') {}

  /** Handles each record in order; the offset is committed only after `onRecord` resolved. Retries the connection until stopped. */
  async start(onRecord: (value: string) => Promise<void>, log: (m: string) => void): Promise<void> {
    while (!this.stopped) {
      try {
        return await this.run(onRecord, log);
      } catch (error) {
        log(`acknowledgement consumer not connected, retrying: ${String(error)}`);
        await this.consumer?.disconnect().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  private async run(onRecord: (value: string) => Promise<void>, log: (m: string) => void): Promise<void> {
    const kafka = new Kafka({ clientId: 'dnr-relay-acks', brokers: this.brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
    await ensureTopics(kafka, this.topics);
    this.consumer = kafka.consumer({ groupId: this.groupId });
    this.consumer.on(this.consumer.events.CRASH, (e) => log(`acknowledgement consumer crashed: ${String(e.payload.error)}`));
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: ACKNOWLEDGEMENTS_TOPIC, fromBeginning: true });
    await this.consumer.run({ eachMessage: async ({ message }) => onRecord(message.value?.toString('utf8') ?? '') });
    if (this.stopped) await this.consumer.disconnect(); // stop() came while we were connecting
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
