/**
 * The handover outbox on a real Kafka broker (3.9, KRaft, started by scripts/kafka-dev.sh):
 * delivery once per messageId, acknowledgements from the topic, the relay killed mid-burst,
 * and the broker stopped for 20 seconds.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { messagesOwed, statusChangedBy, upcast } from '@dnr/domain';
import { SqliteEventStore } from '@dnr/event-store';
import { ACKNOWLEDGEMENTS_TOPIC, MESSAGES_TOPIC, STATUS_TOPIC } from '@dnr/messaging';
import { GP, HOSPITAL, NURSING_HOME, registerPatient, Service, startService } from '../support/service';
import { Broker, eventually, publish, recordTopic, startBroker, stopBroker } from './broker';
import { freePort } from '../durability/processes';

const ROOT = resolve(__dirname, '../..');
let broker: Broker;

beforeAll(() => {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
  broker = startBroker(19092);
});
afterAll(() => stopBroker(broker));

async function streamsOf(dataDir: string): Promise<Map<string, ReturnType<typeof upcast>[]>> {
  const store = new SqliteEventStore(join(dataDir, 'events.db'));
  const events = await store.readAll(null, 1_000_000, 'patient-');
  await store.close();
  const streams = new Map<string, ReturnType<typeof upcast>[]>();
  for (const e of events) streams.set(e.streamId.slice('patient-'.length), [...(streams.get(e.streamId.slice('patient-'.length)) ?? []), upcast(e.payload)]);
  return streams;
}

/** What the store implies the outbox owes, computed from the events alone. */
async function owedByStore(dataDir: string): Promise<Set<string>> {
  return new Set([...(await streamsOf(dataDir))].flatMap(([id, stream]) => messagesOwed(stream, id).map((m) => m.messageId)));
}

/** R7.3b the events that changed a status, per patient in stream order, computed from the events alone. */
async function changesByStore(dataDir: string): Promise<Map<string, string[]>> {
  const changes = new Map<string, string[]>();
  for (const [id, stream] of await streamsOf(dataDir)) {
    changes.set(id, stream.filter((_, i) => statusChangedBy(stream.slice(0, i + 1), id) !== null).map((e) => e.eventId));
  }
  return changes;
}

const transfer = (i: number) => ({ kind: 'transfer', at: new Date(Date.parse('2026-03-01T10:00:00Z') + i * 60_000).toISOString(), from: HOSPITAL, to: i % 2 ? NURSING_HOME : { ...HOSPITAL, sor: '265071000016003', name: 'Andet afsnit' } });

async function fire(s: Service, patients: string[], count: number, concurrency = 16): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      const r = await s.call('POST', `/v1/patients/${patients[i % patients.length]}/handovers`, { role: 'nurse', body: transfer(i) });
      statuses.push(r.status);
    }
  }));
  return statuses;
}

describe('every owed message arrives once per messageId; receipts come back on the acknowledgement topic', () => {
  let s: Service;
  beforeAll(async () => { s = await startService({ RELAY: 'on', TRANSPORT: 'kafka', KAFKA_BROKERS: broker.brokers[0], WRITE_RATE_LIMIT_PER_MINUTE: '0' }); });
  afterAll(async () => { await s.close(); });

  it('discharges reach a real consumer once each, keyed by patient, with the spec headers', async () => {
    const topic = await recordTopic(broker.brokers, MESSAGES_TOPIC);
    const patients = await Promise.all(Array.from({ length: 10 }, () => registerPatient(s)));
    for (const p of patients) {
      await s.call('POST', `/v1/patients/${p}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP } });
    }
    const expected = await owedByStore(s.dataDir);
    expect(expected.size).toBe(30);
    await eventually(() => [...expected].every((id) => topic.seen.has(id)), 60_000, 'all 30 messages on the topic');
    await new Promise((r) => setTimeout(r, 1000));
    await topic.stop();
    for (const id of expected) {
      const [record, ...duplicates] = topic.seen.get(id)!;
      expect(duplicates).toHaveLength(0);
      expect(patients).toContain(record.key);
      expect(record.headers).toMatchObject({ 'message-id': id, 'schema-version': '1', kind: expect.stringMatching(/epikrise|udskrivningsrapport|korrespondancemeddelelse/), 'recipient-sor': expect.stringMatching(/^\d+$/) });
      // The sections go to the discharging hospital's EHR, addressed to the GP or the nursing home; the korrespondancemeddelelse to the nursing home.
      const [recipient, deliverTo] = ({ epikrise: [GP.sor, HOSPITAL.sor], udskrivningsrapport: [NURSING_HOME.sor, HOSPITAL.sor], korrespondancemeddelelse: [NURSING_HOME.sor, NURSING_HOME.sor] } as Record<string, string[]>)[record.headers.kind];
      expect(record.headers).toMatchObject({ 'recipient-sor': recipient, 'deliver-to': deliverTo });
    }

    const outbox = (await s.call('GET', '/v1/outbox?state=sent')).body as any[];
    const [first, second] = outbox;
    const ackBundle = (messageId: string, code: string) => JSON.stringify({ resourceType: 'Bundle', type: 'message', timestamp: new Date().toISOString(), entry: [{ resource: { resourceType: 'MessageHeader', eventCoding: { code: 'acknowledgement-message' }, response: { identifier: messageId, code } } }] });
    await publish(broker.brokers, ACKNOWLEDGEMENTS_TOPIC, ['not json', ackBundle(first.messageId, 'ok'), ackBundle(second.messageId, 'fatal-error')]);
    await eventually(async () => (await s.call('GET', `/v1/outbox?patientId=${first.patientId}`)).body.some((m: any) => m.messageId === first.messageId && m.state === 'acknowledged'), 30_000, 'ok acknowledgement');
    await eventually(async () => (await s.call('GET', `/v1/outbox?patientId=${second.patientId}`)).body.some((m: any) => m.messageId === second.messageId && m.state === 'escalated'), 30_000, 'fatal-error acknowledgement');
  });
});

describe('the relay killed with SIGKILL in the middle of 1,000 handovers loses nothing', () => {
  let s: Service;
  let relay: ChildProcess;
  const startRelay = async () => spawn(process.execPath, [join(ROOT, 'dist/apps/relay/src/main.js')], {
    env: { ...process.env, DATA_DIR: s.dataDir, TRANSPORT: 'kafka', KAFKA_BROKERS: broker.brokers[0], LOG_LEVEL: 'warn', RELAY_LEASE_SECONDS: '2', PORT: String(await freePort()) }, stdio: 'ignore',
  });
  // Load, not the per-caller write budget, is under test here.
  beforeAll(async () => { s = await startService({ RELAY: 'off', WRITE_RATE_LIMIT_PER_MINUTE: '0' }); });
  afterAll(async () => { relay?.kill('SIGKILL'); await s.close(); });

  it('every owed messageId reaches the topic after a restart; duplicates only under the same messageId', async () => {
    const topic = await recordTopic(broker.brokers, MESSAGES_TOPIC);
    const patients = await Promise.all(Array.from({ length: 50 }, () => registerPatient(s)));
    relay = await startRelay();
    const burst = fire(s, patients, 1000);
    const before = topic.seen.size;
    await eventually(() => topic.seen.size >= before + 150, 120_000, 'the relay to be mid-burst');
    relay.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    relay = await startRelay();
    const statuses = await burst;
    expect(statuses.filter((x) => x === 201)).toHaveLength(1000);
    const expected = await owedByStore(s.dataDir);
    expect(expected.size).toBe(1000);
    await eventually(() => [...expected].every((id) => topic.seen.has(id)), 180_000, 'all 1,000 messages after the restart');
    await topic.stop();
    relay.kill('SIGTERM');
    const foreign = [...topic.seen.keys()].filter((id) => !expected.has(id) && topic.seen.get(id)!.some((r) => patients.includes(r.key)));
    expect(foreign).toEqual([]);
  });
});

describe('the broker stopped for 20 seconds while handovers keep arriving', () => {
  let s: Service;
  beforeAll(async () => { s = await startService({ RELAY: 'on', TRANSPORT: 'kafka', KAFKA_BROKERS: broker.brokers[0], WRITE_RATE_LIMIT_PER_MINUTE: '0' }); });
  afterAll(async () => { await s.close(); });

  it('the API keeps answering and everything is delivered once the broker is back', async () => {
    const patients = await Promise.all(Array.from({ length: 5 }, () => registerPatient(s)));
    stopBroker(broker);
    const statuses: number[] = [];
    const until = Date.now() + 20_000;
    for (let i = 0; Date.now() < until; i++) {
      statuses.push((await s.call('POST', `/v1/patients/${patients[i % 5]}/handovers`, { role: 'nurse', body: transfer(i) })).status);
      statuses.push((await s.call('GET', `/v1/patients/${patients[i % 5]}/resuscitation-status`, { role: 'paramedic' })).status);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(statuses.length).toBeGreaterThan(40);
    expect(statuses.every((x) => x === 201 || x === 200)).toBe(true);
    broker = startBroker(broker.port, broker.dir);
    const topic = await recordTopic(broker.brokers, MESSAGES_TOPIC);
    const expected = await owedByStore(s.dataDir);
    await eventually(() => [...expected].every((id) => topic.seen.has(id)), 120_000, 'delivery after the broker returned');
    await topic.stop();
  });
});

describe('R7.3b the status feed on a real broker: every change once per causedBy, in order per patient, across a kill -9 of the relay', () => {
  let s: Service;
  let relay: ChildProcess;
  const startRelay = async () => spawn(process.execPath, [join(ROOT, 'dist/apps/relay/src/main.js')], {
    env: { ...process.env, DATA_DIR: s.dataDir, TRANSPORT: 'kafka', KAFKA_BROKERS: broker.brokers[0], LOG_LEVEL: 'warn', RELAY_LEASE_SECONDS: '2', PORT: String(await freePort()) }, stdio: 'ignore',
  });
  beforeAll(async () => { s = await startService({ RELAY: 'off', WRITE_RATE_LIMIT_PER_MINUTE: '0' }); });
  afterAll(async () => { relay?.kill('SIGKILL'); await s.close(); });

  it('300 decisions on 30 patients: all reach dnr.status.v1 after the relay is killed mid-way and restarted', async () => {
    const topic = await recordTopic(broker.brokers, STATUS_TOPIC, 'caused-by');
    const patients = await Promise.all(Array.from({ length: 30 }, () => registerPatient(s)));
    relay = await startRelay();
    let next = 0;
    const decide = async () => {
      while (next < 300) {
        const i = next++;
        const r = await s.call('POST', `/v1/patients/${patients[i % 30]}/decisions`, { role: 'physician', body: { basis: 'physician', decidedAt: new Date(Date.parse('2026-03-01T10:00:00Z') + i * 60_000).toISOString(), grounds: ['irreversibly_dying'] } });
        if (r.status !== 201) throw new Error(`decision ${i}: ${r.status}`);
      }
    };
    const burst = Promise.all(Array.from({ length: 8 }, decide));
    await eventually(() => topic.seen.size >= 60, 120_000, 'the relay to be mid-way');
    relay.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    relay = await startRelay();
    await burst;
    const expected = await changesByStore(s.dataDir);
    const all = [...expected.values()].flat();
    expect(all).toHaveLength(300);
    await eventually(() => all.every((id) => topic.seen.has(id)), 180_000, 'every change on the topic after the restart');
    await topic.stop();
    relay.kill('SIGTERM');
    for (const [patientId, ids] of expected) {
      const positions = ids.map((id) => Number(topic.seen.get(id)![0].headers.position));
      expect(positions).toEqual([...positions].sort((a, b) => a - b)); // in the patient's order
      for (const id of ids) expect(topic.seen.get(id)!.every((r) => r.key === patientId && JSON.parse(r.value).causedBy === id)).toBe(true);
    }
  });
});

