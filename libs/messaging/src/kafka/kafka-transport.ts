/**
 * Production transport: Kafka through kafkajs 2.2.4 (unmaintained since 2023, hence behind the
 * port). Idempotent producer, acks from all in-sync replicas, key = patientId for per-patient
 * order. It connects lazily, so a broker that is down makes deliveries fail (and the relay
 * retry) instead of stopping the service.
 */
import { Kafka, logLevel, Producer } from 'kafkajs';
import { MessageTransport, OutboundEnvelope, StatusFeedEntry } from '../transport.port';

export const MESSAGES_TOPIC = 'dnr.handover.messages.v1';
export const ACKNOWLEDGEMENTS_TOPIC = 'dnr.handover.acknowledgements.v1';
/** R7.3b every change of a patient's status, key patientId. */
export const STATUS_TOPIC = 'dnr.status.v1';

export class KafkaTransport implements MessageTransport {
  readonly name = 'kafka';
  private producer: Producer | null = null;
  private connecting: Promise<Producer> | null = null;

  private constructor(private readonly kafka: Kafka, private readonly topics: TopicLayout) {}

  static create(brokers: string[], topics: TopicLayout, clientId = 'dnr-relay'): KafkaTransport {
    return new KafkaTransport(new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 200 }, connectionTimeout: 3000, requestTimeout: 10000 }), topics);
  }

  /** One produce request for the batch (acks from all in-sync replicas): it is written as a whole or, on an error, retried as a whole. */
  async deliverAll(envelopes: readonly OutboundEnvelope[]): Promise<Array<Error | null>> {
    if (envelopes.length === 0) return [];
    try {
      const producer = await this.connected();
      await producer.send({
        topic: MESSAGES_TOPIC,
        acks: -1,
        messages: envelopes.map((e) => ({
          key: e.patientId,
          value: e.body,
          headers: { 'message-id': e.messageId, 'envelope-id': e.envelopeId, kind: e.kind, 'recipient-sor': e.recipientSor, 'deliver-to': e.deliverToSor, 'schema-version': String(e.schemaVersion) },
        })),
      });
      return envelopes.map(() => null);
    } catch (error) {
      await this.reset();
      const failure = error instanceof Error ? error : new Error(String(error));
      return envelopes.map(() => failure);
    }
  }

  async publishStatus(entry: StatusFeedEntry): Promise<void> {
    const producer = await this.connected();
    try {
      await producer.send({
        topic: STATUS_TOPIC,
        acks: -1,
        messages: [{ key: entry.patientId, value: JSON.stringify(entry), headers: { position: String(entry.position), 'caused-by': entry.causedBy } }],
      });
    } catch (error) {
      await this.reset();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.reset();
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    this.connecting ??= this.connect();
    try {
      this.producer = await this.connecting;
      return this.producer;
    } finally {
      this.connecting = null;
    }
  }

  private async connect(): Promise<Producer> {
    await ensureTopics(this.kafka, this.topics);
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    return producer;
  }

  private async reset(): Promise<void> {
    const p = this.producer;
    this.producer = null;
    await p?.disconnect().catch(() => undefined);
  }
}

/** How the service's topics are created at first start: production runs replication factor 3 (KAFKA_REPLICATION_FACTOR). */
export interface TopicLayout {
  replicationFactor: number;
  partitions: number;
}

export async function ensureTopics(kafka: Kafka, layout: TopicLayout): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [MESSAGES_TOPIC, ACKNOWLEDGEMENTS_TOPIC, STATUS_TOPIC].map((topic) => ({ topic, numPartitions: layout.partitions, replicationFactor: layout.replicationFactor })) });
  } finally {
    await admin.disconnect();
  }
}
