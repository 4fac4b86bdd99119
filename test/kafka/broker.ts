/** Starts and stops a real Kafka broker through the project's own script. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureTopics } from '@dnr/messaging';

import { ROOT } from '../durability/processes';

const SCRIPT = join(ROOT, 'scripts/kafka-dev.sh');

export interface Broker { port: number; dir: string; brokers: string[] }

export function startBroker(port: number, dir?: string): Broker {
  const out = execFileSync('bash', [SCRIPT, 'start', String(port), ...(dir ? [dir] : [])], { encoding: 'utf8', timeout: 300_000 });
  return { port, dir: out.trim().split('\n').pop() as string, brokers: [`127.0.0.1:${port}`] };
}

export function stopBroker(broker: Broker): void {
  execFileSync('bash', [SCRIPT, 'stop', broker.dir], { timeout: 60_000 });
}

/** A consumer in a fresh group that records every message by messageId. */
/** `idHeader`: the header records are grouped by (message-id on the messages topic, caused-by on the status feed). */
export async function recordTopic(brokers: string[], topic: string, idHeader = 'message-id') {
  const kafka = new Kafka({ clientId: 'test-consumer', brokers, logLevel: logLevel.NOTHING });
  await ensureTopics(kafka, { replicationFactor: 1, partitions: 3 });
  const consumer = kafka.consumer({ groupId: `test-${Date.now()}-${Math.random()}` });
  const seen = new Map<string, Array<{ key: string; headers: Record<string, string>; value: string }>>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      const id = headers[idHeader];
      seen.set(id, [...(seen.get(id) ?? []), { key: message.key?.toString() ?? '', headers, value: message.value?.toString() ?? '' }]);
    },
  });
  return { seen, stop: () => consumer.disconnect() };
}

export async function publish(brokers: string[], topic: string, values: string[]): Promise<void> {
  const producer = new Kafka({ clientId: 'test-producer', brokers, logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic, messages: values.map((value) => ({ value })) });
  await producer.disconnect();
}

/** The one polling wait of the suites, in the yes/no form these tests use. */
export { until as eventually } from '../support/until';
