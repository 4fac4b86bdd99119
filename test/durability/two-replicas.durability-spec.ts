/**
 * Two API processes on the same data (the embedded default run as two replicas on one machine).
 * Each remembers the patients' streams by version (PatientHistories) for its lookups and its
 * commands; a command or a lookup on one must decide on what the other appended — the version
 * probe, not the memory, says what the stream holds.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshCpr, HOSPITAL, mintToken } from '../support/service';
import { buildOnce, caller, freePort, Running, startApi } from './processes';

const dataDir = mkdtempSync(join(tmpdir(), 'dnr-replicas-'));
const running: Running[] = [];
let onA: ReturnType<typeof caller>;
let onB: ReturnType<typeof caller>;
let physician: string;

const decision = (decisionId: string) => ({ basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'], decisionId });
const withdrawal = { action: 'withdraw', reason: 'Patienten ønsker genoplivning', revisedAt: '2026-03-05T09:00:00+01:00' };

beforeAll(async () => {
  buildOnce();
  const [a, b] = [await freePort(), await freePort()];
  running.push(await startApi({ DATA_DIR: dataDir }, a)); // the first creates the data (and holds the relay)
  running.push(await startApi({ DATA_DIR: dataDir, RELAY: 'off' }, b));
  [onA, onB] = [caller(a), caller(b)];
  physician = await mintToken('physician', { org: HOSPITAL.sor });
});
afterAll(() => {
  for (const r of running) r.process.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it("a command on one replica decides on the other's append, and its version follows it", async () => {
  const patientId = (await onA('POST', '/v1/patients', { cpr: freshCpr(), name: 'Karen Jensen' })).body.patientId;
  const first = randomUUID();
  expect((await onA('POST', `/v1/patients/${patientId}/decisions`, decision(first), physician)).body.version).toBe(2); // remembered on A
  const second = randomUUID();
  expect((await onB('POST', `/v1/patients/${patientId}/decisions/${first}/revisions`, withdrawal, physician)).status).toBe(201); // version 3, on B
  expect((await onB('POST', `/v1/patients/${patientId}/decisions`, decision(second), physician)).body.version).toBe(4);
  // A knows of neither from its own commands: revising B's decision is found (not 404) and lands after B's events.
  const revised = await onA('POST', `/v1/patients/${patientId}/decisions/${second}/revisions`, withdrawal, physician);
  expect(revised.status).toBe(201);
  expect(revised.body.version).toBe(5);
  // And B sees A's last append in its answer: both decisions withdrawn, so CPR is to be attempted.
  const status = await onB('GET', `/v1/patients/${patientId}/resuscitation-status`);
  expect(status.body).toMatchObject({ status: 'ATTEMPT_CPR', version: 5 });
});
