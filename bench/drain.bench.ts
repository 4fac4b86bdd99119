/**
 * A crew's lookup while the relay drains a backlog: 10,000 owed messages built with the relay
 * off, then the service restarted with the relay on (on its own thread) and status lookups paced
 * at 2,000 req/s during the drain — beside the same load once the relay is idle, same run.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GP, HOSPITAL, mintToken, NURSING_HOME } from '../test/support/service';
import { until } from '../test/support/until';
import { failIfErrors } from './lookup.bench';
import { seedPatients } from './seed';
import { Figure, fmt, load, LoadResult, startService, tempDir } from './support';

const DISCHARGES = 3_334; // three messages each: 10,002

export async function drainFigures(seconds: number): Promise<Figure[]> {
  const dataDir = tempDir('drain');
  const env = { DATA_DIR: dataDir };
  const before = await startService({ ...env, RELAY: 'off' });
  const patients = await seedPatients(before.url, 1_000);
  await owe(before.url, patients);
  await before.stop();

  const service = await startService({ ...env, RELAY: 'on' });
  const headers = { authorization: `Bearer ${await mintToken('paramedic')}` };
  let i = 0;
  const next = () => ({ path: `/v1/patients/${patients[i++ % patients.length]}/resuscitation-status` });
  const draining = await load({ url: service.url, seconds, connections: 64, rate: 2_000, headers, next });
  const deliveredDuring = delivered(dataDir);
  await until(() => delivered(dataDir) >= DISCHARGES * 3, 300_000, 'the backlog to drain');
  const idle = await load({ url: service.url, seconds, connections: 64, rate: 2_000, headers, next });
  await service.stop();
  failIfErrors('drain', [draining, idle]);

  const row = (r: LoadResult) => `p99 ${fmt(r.latency.p99, 1)} ms, max ${fmt(r.latency.max, 0)} ms (${fmt(r.requests.average)} req/s)`;
  return [
    { name: '1 lookup p99 at 2,000 req/s, relay draining', measured: `${row(draining)}; ${fmt(deliveredDuring)} of ${fmt(DISCHARGES * 3)} delivered meanwhile`, reference: `relay idle: ${row(idle)}`, ratio: `${fmt(draining.latency.p99 / Math.max(idle.latency.p99, 0.001), 2)} × idle`, target: 'p99 ≤ 10 ms', met: draining.latency.p99 <= 10 && draining.requests.average >= 1_900 },
    { name: '1 lookup max, relay draining', measured: `${fmt(draining.latency.max, 0)} ms`, reference: `relay idle: ${fmt(idle.latency.max, 0)} ms`, ratio: '—', target: 'max ≤ 250 ms', met: draining.latency.max <= 250 },
  ];
}

async function owe(url: string, patients: string[]): Promise<void> {
  const headers = { authorization: `Bearer ${await mintToken('nurse')}`, 'content-type': 'application/json' };
  let n = 0;
  const result = await load({
    url, seconds: 600, connections: 16, method: 'POST', headers, amount: DISCHARGES,
    next: () => {
      const at = new Date(Date.parse('2026-03-01T10:00:00Z') + (n % 10_000) * 60_000).toISOString();
      return { path: `/v1/patients/${patients[n++ % patients.length]}/handovers`, body: JSON.stringify({ kind: 'discharge', at, from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }) };
    },
  });
  failIfErrors('drain backlog', [result]);
}

function delivered(dataDir: string): number {
  const root = join(dataDir, 'outbox');
  return existsSync(root) ? readdirSync(root).reduce((sum, sor) => sum + readdirSync(join(root, sor)).filter((f) => f.endsWith('.json')).length, 0) : 0;
}
