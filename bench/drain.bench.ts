/**
 * A crew's lookup while the relay drains a backlog: 10,000 owed messages built with the relay
 * off, then the service restarted with the relay on (its own thread), and status lookups at
 * 2,000 req/s, evenly spaced (open loop, bench/open-loop.ts):
 * - from the restart (cold: the API compiles its code while the relay starts and drains);
 * - while draining, once the API has answered for 2 s (the drain still under way);
 * - with the relay idle (the backlog gone), the reference from the same run.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GP, HOSPITAL, mintToken, NURSING_HOME } from '../test/support/service';
import { until } from '../test/support/until';
import { failIfErrors } from './lookup.bench';
import { openLoop, OpenLoopResult } from './open-loop';
import { seedPatients } from './seed';
import { Figure, fmt, load, startService, tempDir } from './support';

const DISCHARGES = 3_334; // three messages each: 10,002
const RATE = 2_000;

export async function drainFigures(seconds: number): Promise<Figure[]> {
  const window = Math.min(seconds, 5);
  const cold = await measureAfterRestart({ warmUpSeconds: 0, window });
  const warm = await measureAfterRestart({ warmUpSeconds: 2, window });
  const row = (r: OpenLoopResult) => `p99 ${fmt(r.p99, 1)} ms, max ${fmt(r.max, 0)} ms (served p99 ${fmt(r.served.p99, 1)}; ${fmt(r.achievedRate)} req/s)`;
  const drained = (d: Drain) => `${fmt(d.deliveredBefore)} → ${fmt(d.deliveredAfter)} of ${fmt(DISCHARGES * 3)} delivered in the window`;
  return [
    { name: '1 lookup at 2,000 req/s, relay draining 10,000', measured: `${row(warm.draining)}; ${drained(warm)}`, reference: `relay idle: ${row(warm.idle)}`, ratio: `${fmt(warm.draining.p99 / Math.max(warm.idle.p99, 0.001), 2)} × idle`, target: 'p99 ≤ 10 ms', met: warm.draining.p99 <= 10 },
    { name: '1 lookup max, relay draining', measured: `${fmt(warm.draining.max, 0)} ms`, reference: `relay idle: ${fmt(warm.idle.max, 0)} ms`, ratio: '—', target: 'max ≤ 250 ms', met: warm.draining.max <= 250 },
    { name: '1 lookup from a restart with 10,000 owed', measured: `${row(cold.draining)}; ${drained(cold)}`, reference: `same restart, relay off: ${row(cold.relayOff)}`, ratio: '—', target: '(reported)', met: true },
  ];
}

interface Drain {
  draining: OpenLoopResult;
  idle: OpenLoopResult;
  relayOff: OpenLoopResult;
  deliveredBefore: number;
  deliveredAfter: number;
}

async function measureAfterRestart({ warmUpSeconds, window }: { warmUpSeconds: number; window: number }): Promise<Drain> {
  const dataDir = tempDir('drain');
  const before = await startService({ DATA_DIR: dataDir, RELAY: 'off' });
  const patients = await seedPatients(before.url, 1_000);
  await owe(before.url, patients);
  await before.stop();
  const headers = { authorization: `Bearer ${await mintToken('paramedic')}` };
  let i = 0;
  const next = () => ({ path: `/v1/patients/${patients[i++ % patients.length]}/resuscitation-status` });
  const lookups = (url: string, s: number) => openLoop({ url, rate: RATE, seconds: s, headers, next });

  // The same restart without the relay: what a cold API alone gives.
  const alone = await startService({ DATA_DIR: dataDir, RELAY: 'off' });
  const relayOff = await lookups(alone.url, window);
  await alone.stop();

  const service = await startService({ DATA_DIR: dataDir, RELAY: 'on' });
  if (warmUpSeconds) await lookups(service.url, warmUpSeconds);
  const deliveredBefore = delivered(dataDir);
  const draining = await lookups(service.url, window);
  const deliveredAfter = delivered(dataDir);
  await until(() => delivered(dataDir) >= DISCHARGES * 3, 300_000, 'the backlog to drain');
  const idle = await lookups(service.url, window);
  await service.stop();
  for (const r of [draining, idle, relayOff]) failIfErrors('drain', [{ non2xx: r.non2xx, errors: r.errors }]);
  return { draining, idle, relayOff, deliveredBefore, deliveredAfter };
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
