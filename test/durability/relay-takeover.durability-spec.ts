/**
 * Exactly one active relay, with real processes: the API (relay off) and two relays on the same
 * data. The first delivers; the second stays on standby; kill -9 the first and the second takes
 * over within the lease time and delivers what the first left.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshCpr, GP, HOSPITAL, mintToken, NURSING_HOME } from '../support/service';
import { buildOnce, caller, freePort, runBuilt, Running, startApi, until } from './processes';

const dataDir = mkdtempSync(join(tmpdir(), 'dnr-takeover-'));
const relayEnv = { DATA_DIR: dataDir, RELAY_LEASE_SECONDS: '2', LOG_LEVEL: 'info' };
const running: Running[] = [];
let call: ReturnType<typeof caller>;

const delivered = () => {
  const root = join(dataDir, 'outbox');
  return existsSync(root) ? readdirSync(root).flatMap((sor) => readdirSync(join(root, sor))).filter((f) => f.endsWith('.json')) : [];
};
const isActive = (r: Running) => r.output().includes('holds the lease: active');

async function discharge(): Promise<void> {
  const patientId = (await call('POST', '/v1/patients', { cpr: freshCpr(), name: 'Karen Jensen' })).body.patientId;
  await call('POST', `/v1/patients/${patientId}/decisions`, { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] }, await mintToken('physician', { org: HOSPITAL.sor }));
  const r = await call('POST', `/v1/patients/${patientId}/handovers`, { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP });
  expect(r.status).toBe(201);
}

beforeAll(async () => {
  buildOnce();
  const port = await freePort();
  call = caller(port);
  running.push(await startApi({ DATA_DIR: dataDir, RELAY: 'off' }, port));
});
afterAll(() => {
  for (const r of running) r.process.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('a second relay waits on standby and takes over when the active one is killed', async () => {
  const first = runBuilt('relay', { ...relayEnv, PORT: String(await freePort()) });
  running.push(first);
  await until(() => isActive(first), 10_000, 'first relay active');
  const second = runBuilt('relay', { ...relayEnv, PORT: String(await freePort()) });
  running.push(second);

  await discharge();
  await until(() => delivered().length === 3, 10_000, 'first relay delivers');
  await new Promise((r) => setTimeout(r, 2_500)); // longer than the lease: renewals keep it with the first
  expect(isActive(second)).toBe(false);

  first.process.kill('SIGKILL');
  await discharge();
  await until(() => isActive(second), 10_000, 'standby takes over');
  await until(() => delivered().length === 6, 10_000, 'second relay delivers');
}, 60_000);
