/**
 * Graceful shutdown with SIGTERM on the built service: readiness turns 503 first, requests in
 * flight are finished (201, stored), new requests are refused (503 or no connection) rather than half-served, the
 * relay and the store are closed, and after a restart the store holds exactly the 201s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshCpr, mintToken } from '../support/service';
import { buildOnce, caller, freePort, Running, startApi } from './processes';

const dataDir = mkdtempSync(join(tmpdir(), 'dnr-sigterm-'));
let port = 0;
let service: Running | null = null;

beforeAll(async () => {
  buildOnce();
  port = await freePort();
});
afterAll(() => {
  service?.process.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('SIGTERM mid-load: in-flight writes finish, nothing is half-done, the store is closed cleanly', async () => {
  service = await startApi({ DATA_DIR: dataDir, RELAY: 'on', SHUTDOWN_GRACE_SECONDS: '1', LOG_LEVEL: 'info', WRITE_RATE_LIMIT_PER_MINUTE: '0' }, port);
  const call = caller(port);
  const token = await mintToken('nurse');
  const patientId = (await call('POST', '/v1/patients', { cpr: freshCpr(), name: 'Karen Jensen' }, token)).body.patientId;

  const outcomes: Array<number | 'refused'> = [];
  const note = (n: number) => `sigterm-${n}`;
  let next = 0;
  let stop = false;
  const writers = Array.from({ length: 8 }, async () => {
    while (!stop) {
      const n = next++;
      try {
        outcomes[n] = (await call('POST', `/v1/patients/${patientId}/condition-improvements`, { at: '2026-03-02T10:00:00+01:00', dischargeable: false, note: note(n) }, token)).status;
      } catch {
        outcomes[n] = 'refused'; // connection refused or closed before the request was taken
      }
    }
  });
  while (next < 200) await new Promise((r) => setTimeout(r, 5));
  service.process.kill('SIGTERM');
  const readiness: Array<number | string> = [];
  const t0 = Date.now();
  while (readiness[readiness.length - 1] !== 'refused' && Date.now() - t0 < 5000) {
    readiness.push(await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status).catch(() => 'refused'));
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyDuringGrace = readiness.join(',');
  const exit = await Promise.race([service.exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
  stop = true;
  await Promise.all(writers);

  // Ready until the signal is handled, then 503 through the grace period, then the port closes.
  expect(readyDuringGrace).toMatch(/^(200,)*(503,)+refused$/);
  expect(exit).toBe(0);
  expect(service.output()).toContain('event store closed');
  // 201, or not taken at all: refused connection, or 503 for a request that arrived on an open connection after closing began.
  expect(outcomes.filter((o) => o !== 201 && o !== 'refused' && o !== 503)).toEqual([]);
  const accepted = outcomes.flatMap((o, n) => (o === 201 ? [note(n)] : []));
  expect(accepted.length).toBeGreaterThanOrEqual(200);

  service = await startApi({ DATA_DIR: dataDir, RELAY: 'off' }, port);
  const stored = (await caller(port)('GET', `/v1/patients/${patientId}/events`, undefined, token)).body.map((e: any) => e.data.note).filter(Boolean);
  expect(stored.sort()).toEqual(accepted.sort());
}, 60_000);
