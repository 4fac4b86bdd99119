/**
 * Security review 2026-12-06, finding 9: a read of a patient's whole record (GET …/events: the
 * CPR, the name, every instrument) is audited like a status read — who, role, organisation,
 * which version — before the answer leaves; the same read repeated is counted, not written again.
 */
import { join } from 'node:path';
import { recordReadStream, SqliteEventStore } from '@dnr/event-store';
import { HOSPITAL, mintToken, registerPatient, Service, startService } from '../support/service';

let s: Service;
beforeAll(async () => { s = await startService(); });
afterAll(async () => { await s.close(); });

const readsOf = async (p: string) => (await new SqliteEventStore(join(s.dataDir, 'events.db')).readStream(recordReadStream(p))).map((e) => e.payload as { by: { sub: string; org: string }; version: number });

it('each reader of the record is on the audit trail once per version they saw', async () => {
  const p = await registerPatient(s);
  const nurse = await mintToken('nurse', { sub: 'nurse-a', org: HOSPITAL.sor });
  for (let i = 0; i < 5; i += 1) expect((await s.call('GET', `/v1/patients/${p}/events`, { token: nurse })).status).toBe(200);
  expect(await readsOf(p)).toEqual([expect.objectContaining({ by: expect.objectContaining({ sub: 'nurse-a', org: HOSPITAL.sor }), version: 1 })]);

  const physician = await mintToken('physician', { sub: 'physician-b', org: '953741000016111' });
  await s.call('GET', `/v1/patients/${p}/events`, { token: physician });
  expect((await readsOf(p)).map((r) => r.by.sub)).toEqual(['nurse-a', 'physician-b']);
});

it('a care worker, who may not read the record, leaves no line and gets 403', async () => {
  const p = await registerPatient(s);
  expect((await s.call('GET', `/v1/patients/${p}/events`, { role: 'care_worker' })).status).toBe(403);
  expect(await readsOf(p)).toEqual([]);
});
