/**
 * 4. Scale: the same status lookup with 10,000 patients in the store and with 1,000,000
 * (≈ 6–8 M events), p50 side by side, and the API's resident memory under load at both sizes.
 * The store is filled directly through the SQLite adapter (group-committed appends of whole
 * recorded histories) — a million registrations over HTTP would measure the seeding, not this.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { PatientEvent } from '@dnr/domain';
import { patientStream, SqliteEventStore } from '@dnr/event-store';
import { arbHistory } from '../libs/domain/src/spec/arbitraries';
import { mintToken } from '../test/support/service';
import { failIfErrors } from './lookup.bench';
import { openLoop } from './open-loop';
import { Figure, fmt, load, residentMb, startService, tempDir } from './support';

const SMALL = 10_000;
const BATCH = 500;

export async function scaleFigures(large: number, seconds: number): Promise<Figure[]> {
  const dir = tempDir('scale');
  const histories = fc.sample(arbHistory, { numRuns: 5_000, seed: 7 });
  const patients: string[] = [];
  let events = await seed(dir, histories, patients, SMALL);
  const small = await measure(dir, patients, seconds);
  const seedStart = Date.now();
  events += await seed(dir, histories, patients, large);
  process.stdout.write(`  store: ${fmt(patients.length)} patients, ${fmt(events)} events (seeded in ${fmt((Date.now() - seedStart) / 1000)} s)\n`);
  const big = await measure(dir, patients, seconds);
  const ratio = big.p50 / small.p50;
  const memory = Math.max(small.rssMb, big.rssMb);
  return [
    { name: `4 lookup p50 at ${fmt(patients.length)} patients`, measured: `p50 ${fmt(big.p50, 2)} ms (${fmt(events)} events)`, reference: `p50 ${fmt(small.p50, 2)} ms at ${fmt(SMALL)} patients`, ratio: `${fmt(ratio, 2)} ×`, target: '≤ 1.2 ×', met: ratio <= 1.2 },
    { name: '4 API resident memory', measured: `${fmt(big.rssMb)} MB at ${fmt(patients.length)} patients`, reference: `${fmt(small.rssMb)} MB at ${fmt(SMALL)}`, ratio: `${fmt(big.rssMb / small.rssMb, 2)} ×`, target: '≤ 300 MB', met: memory <= 300 },
  ];
}

async function seed(dir: string, histories: PatientEvent[][], patients: string[], upTo: number): Promise<number> {
  const store = new SqliteEventStore(join(dir, 'events.db'));
  let events = 0;
  while (patients.length < upTo) {
    const batch: Promise<unknown>[] = [];
    for (let i = 0; i < BATCH && patients.length < upTo; i += 1) {
      const patientId = randomBytes(16).toString('hex');
      const history = histories[patients.length % histories.length];
      patients.push(patientId);
      events += history.length;
      // Each copy gets its own event ids: they are unique across the store.
      batch.push(store.append(patientStream(patientId), history.map((e) => ({ eventId: randomUUID(), type: e.type, payload: { ...e, eventId: randomUUID() } })), 'no_stream'));
    }
    await Promise.all(batch);
  }
  await store.close();
  return events;
}

/** Lookups of random patients at a steady moderate load; p50 and the largest resident memory seen. */
async function measure(dir: string, patients: string[], seconds: number): Promise<{ p50: number; rssMb: number }> {
  const service = await startService({ DATA_DIR: dir, RELAY: 'off' });
  const headers = { authorization: `Bearer ${await mintToken('paramedic')}` };
  const next = () => ({ path: `/v1/patients/${patients[Math.floor(Math.random() * patients.length)]}/resuscitation-status` });
  let rssMb = 0;
  const sampler = setInterval(() => { rssMb = Math.max(rssMb, residentMb(service.running.process.pid as number)); }, 250);
  await load({ url: service.url, seconds: 2, connections: 8, headers, next });
  // Open loop (bench/open-loop.ts): evenly spaced, timed in fractions of a millisecond — autocannon's
  // whole milliseconds made 2 ms against 3 ms a 1.5 × 'difference'.
  const result = await openLoop({ url: service.url, rate: 500, seconds, headers, next });
  clearInterval(sampler);
  await service.stop();
  failIfErrors('scale lookup', [{ non2xx: result.non2xx, errors: result.errors }]);
  return { p50: result.p50, rssMb };
}
