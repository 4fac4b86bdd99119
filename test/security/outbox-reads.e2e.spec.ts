/**
 * A page of GET /v1/outbox shows each message's payload: the patient's CPR, name and status. Like a
 * whole-record read it is audited — who, and which messages — in each shown patient's record-read
 * stream before the answer leaves; the same page read again is counted, not written again; an
 * empty page showed nobody and writes nothing. The acknowledgement answer shows the message too.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, recordReadStream, SqliteEventStore } from '@dnr/event-store';
import { GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService } from '../support/service';
import { eventually } from '../support/until';

interface Line { at: string; by: { sub: string; name: string; role: string; org: string }; via?: string; messageIds?: string[]; repeats?: number; since?: string }

let s: Service;
let events: SqliteEventStore;
beforeAll(async () => {
  s = await startService({ RELAY: 'on' });
  events = new SqliteEventStore(join(s.dataDir, 'events.db'));
});
afterAll(async () => { await events.close(); await s.close(); });

/** The outbox lines on the patient's record-read trail, by one caller (the polls that wait for delivery are another's). */
const outboxReadsOf = async (store: EventStore, patientId: string, sub: string) =>
  (await store.readStream(recordReadStream(patientId))).filter((e) => e.type === 'OutboxRead').map((e) => e.payload as Line).filter((l) => l.by.sub === sub);
const allRecordReads = async () => (await events.readAll(null, 1_000_000, 'record-read-')).length;
const poller = () => mintToken('nurse', { sub: 'poller', org: HOSPITAL.sor });

/** A discharge whose three messages went out; the hospital sends them all. */
async function discharged(on: Service, outboxCall = on.call) {
  const p = await registerPatient(on);
  await on.call('POST', `/v1/patients/${p}/decisions`, { role: 'physician', body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] } });
  await on.call('POST', `/v1/patients/${p}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP } });
  const token = await poller();
  const shown = await eventually(() => outboxCall('GET', `/v1/outbox?patientId=${p}`, { token }), (r) => r.body?.length === 3 && r.body.every((m: any) => m.attempts > 0), 'the discharge delivered');
  return { p, messages: shown.body as Array<{ messageId: string; kind: string; patientId: string }> };
}

it("a worklist page writes one line per patient shown — who, and which of that patient's messages — before the answer leaves", async () => {
  const [a, b] = [await discharged(s), await discharged(s)];
  const token = await mintToken('nurse', { sub: 'nurse-a', name: 'Nurse A', org: HOSPITAL.sor });
  const page = await s.call('GET', '/v1/outbox', { token });
  expect(page.status).toBe(200);
  for (const { p } of [a, b]) {
    const shown = (page.body as Array<{ messageId: string; patientId: string }>).filter((m) => m.patientId === p).map((m) => m.messageId);
    expect(shown).toHaveLength(3);
    expect(await outboxReadsOf(events, p, 'nurse-a')).toEqual([
      { at: expect.any(String), by: { sub: 'nurse-a', name: 'Nurse A', role: 'nurse', org: HOSPITAL.sor }, via: 'outbox', messageIds: shown },
    ]);
  }
});

it('an empty page showed nobody and writes nothing', async () => {
  const { p } = await discharged(s);
  const before = await allRecordReads();
  const elsewhere = await mintToken('nurse', { sub: 'nurse-elsewhere', org: '1234561000016015' });
  expect(await s.call('GET', '/v1/outbox', { token: elsewhere })).toMatchObject({ status: 200, body: [] });
  expect(await s.call('GET', `/v1/outbox?patientId=${p}&state=escalated`, { token: await poller() })).toMatchObject({ status: 200, body: [] });
  expect(await allRecordReads()).toBe(before);
});

it("the recipient's acknowledgement answers the message, so it is on the trail too", async () => {
  const { p, messages } = await discharged(s);
  const letter = messages.find((m) => m.kind === 'korrespondancemeddelelse')!;
  const token = await mintToken('nurse', { sub: 'nh-nurse', org: NURSING_HOME.sor });
  const ok = await s.call('POST', `/v1/outbox/${letter.messageId}/acknowledgements`, { token, body: { outcome: 'ok', at: new Date().toISOString() } });
  expect(ok).toMatchObject({ status: 200, body: { state: 'acknowledged', payload: expect.anything() } });
  expect(await outboxReadsOf(events, p, 'nh-nurse')).toEqual([expect.objectContaining({ via: 'acknowledgement', messageIds: [letter.messageId] })]);
});

it('when the audit line cannot be written, the page does not leave', async () => {
  const { p } = await discharged(s);
  const store = s.app.get<EventStore>(EVENT_STORE);
  const failing = jest.spyOn(store, 'append').mockRejectedValue(new Error('disk full'));
  try {
    const r = await s.call('GET', `/v1/outbox?patientId=${p}`, { token: await mintToken('nurse', { sub: 'nurse-unaudited', org: HOSPITAL.sor }) });
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toContain(p);
  } finally {
    failing.mockRestore();
  }
});

it('the same page read again is counted on the first line, never written again', async () => {
  const own = await startService({ RELAY: 'on' });
  try {
    const { p, messages } = await discharged(own);
    const token = await mintToken('nurse', { sub: 'nurse-refreshing', org: HOSPITAL.sor });
    for (let i = 0; i < 5; i += 1) expect((await own.call('GET', '/v1/outbox', { token })).status).toBe(200);
    const store = new SqliteEventStore(join(own.dataDir, 'events.db'));
    expect(await outboxReadsOf(store, p, 'nurse-refreshing')).toHaveLength(1);
    await own.app.close(); // closes the open windows: the count is written
    const lines = await outboxReadsOf(store, p, 'nurse-refreshing');
    await store.close();
    expect(lines).toEqual([
      expect.objectContaining({ messageIds: messages.map((m) => m.messageId) }),
      expect.objectContaining({ messageIds: messages.map((m) => m.messageId), repeats: 4, since: lines[0].at }),
    ]);
  } finally {
    rmSync(own.dataDir, { recursive: true, force: true });
  }
});
