/**
 * handover-messages.md § Delivery (2026-11-22): one recipient never holds up another. On real
 * files: one recipient's drop folder cannot be written — the others are delivered, the stuck
 * messages escalate after RESEND_AFTER_SECONDS, and once the folder can be written they are
 * delivered exactly once.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService } from './support/service';
import { until } from './support/until';

let s: Service;
beforeAll(async () => {
  s = await startService({ RELAY: 'on', RESEND_AFTER_SECONDS: '2', RELAY_RETRY_FIRST_SECONDS: '0.2', RELAY_RETRY_MAX_SECONDS: '0.5' });
});
afterAll(async () => { await s.close(); });

const folderOf = (sor: string) => join(s.dataDir, 'outbox', sor);
const filesIn = (sor: string) => (existsSync(folderOf(sor)) ? readdirSync(folderOf(sor)).filter((f) => f.endsWith('.json')) : []);
const outboxOf = async (patientId: string) => (await s.call('GET', `/v1/outbox?patientId=${patientId}`)).body as any[];

/**
 * Makes a recipient's folder unwritable. The suite may run as root, whom file modes do not stop,
 * so there a plain file takes the folder's place (every write under it fails, as on a read-only
 * mount); otherwise the folder is made read-only.
 */
function blockFolder(sor: string): () => void {
  mkdirSync(join(s.dataDir, 'outbox'), { recursive: true });
  if (process.getuid?.() === 0) {
    writeFileSync(folderOf(sor), 'not a folder');
    return () => rmSync(folderOf(sor));
  }
  mkdirSync(folderOf(sor), { recursive: true });
  chmodSync(folderOf(sor), 0o500);
  return () => chmodSync(folderOf(sor), 0o700);
}

it('a blocked recipient: the others are delivered, its messages escalate, and arrive exactly once when it is writable again', async () => {
  const unblock = blockFolder(NURSING_HOME.sor);
  const patientId = await registerPatient(s);
  await s.call('POST', `/v1/patients/${patientId}/decisions`, { body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] }, token: await mintToken('physician', { org: HOSPITAL.sor }) });
  // A transfer owes the nursing home its korrespondancemeddelelse first, then the GP an epikrise.
  const r = await s.call('POST', `/v1/patients/${patientId}/handovers`, { role: 'nurse', body: { kind: 'transfer', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP } });
  expect(r.status).toBe(201);
  const other = await registerPatient(s);
  const elsewhere = { ...HOSPITAL, sor: '265071000016003', name: 'Aalborg Universitetshospital, Hospice' };
  await s.call('POST', `/v1/patients/${other}/handovers`, { role: 'nurse', body: { kind: 'transfer', at: '2026-03-02T11:00:00+01:00', from: HOSPITAL, to: elsewhere } });

  // The GP's epikrise and the other patient's message go out although the nursing home's folder refuses every write.
  await until(async () => (await outboxOf(patientId)).some((m) => m.recipient.sor === GP.sor && m.state === 'sent'), 10_000, 'GP delivered');
  await until(async () => (await outboxOf(other)).every((m) => m.state === 'sent'), 10_000, 'other patient delivered');
  const toNursingHome = (await outboxOf(patientId)).filter((m) => m.recipient.sor === NURSING_HOME.sor);
  expect(toNursingHome).toHaveLength(1);
  expect(toNursingHome[0]).toMatchObject({ attempts: 0, state: 'pending' });
  expect(toNursingHome[0].lastError).toBeTruthy();

  // Undeliverable for RESEND_AFTER_SECONDS ⇒ escalated, for someone to phone.
  await until(async () => (await outboxOf(patientId)).filter((m) => m.recipient.sor === NURSING_HOME.sor).every((m) => m.state === 'escalated' && m.escalation?.reason === 'UNDELIVERABLE'), 15_000, 'escalated');

  unblock();
  await until(async () => (await outboxOf(patientId)).filter((m) => m.recipient.sor === NURSING_HOME.sor).every((m) => m.state === 'sent'), 15_000, 'delivered once writable');
  const after = (await outboxOf(patientId)).filter((m) => m.recipient.sor === NURSING_HOME.sor);
  expect(after.map((m) => m.attempts)).toEqual([1]);
  expect(after.every((m) => m.escalation === undefined)).toBe(true);
  expect(filesIn(NURSING_HOME.sor).sort()).toEqual(after.map((m) => `${m.messageId}.json`).sort());
});
