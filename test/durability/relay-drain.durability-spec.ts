/**
 * A crew's lookup never waits on message delivery (issue "One relay, off the request path"):
 * build a backlog of 10,000 owed messages with the relay off, restart the service with the relay
 * on, and while the relay drains it — projection, drop-folder writes with fsync, delivery state —
 * the port is open at once and every status lookup answers within 250 ms.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freshCpr, GP, HOSPITAL, mintToken, NURSING_HOME } from '../support/service';
import { buildOnce, caller, freePort, runBuilt, Running, until } from './processes';

const dataDir = mkdtempSync(join(tmpdir(), 'dnr-drain-'));
const HANDOVERS = 3_334; // a discharge owes 3 messages: 10,002 in all
const LOOKUP_LIMIT_MS = 250;
let service: Running | null = null;

afterAll(() => {
  service?.process.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const delivered = () => {
  const root = join(dataDir, 'outbox');
  return existsSync(root) ? readdirSync(root).reduce((n, sor) => n + readdirSync(join(root, sor)).filter((f) => f.endsWith('.json')).length, 0) : 0;
};

async function buildBacklog(port: number): Promise<string[]> {
  const call = caller(port);
  const nurse = await mintToken('nurse');
  const patients: string[] = [];
  for (let i = 0; i < 50; i++) patients.push((await call('POST', '/v1/patients', { cpr: freshCpr(), name: 'Karen Jensen' }, nurse)).body.patientId);
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < HANDOVERS) {
      const n = next++;
      const at = new Date(Date.parse('2026-03-01T10:00:00Z') + n * 60_000).toISOString();
      const r = await call('POST', `/v1/patients/${patients[n % 50]}/handovers`, { kind: 'discharge', at, from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }, nurse);
      if (r.status !== 201) throw new Error(`handover ${n}: ${r.status}`);
    }
  }));
  return patients;
}

it('with 10,000 messages owed, the port opens at once and every lookup during the drain answers within 250 ms', async () => {
  buildOnce();
  const port = await freePort();
  const env = { DATA_DIR: dataDir, PORT: String(port), WRITE_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' };
  const firstStart = performance.now();
  service = runBuilt('api', { ...env, RELAY: 'off' });
  await until(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true, 10_000, 'service without relay');
  const emptyStartMs = performance.now() - firstStart; // the reference: a start with nothing owed and no relay
  const patients = await buildBacklog(port);
  service.process.kill('SIGTERM');
  await service.exited;
  expect(delivered()).toBe(0);

  const started = performance.now();
  service = runBuilt('api', { ...env, RELAY: 'on' });
  await until(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true, 10_000, 'health after restart');
  const healthAfterMs = performance.now() - started;
  const deliveredWhenHealthy = delivered();

  const paramedic = await mintToken('paramedic');
  const lookups: number[] = [];
  let lookupsWhileDraining = 0;
  for (let i = 0; delivered() < HANDOVERS * 3; i++) {
    const t0 = performance.now();
    const r = await fetch(`http://127.0.0.1:${port}/v1/patients/${patients[i % patients.length]}/resuscitation-status`, { headers: { authorization: `Bearer ${paramedic}` } });
    await r.arrayBuffer();
    lookups.push(performance.now() - t0);
    expect(r.status).toBe(200);
    lookupsWhileDraining++;
    if (performance.now() - started > 240_000) throw new Error(`drain not finished after 240 s: ${delivered()} delivered`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const drainSeconds = (performance.now() - started) / 1000;
  const sorted = [...lookups].sort((a, b) => a - b);
  const p99 = sorted[Math.floor(sorted.length * 0.99)];
  process.stdout.write(`drain of ${HANDOVERS * 3} messages: ${drainSeconds.toFixed(1)} s; /health after ${healthAfterMs.toFixed(0)} ms (an empty start ${emptyStartMs.toFixed(0)} ms) with ${deliveredWhenHealthy} delivered; ${lookups.length} lookups during the drain, p99 ${p99.toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms\n`);

  expect(deliveredWhenHealthy).toBeLessThan(HANDOVERS * 3); // the port was open before the backlog was drained
  // The port opens as fast as a start with nothing owed, give or take a second (the bug this guards: 9.3 s).
  expect(healthAfterMs).toBeLessThan(emptyStartMs + 1_000);
  expect(lookupsWhileDraining).toBeGreaterThan(20);
  expect(sorted[sorted.length - 1]).toBeLessThanOrEqual(LOOKUP_LIMIT_MS);
}, 400_000);
