/**
 * 5. Outbox latency on a real Kafka broker: handovers at a steady 200/s; for each, the time from
 * its 201 (the append is durable) to the moment its korrespondancemeddelelse is read from the
 * topic by a consumer. The messageId is known in advance: it is derived from the event id.
 */
import { Kafka, logLevel } from 'kafkajs';
import { messageIdOf } from '@dnr/domain';
import { ensureTopics, MESSAGES_TOPIC } from '@dnr/messaging';
import { startBroker, stopBroker } from '../test/kafka/broker';
import { freePort, until } from '../test/durability/processes';
import { mintToken } from '../test/support/service';
import { seedPatients } from './seed';
import { Figure, fmt, load, startService, tempDir } from './support';

const HOSPITAL = { sector: 'hospital', sor: '265071000016002', ean: '5790000121526', name: 'Aalborg Universitetshospital' };
const NURSING_HOME = { sector: 'municipality', sor: '953741000016009', ean: '5790001348120', name: 'Plejecenter Solhaven' };
const RATE = 200;

export async function outboxLatencyFigures(seconds: number): Promise<Figure[]> {
  const broker = startBroker(await freePort());
  const arrivals = new Map<string, number>();
  const kafka = new Kafka({ clientId: 'bench-consumer', brokers: broker.brokers, logLevel: logLevel.NOTHING });
  await ensureTopics(kafka, { replicationFactor: 1, partitions: 3 });
  const consumer = kafka.consumer({ groupId: `bench-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: MESSAGES_TOPIC, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => { arrivals.set(String(message.headers?.['message-id']), Date.now()); } });
  const service = await startService({ DATA_DIR: tempDir('kafka'), TRANSPORT: 'kafka', KAFKA_BROKERS: broker.brokers[0] });
  try {
    const patients = await seedPatients(service.url, 1_000);
    const appended = new Map<string, number>();
    const headers = { authorization: `Bearer ${await mintToken('nurse')}`, 'content-type': 'application/json' };
    let i = 0;
    const result = await load({
      url: service.url, seconds, connections: 20, rate: RATE, method: 'POST', headers,
      next: () => ({ path: `/v1/patients/${patients[i++ % patients.length]}/handovers`, body: JSON.stringify({ kind: 'transfer', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME }) }),
      answered: (status, body) => {
        if (status === 201) appended.set(messageIdOf((JSON.parse(body) as { eventId: string }).eventId, 'korrespondancemeddelelse', NURSING_HOME.sor), Date.now());
      },
    });
    await until(() => [...appended.keys()].every((id) => arrivals.has(id)), 120_000, 'every handover message on the topic');
    const latencies = [...appended].map(([id, at]) => (arrivals.get(id) as number) - at).sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return [{
      name: `5 outbox latency (Kafka, ${RATE}/s for ${seconds} s)`, measured: `p99 ${fmt(p(0.99))} ms (p50 ${fmt(p(0.5))}, ${fmt(latencies.length)} handovers, ${fmt(result.requests.average)} req/s)`,
      reference: '—', ratio: '—', target: 'p99 ≤ 500 ms', met: p(0.99) <= 500 && result.requests.average >= RATE * 0.95 && result.non2xx === 0,
    }];
  } finally {
    await service.stop();
    await consumer.disconnect();
    stopBroker(broker);
  }
}
