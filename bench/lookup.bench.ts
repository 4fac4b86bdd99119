/**
 * 1. Status lookup (JWT, fold, durable audit entry, JSON) against a bare Fastify route with a body
 * of the same size. Two loads: every read by a new caller–patient pair (1,000 callers × 1,000
 * patients, so every answer writes its own audit line), and crews reading again what they just
 * read (one caller, repeats coalesced into one audit line per window). Every caller's token is
 * verified (then remembered for a minute); every answer is audited durably before it leaves.
 */
import { mintToken } from '../test/support/service';
import { openLoop } from './open-loop';
import { seedPatients } from './seed';
import { join } from 'node:path';
import { lookupStream, newEventId, SqliteEventStore } from '@dnr/event-store';
import { Figure, fmt, load, startReference, startService, tempDir } from './support';

const CALLERS = 1_000;

export async function lookupFigures(seconds: number): Promise<Figure[]> {
  const dataDir = tempDir('lookup');
  const service = await startService({ DATA_DIR: dataDir });
  const patients = await seedPatients(service.url, 1_000);
  const tokens = await Promise.all(Array.from({ length: CALLERS }, (_, n) => mintToken('paramedic', { sub: `crew-${n}` })));
  const one = { authorization: `Bearer ${tokens[0]}` };
  let i = 0;
  // Every pair (caller, patient) once per 1,000,000 requests: no read repeats another within the audit window.
  const fresh = () => { const n = i++; return { path: `/v1/patients/${patients[(n + Math.floor(n / CALLERS)) % patients.length]}/resuscitation-status`, headers: { authorization: `Bearer ${tokens[n % CALLERS]}` } }; };
  const again = () => ({ path: `/v1/patients/${patients[i++ % patients.length]}/resuscitation-status` });
  const sample = await fetch(service.url + again().path, { headers: one }).then((r) => r.text());
  const reference = await startReference(Buffer.byteLength(sample));
  const refNext = () => ({ path: '/status' });

  await load({ url: reference.url, seconds: 2, connections: 32, next: refNext }); // warm-up
  await load({ url: service.url, seconds: 2, connections: 32, next: fresh });
  const bare = await load({ url: reference.url, seconds, connections: 32, next: refNext });
  const distinct = await load({ url: service.url, seconds, connections: 32, next: fresh });
  const repeated = await load({ url: service.url, seconds, connections: 32, headers: one, next: again });
  const paced = await openLoop({ url: service.url, rate: 2_000, seconds, next: fresh });
  // The same generator at the same rate against the bare route: the p99 this machine and generator give by themselves.
  const pacedBare = await openLoop({ url: reference.url, rate: 2_000, seconds, next: refNext });
  await reference.stop();
  await service.stop();
  failIfErrors('lookup', [distinct, repeated, { non2xx: paced.non2xx, errors: paced.errors }, { non2xx: pacedBare.non2xx, errors: pacedBare.errors }]);
  // The least an audited read must do over HTTP here, on the same store file (bench/reference-server.ts).
  const floorServer = await startReference(Buffer.byteLength(sample), undefined, join(dataDir, 'events.db'));
  const floorNext = () => { const n = fresh(); return { ...n, path: n.path.replace('/v1/patients/', '/audited/').replace('/resuscitation-status', '') }; };
  await load({ url: floorServer.url, seconds: 2, connections: 32, next: floorNext });
  const floor = await load({ url: floorServer.url, seconds, connections: 32, next: floorNext });
  // The same read with its audit line group-committed by the service's own store: what is left once Nest and the domain are taken away.
  const groupedNext = () => { const n = floorNext(); return { ...n, path: n.path.replace('/audited/', '/grouped/') }; };
  await load({ url: floorServer.url, seconds: 2, connections: 32, next: groupedNext });
  const grouped = await load({ url: floorServer.url, seconds, connections: 32, next: groupedNext });
  // And without its audit line: what of the grouped reference's distance from bare is the append, and what the read over HTTP.
  const unauditedNext = () => { const n = floorNext(); return { ...n, path: n.path.replace('/audited/', '/unaudited/') }; };
  await load({ url: floorServer.url, seconds: 2, connections: 32, next: unauditedNext });
  const unaudited = await load({ url: floorServer.url, seconds, connections: 32, next: unauditedNext });
  await floorServer.stop();
  failIfErrors('audited-read floor', [floor, grouped, unaudited]);
  const ceiling = await auditAppendCeiling(join(dataDir, 'ceiling.db'), seconds);

  const ratio = distinct.requests.average / bare.requests.average;
  const bound = 1 / (1 / unaudited.requests.average + 1 / ceiling);
  return [
    { name: '1 status lookup throughput, every read a new audit line', measured: `${fmt(distinct.requests.average)} req/s`, reference: `bare Fastify ${fmt(bare.requests.average)} req/s (${Buffer.byteLength(sample)} B)`, ratio: `${fmt(ratio, 2)} ×`, target: '≥ 0.5 ×', met: ratio >= 0.5 },
    { name: '1 status lookup throughput, repeated reads coalesced', measured: `${fmt(repeated.requests.average)} req/s`, reference: `bare Fastify ${fmt(bare.requests.average)} req/s`, ratio: `${fmt(repeated.requests.average / bare.requests.average, 2)} ×`, target: '(reported)', met: true },
    { name: '1 the floor of an audited read: bare Fastify, token, stream read, durable audit insert', measured: `${fmt(floor.requests.average)} req/s`, reference: `bare Fastify ${fmt(bare.requests.average)} req/s; our lookups ${fmt(distinct.requests.average)} req/s`, ratio: `floor ${fmt(floor.requests.average / bare.requests.average, 2)} × bare; ours ${fmt(distinct.requests.average / floor.requests.average, 2)} × the floor`, target: '(measured limit)', met: true },
    { name: '1 the same, its audit line group-committed by our event store (no Nest, no fold)', measured: `${fmt(grouped.requests.average)} req/s`, reference: `bare Fastify ${fmt(bare.requests.average)} req/s; our lookups ${fmt(distinct.requests.average)} req/s`, ratio: `${fmt(grouped.requests.average / bare.requests.average, 2)} × bare; ours ${fmt(distinct.requests.average / grouped.requests.average, 2)} × it`, target: '(measured limit)', met: true },
    { name: '1 the grouped reference without its audit line (token, stream read, answer)', measured: `${fmt(unaudited.requests.average)} req/s`, reference: `bare Fastify ${fmt(bare.requests.average)} req/s; grouped, with the audit line, ${fmt(grouped.requests.average)} req/s`, ratio: `${fmt(unaudited.requests.average / bare.requests.average, 2)} × bare; the audit line takes it to ${fmt(grouped.requests.average / unaudited.requests.average, 2)} ×`, target: '(measured limit)', met: true },
    { name: '1 our event store alone: audit lines appended, 32 in flight, no HTTP', measured: `${fmt(ceiling)} appends/s`, reference: `bare Fastify ${fmt(bare.requests.average)} req/s; 0.5 × bare is ${fmt(bare.requests.average / 2)} req/s`, ratio: `${fmt(ceiling / bare.requests.average, 2)} × bare`, target: '(measured limit)', met: true },
    // Both share the same two cores: a read that does both takes at least the time of each.
    { name: '1 the bound for any audited read here: the read over HTTP and the append, one after the other', measured: `${fmt(bound)} req/s`, reference: `bare Fastify ${fmt(bare.requests.average)} req/s; our lookups ${fmt(distinct.requests.average)} req/s`, ratio: `${fmt(bound / bare.requests.average, 2)} × bare; ours ${fmt(distinct.requests.average / bound, 2)} × it`, target: '(measured limit)', met: true },
    { name: '1 status lookup p99 at 2,000 req/s (open loop)', measured: `p99 ${fmt(paced.p99, 1)} ms, max ${fmt(paced.max, 0)} ms (p50 ${fmt(paced.p50, 1)}, ${fmt(paced.achievedRate)} req/s; generator late by ≤ ${fmt(paced.sendLag.max, 0)} ms)`, reference: `bare Fastify at 2,000 req/s, same generator: p99 ${fmt(pacedBare.p99, 1)} ms, max ${fmt(pacedBare.max, 0)} ms (p50 ${fmt(pacedBare.p50, 1)})`, ratio: `${fmt(paced.p99 / Math.max(pacedBare.p99, 0.001), 1)} × bare`, target: 'p99 ≤ 10 ms', met: paced.p99 <= 10 && paced.achievedRate >= 1_900 },
  ];
}

export function failIfErrors(what: string, results: Array<{ non2xx: number; errors: number }>): void {
  for (const r of results) if (r.non2xx || r.errors) throw new Error(`${what}: ${r.non2xx} non-2xx answers, ${r.errors} errors — the figure would not be a measurement of success`);
}

/**
 * How many audit lines a second our event store appends by itself — each its own append to a
 * patient's lookup stream, 32 waiting at once (the writer thread's group commit), with no HTTP,
 * token or read: an upper bound for any audited lookup on this store and machine.
 */
async function auditAppendCeiling(file: string, seconds: number): Promise<number> {
  const store = new SqliteEventStore(file);
  const ends = Date.now() + seconds * 1_000;
  let appended = 0;
  const line = { at: new Date().toISOString(), by: 'crew', answer: 'x'.repeat(200) };
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (Date.now() < ends) {
      await store.append(lookupStream(`p${appended % 1_000}`), [{ eventId: newEventId(), type: 'StatusLookedUp', payload: line }], 'any');
      appended += 1;
    }
  }));
  await store.close();
  return appended / seconds;
}
