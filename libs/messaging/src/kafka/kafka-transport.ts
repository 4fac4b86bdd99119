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

  /**
   * The batch in as few produce requests as the broker takes (acks from all in-sync replicas): each
   * request stays under MAX_REQUEST_BYTES, the broker's default record-batch limit less headroom —
   * a CareCommunication reply carries its whole thread, so a round of replies can be megabytes.
   * Each request is written as a whole or, on an error, retried as a whole; one that fails fails
   * its own envelopes only.
   */
  async deliverAll(envelopes: readonly OutboundEnvelope[]): Promise<Array<Error | null>> {
    const outcomes: Array<Error | null> = [];
    for (const request of inRequests(envelopes)) {
      try {
        const producer = await this.connected();
        await producer.send({ topic: MESSAGES_TOPIC, acks: -1, messages: request.map(asRecord) });
        outcomes.push(...request.map(() => null));
      } catch (error) {
        await this.reset();
        const failure = error instanceof Error ? error : new Error(String(error));
        outcomes.push(...request.map(() => failure));
      }
    }
    return outcomes;
  }

  /** A page of the feed in as few produce requests as fit the broker's limit: one round trip, not one per change. */
  async publishStatuses(entries: readonly StatusFeedEntry[]): Promise<void> {
    const records = entries.map((entry) => ({ key: entry.patientId, value: JSON.stringify(entry), headers: { position: String(entry.position), 'caused-by': entry.causedBy } }));
    try {
      const producer = await this.connected();
      for (const request of bySize(records, (r) => Buffer.byteLength(r.value) + 256)) await producer.send({ topic: STATUS_TOPIC, acks: -1, messages: request });
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

/** Below the broker's default message.max.bytes (1 MiB per record batch), with room for headers and framing. */
export const MAX_REQUEST_BYTES = 900_000;

function asRecord(e: OutboundEnvelope) {
  return {
    key: e.patientId,
    value: e.body,
    headers: { 'message-id': e.messageId, 'envelope-id': e.envelopeId, kind: e.kind, 'recipient-sor': e.recipientSor, 'deliver-to': e.deliverToSor, 'schema-version': String(e.schemaVersion) },
  };
}

/** The envelopes in order, cut into produce requests of at most MAX_REQUEST_BYTES (a larger envelope goes alone). */
export function inRequests(envelopes: readonly OutboundEnvelope[], maxBytes = MAX_REQUEST_BYTES): OutboundEnvelope[][] {
  return bySize(envelopes, (e) => Buffer.byteLength(e.body) + 512, maxBytes);
}

function bySize<T>(items: readonly T[], sizeOf: (item: T) => number, maxBytes = MAX_REQUEST_BYTES): T[][] {
  const requests: T[][] = [];
  let size = 0;
  for (const item of items) {
    const bytes = sizeOf(item);
    if (requests.length === 0 || size + bytes > maxBytes) { requests.push([]); size = 0; }
    requests[requests.length - 1].push(item);
    size += bytes;
  }
  return requests;
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
