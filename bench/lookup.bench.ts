/** 1. Status lookup (JWT, fold, durable audit entry, JSON) against a bare Fastify route with a body of the same size. */
import { mintToken } from '../test/support/service';
import { seedPatients } from './seed';
import { Figure, fmt, load, startReference, startService, tempDir } from './support';

export async function lookupFigures(seconds: number): Promise<Figure[]> {
  const service = await startService({ DATA_DIR: tempDir('lookup') });
  const patients = await seedPatients(service.url, 1_000);
  const headers = { authorization: `Bearer ${await mintToken('paramedic')}` };
  let i = 0;
  const next = () => ({ path: `/v1/patients/${patients[i++ % patients.length]}/resuscitation-status` });
  const sample = await fetch(service.url + next().path, { headers }).then((r) => r.text());
  const reference = await startReference(Buffer.byteLength(sample));
  const refNext = () => ({ path: '/status' });

  await load({ url: reference.url, seconds: 2, connections: 32, next: refNext }); // warm-up
  await load({ url: service.url, seconds: 2, connections: 32, headers, next });
  const bare = await load({ url: reference.url, seconds, connections: 32, next: refNext });
  const ours = await load({ url: service.url, seconds, connections: 32, headers, next });
  const paced = await load({ url: service.url, seconds, connections: 64, rate: 2_000, headers, next });
  await reference.stop();
  await service.stop();
  failIfErrors('lookup', [ours, paced]);

  const ratio = ours.requests.average / bare.requests.average;
  return [
    { name: '1 status lookup throughput', measured: `${fmt(ours.requests.average)} req/s`, reference: `bare Fastify ${fmt(bare.requests.average)} req/s (${Buffer.byteLength(sample)} B)`, ratio: `${fmt(ratio, 2)} ×`, target: '≥ 0.5 ×', met: ratio >= 0.5 },
    { name: '1 status lookup p99 at 2,000 req/s', measured: `p99 ${fmt(paced.latency.p99, 1)} ms (p50 ${fmt(paced.latency.p50, 1)}, achieved ${fmt(paced.requests.average)} req/s)`, reference: '—', ratio: '—', target: 'p99 ≤ 10 ms', met: paced.latency.p99 <= 10 && paced.requests.average >= 1_900 },
  ];
}

export function failIfErrors(what: string, results: Array<{ non2xx: number; errors: number }>): void {
  for (const r of results) if (r.non2xx || r.errors) throw new Error(`${what}: ${r.non2xx} non-2xx answers, ${r.errors} errors — the figure would not be a measurement of success`);
}
