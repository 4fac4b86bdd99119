/**
 * 4. Scale: the same status lookup with 10,000 patients in the store and with 1,000,000
 * (≈ 6–8 M events), p50 side by side, and the API's resident memory under load at both sizes.
 * The store is filled directly through the SQLite adapter (group-committed appends of whole
 * recorded histories) — a million registrations over HTTP would measure the seeding, not this.
 */
import { execSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { PatientEvent } from '@dnr/domain';
import { patientStream, SqliteEventStore } from '@dnr/event-store';
import { arbHistory } from '../libs/domain/src/spec/arbitraries';
import { mintToken } from '../test/support/service';
import { failIfErrors } from './lookup.bench';
import { openLoop } from './open-loop';
import { Figure, fmt, load, quantile, residentMb, startService, tempDir } from './support';

const SMALL = 10_000;
const BATCH = 500;

export async function scaleFigures(large: number, seconds: number): Promise<Figure[]> {
  const histories = fc.sample(arbHistory, { numRuns: 5_000, seed: 7 });
  const small: Store = { dir: tempDir('scale-small'), patients: [], runs: [] };
  const big: Store = { dir: tempDir('scale-large'), patients: [], runs: [] };
  await seed(small.dir, histories, small.patients, SMALL);
  const beforeSeeding = await measure(small.dir, small.patients, seconds);
  const seedStart = Date.now();
  const events = await seed(big.dir, histories, big.patients, large);
  process.stdout.write(`  store: ${fmt(big.patients.length)} patients, ${fmt(events)} events (seeded in ${fmt((Date.now() - seedStart) / 1000)} s)\n`);
  // Side by side, alternating, both after the seeding. Measured only before it (rounds 1–8), the
  // small store ran on the machine as it was before nine minutes of writing, so the ratio could
  // compare two states of the disk as well as two store sizes (0.77–1.43 × between full runs); the
  // figure before the seeding is still printed beside them.
  execSync('sync'); // the seeding's dirty pages written out before either store is measured
  for (let round = 0; round < ROUNDS; round += 1) {
    // Which store goes first alternates, so neither always follows the other's traffic.
    for (const store of round % 2 === 0 ? [small, big] : [big, small]) store.runs.push(await measure(store.dir, store.patients, seconds));
  }
  const runs = { small: small.runs, big: big.runs };
  const p50 = (ms: Measured[]) => median(ms.map((m) => m.p50));
  const roundRatios = runs.big.map((b, round) => b.p50 / runs.small[round].p50);
  const rss = (ms: Measured[]) => Math.max(...ms.map((m) => m.rssMb));
  const smallRss = Math.max(rss(runs.small), beforeSeeding.rssMb);
  const ratio = median(roundRatios); // of each round's pair, not of two medians from different rounds
  const each = (ms: Measured[]) => ms.map((m) => fmt(m.p50, 2)).join(' / ');
  return [
    { name: `4 lookup p50 at ${fmt(big.patients.length)} patients`, measured: `p50 ${fmt(p50(runs.big), 2)} ms (${fmt(events)} events; runs ${each(runs.big)} ms)`, reference: `p50 ${fmt(p50(runs.small), 2)} ms at ${fmt(SMALL)} patients (runs ${each(runs.small)} ms, alternating; before the seeding ${fmt(beforeSeeding.p50, 2)} ms)`, ratio: `${fmt(ratio, 2)} × (median of the rounds' ${roundRatios.map((r) => fmt(r, 2)).join(' / ')})`, target: '≤ 1.2 ×', met: ratio <= 1.2 },
    { name: '4 API resident memory', measured: `${fmt(rss(runs.big))} MB at ${fmt(big.patients.length)} patients`, reference: `${fmt(smallRss)} MB at ${fmt(SMALL)}`, ratio: `${fmt(rss(runs.big) / smallRss, 2)} ×`, target: '≤ 300 MB', met: Math.max(rss(runs.big), smallRss) <= 300 },
  ];
}

/** Each store measured this many times, alternating with the other. */
const ROUNDS = 3;

interface Measured { p50: number; rssMb: number }

interface Store { dir: string; patients: string[]; runs: Measured[] }

/** The middle of an odd number of values (ROUNDS is odd). */
const median = (xs: readonly number[]): number => quantile([...xs].sort((a, b) => a - b), 0.5);

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
async function measure(dir: string, patients: string[], seconds: number): Promise<Measured> {
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
