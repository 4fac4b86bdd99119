/** The handover outbox end to end on the embedded default: relay in-process, drop folder, receipts, resends, escalation. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService } from './support/service';
import { eventually } from './support/until';

let s: Service;
beforeAll(async () => { s = await startService({ RELAY: 'on', RESEND_AFTER_SECONDS: '1' }); });
afterAll(async () => { await s.close(); });

const outboxOf = (patientId: string) => s.call('GET', `/v1/outbox?patientId=${patientId}`).then((r) => r.body as any[]);

async function dischargedPatient(outOfHours = false) {
  const patientId = await registerPatient(s);
  await s.call('POST', `/v1/patients/${patientId}/decisions`, { body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] }, token: await mintToken('physician', { org: HOSPITAL.sor }) });
  await s.call('POST', `/v1/patients/${patientId}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP, outOfHours } });
  const messages = await eventually(() => outboxOf(patientId), (m) => m.length === 3 && m.every((x) => x.attempts > 0), 'the discharge delivered');
  return { patientId, messages };
}

describe('R7.3 a discharge: the korrespondancemeddelelse to the nursing home, the letters\' sections to the discharging hospital', () => {
  it('writes each message atomically under <SOR of the place of delivery>/<messageId>.json; GET /v1/outbox shows exactly what was delivered', async () => {
    const { messages } = await dischargedPatient(true);
    expect(messages.map((m) => m.kind).sort()).toEqual(['epikrise', 'korrespondancemeddelelse', 'udskrivningsrapport']);
    for (const m of messages) {
      const place = m.kind === 'korrespondancemeddelelse' ? NURSING_HOME.sor : HOSPITAL.sor;
      const file = join(s.dataDir, 'outbox', place, `${m.messageId}.json`);
      expect(existsSync(file)).toBe(true);
      const body = JSON.parse(readFileSync(file, 'utf8'));
      if (m.kind === 'korrespondancemeddelelse') {
        expect(body.entry[0].resource.id).toBe(m.messageId);
        expect(m.payload).toEqual(body); // the CareCommunication Bundle as it went out, envelope id included
        expect(m.deliverTo).toBeUndefined();
      } else {
        expect(m.payload).toEqual(body.document); // the section as delivered
        expect(m.deliverTo).toMatchObject({ sor: HOSPITAL.sor });
      }
    }
    expect(messages.find((m) => m.kind === 'epikrise').recipient).toMatchObject({ sor: GP.sor });
    expect(messages.find((m) => m.kind === 'udskrivningsrapport').recipient).toMatchObject({ sor: NURSING_HOME.sor });
    expect(readdirSync(join(s.dataDir, 'outbox', NURSING_HOME.sor)).some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(existsSync(join(s.dataDir, 'outbox', GP.sor))).toBe(false); // the GP gets the letter from the hospital's EHR, never the section
    expect(messages.find((m) => m.kind === 'udskrivningsrapport')).toMatchObject({ phoneContactRequired: true, escalation: { reason: 'PHONE_CONTACT_REQUIRED', phone: NURSING_HOME.phone } });
    expect(messages.find((m) => m.kind === 'epikrise').payload).toMatchObject({
      followUp: 'green', resuscitation: { status: 'DNACPR', basis: 'physician' },
      letter: { standard: 'XDIS01', textBlock: expect.stringContaining('Ingen lægelig indikation for genoplivningsforsøg ved hjertestop'), placement: { futureArrangements: 'Fremtidige aftaler' } },
    });
  });

  it("the discharging EHR's receipt acknowledges a section, once the letter carrying it has gone out", async () => {
    const { messages } = await dischargedPatient();
    const section = messages.find((m) => m.kind === 'epikrise');
    const ehr = await mintToken('nurse', { org: HOSPITAL.sor });
    const ok = await s.call('POST', `/v1/outbox/${section.messageId}/acknowledgements`, { token: ehr, body: { outcome: 'ok', at: new Date().toISOString(), detail: 'epikrise sendt, brev-id 4711' } });
    expect(ok).toMatchObject({ status: 200, body: { state: 'acknowledged', receipt: { outcome: 'ok', detail: 'epikrise sendt, brev-id 4711' }, deliverTo: { sor: HOSPITAL.sor } } });
  });
});

describe('receipts (MedCom reliable messaging)', () => {
  it('ok from the recipient ⇒ acknowledged; nobody else may acknowledge', async () => {
    const { messages } = await dischargedPatient();
    const m = messages.find((x) => x.kind === 'udskrivningsrapport');
    const stranger = await s.call('POST', `/v1/outbox/${m.messageId}/acknowledgements`, { token: await mintToken('nurse', { org: '999' }), body: { outcome: 'ok', at: new Date().toISOString() } });
    expect(stranger).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    const ok = await s.call('POST', `/v1/outbox/${m.messageId}/acknowledgements`, { token: await mintToken('nurse', { org: NURSING_HOME.sor }), body: { outcome: 'ok', at: new Date().toISOString() } });
    expect(ok).toMatchObject({ status: 200, body: { state: 'acknowledged', receipt: { outcome: 'ok' } } });
  });

  it("a receipt's time is kept and shown; one dated before the message was sent is refused (400) and changes nothing", async () => {
    const { messages } = await dischargedPatient();
    const m = messages.find((x) => x.kind === 'korrespondancemeddelelse');
    const token = await mintToken('nurse', { org: NURSING_HOME.sor });
    const early = await s.call('POST', `/v1/outbox/${m.messageId}/acknowledgements`, { token, body: { outcome: 'ok', at: '2026-01-01T10:00:00+01:00' } });
    expect(early).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ path: 'body.at' }] } });
    expect((await outboxOf(m.patientId)).find((x) => x.messageId === m.messageId).state).toBe('sent');
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000).toISOString(); // whole seconds: times are shown to the second
    const ok = await s.call('POST', `/v1/outbox/${m.messageId}/acknowledgements`, { token, body: { outcome: 'ok', at, detail: 'modtaget' } });
    expect(ok.body.receipt).toEqual({ outcome: 'ok', at: expect.any(String), detail: 'modtaget' });
    expect(Date.parse(ok.body.receipt.at)).toBe(Date.parse(at));
  });

  it.each([
    ['transient-error in year 9999', 'transient-error', '9999-12-31T23:59:59+14:00'],
    ['fatal-error in year 9999, offset -23:59', 'fatal-error', '9999-12-31T23:59:59-23:59'],
    ['transient-error an hour ahead', 'transient-error', 'an hour ahead'],
    ['fatal-error an hour ahead', 'fatal-error', 'an hour ahead'],
    ['ok an hour ahead', 'ok', 'an hour ahead'],
  ])('a receipt (%s) dated more than 5 minutes after it is recorded is refused (400) and changes nothing', async (_, outcome, at) => {
    const { messages } = await dischargedPatient();
    const m = messages.find((x) => x.kind === 'korrespondancemeddelelse');
    const before = (await outboxOf(m.patientId)).find((x) => x.messageId === m.messageId);
    const stated = at === 'an hour ahead' ? new Date(Date.now() + 3_600_000).toISOString() : at;
    const r = await s.call('POST', `/v1/outbox/${m.messageId}/acknowledgements`, { token: await mintToken('nurse', { org: NURSING_HOME.sor }), body: { outcome, at: stated } });
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ path: 'body.at' }] } });
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(r.body)).not.toContain(stated); // a refusal never echoes what the caller sent
    const after = (await outboxOf(m.patientId)).find((x) => x.messageId === m.messageId);
    expect(after.receipt).toBeUndefined();
    expect(after.escalation).toBeUndefined();
    expect(after.state).toBe(before.state);
  });

  it('the sending organisation may record a receipt given by phone', async () => {
    const { messages } = await dischargedPatient();
    const m = messages.find((x) => x.kind === 'epikrise');
    const r = await s.call('POST', `/v1/outbox/${m.messageId}/acknowledgements`, { token: await mintToken('nurse', { org: HOSPITAL.sor }), body: { outcome: 'ok', at: new Date().toISOString(), detail: 'telefonisk kvittering' } });
    expect(r.body.state).toBe('acknowledged');
  });

  it('fatal-error ⇒ escalated; unknown message ⇒ 404; malformed ⇒ 400', async () => {
    const { messages } = await dischargedPatient();
    const m = messages[0];
    const token = await mintToken('nurse', { org: m.recipient.sor });
    expect((await s.call('POST', `/v1/outbox/${m.messageId}/acknowledgements`, { token, body: { outcome: 'fatal-error', at: new Date().toISOString() } })).body.state).toBe('escalated');
    expect((await s.call('POST', '/v1/outbox/6f1b7b7e-3c1a-4d8e-9b1e-4a7c2f0d9e11/acknowledgements', { token, body: { outcome: 'ok', at: new Date().toISOString() } })).status).toBe(404);
    expect((await s.call('POST', `/v1/outbox/${m.messageId}/acknowledgements`, { token, body: { outcome: 'maybe', at: new Date().toISOString() } })).status).toBe(400);
  });

  it('no receipt ⇒ resent with a new envelope id under the same messageId, at most twice, then escalated', async () => {
    const { messages } = await dischargedPatient();
    const m = messages.find((x) => x.kind === 'korrespondancemeddelelse');
    const file = join(s.dataDir, 'outbox', m.recipient.sor, `${m.messageId}.json`);
    const envelopes = new Set<string>([JSON.parse(readFileSync(file, 'utf8')).id]);
    const final = await eventually(async () => {
      envelopes.add(JSON.parse(readFileSync(file, 'utf8')).id);
      return (await outboxOf(m.patientId)).find((x) => x.messageId === m.messageId);
    }, (x) => x.state === 'escalated', 'escalated after the resends', 20_000);
    expect(final.attempts).toBe(3);
    expect(envelopes.size).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(readFileSync(file, 'utf8')).entry[0].resource.id).toBe(m.messageId);
  });
});

describe("a receipt's stated time never schedules the relay: resends and escalation count from when it is recorded", () => {
  let slow: Service; // no resend for ten minutes unless a receipt asks for one
  beforeAll(async () => { slow = await startService({ RELAY: 'on', RESEND_AFTER_SECONDS: '600' }); });
  afterAll(async () => { await slow.close(); });

  async function sentKorrespondancemeddelelse() {
    const patientId = await registerPatient(slow);
    await slow.call('POST', `/v1/patients/${patientId}/handovers`, { role: 'nurse', body: { kind: 'transfer', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME } });
    const view = async () => ((await slow.call('GET', `/v1/outbox?patientId=${patientId}`)).body as any[]).find((m) => m.recipient.sor === NURSING_HOME.sor);
    return { view, sent: await eventually(view, (m) => m?.attempts === 1, 'sent') };
  }

  it('transient-error dated 4 minutes ahead (clocks differ): taken, its date shown as stated, and the message resent at once', async () => {
    const { view, sent } = await sentKorrespondancemeddelelse();
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 4 * 60_000).toISOString();
    const r = await slow.call('POST', `/v1/outbox/${sent.messageId}/acknowledgements`, { token: await mintToken('nurse', { org: NURSING_HOME.sor }), body: { outcome: 'transient-error', at } });
    expect(r).toMatchObject({ status: 200, body: { receipt: { outcome: 'transient-error' } } });
    expect(Date.parse(r.body.receipt.at)).toBe(Date.parse(at));
    expect(await eventually(view, (m) => m.attempts === 2, 'resent at once, not 4 minutes later', 5_000)).toMatchObject({ state: 'sent' });
  });

  it('fatal-error dated 4 minutes ahead: escalated since the moment it was recorded', async () => {
    const { sent } = await sentKorrespondancemeddelelse();
    const at = new Date(Date.now() + 4 * 60_000).toISOString();
    const before = Date.now();
    const r = await slow.call('POST', `/v1/outbox/${sent.messageId}/acknowledgements`, { token: await mintToken('nurse', { org: NURSING_HOME.sor }), body: { outcome: 'fatal-error', at } });
    expect(r).toMatchObject({ status: 200, body: { state: 'escalated', escalation: { reason: 'FATAL_ERROR' } } });
    const since = Date.parse(r.body.escalation.since);
    expect(since).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000); // shown to the second
    expect(since).toBeLessThanOrEqual(Date.now());
  });
});

describe('R7.5 a later change reaches every site told before, each within its own CareCommunication thread', () => {
  it('the GP withdraws: new messages to the nursing home and the deciding hospital; the hospital decides again: replies in the threads it shares', async () => {
    const { patientId, messages } = await dischargedPatient();
    const discharged = messages.find((m) => m.kind === 'korrespondancemeddelelse');
    const events = (await s.call('GET', `/v1/patients/${patientId}/events`)).body;
    const decisionId = events[1].data.decisionId;
    await s.call('POST', `/v1/patients/${patientId}/decisions/${decisionId}/revisions`, { token: await mintToken('physician', { org: GP.sor }), body: { action: 'withdraw', reason: 'bedring', revisedAt: '2026-03-10T10:00:00+01:00' } });
    // The GP sent the follow-ups: its organisation sees them (and only what it sends or receives).
    const gpView = async () => (await s.call('GET', `/v1/outbox?patientId=${patientId}`, { token: await mintToken('nurse', { org: GP.sor }) })).body as any[];
    const withdrawn = (all: any[]) => all.filter((x) => x.document.resuscitation.reason === 'DECISION_WITHDRAWN');
    const followUps = withdrawn(await eventually(gpView, (m) => withdrawn(m).length === 2 && withdrawn(m).every((x) => x.attempts > 0), 'the follow-ups'));
    expect(followUps.every((m) => m.kind === 'korrespondancemeddelelse')).toBe(true);
    expect(followUps.map((m) => m.recipient.sor).sort()).toEqual([HOSPITAL.sor, NURSING_HOME.sor].sort());
    // The GP was part of no thread yet: both are new messages, in new threads.
    for (const m of followUps) expect(provenanceOf(m.payload).activity.coding[0].code).toBe('new-message');
    expect(threadOf(followUps.find((m) => m.recipient.sor === NURSING_HOME.sor).payload)).not.toBe(threadOf(discharged.payload));

    await s.call('POST', `/v1/patients/${patientId}/decisions`, { body: { basis: 'physician', decidedAt: '2026-03-12T10:00:00+01:00', grounds: ['irreversibly_dying'] }, token: await mintToken('physician', { org: HOSPITAL.sor }) });
    const decidedAgain = (all: any[]) => all.filter((x) => x.kind === 'korrespondancemeddelelse' && x.document.causedBy !== discharged.causedBy && x.document.resuscitation.status === 'DNACPR' && x.attempts > 0);
    const replies = decidedAgain(await eventually(() => outboxOf(patientId), (m) => decidedAgain(m).length === 2, 'the new decision told'));
    const toHome = replies.find((m) => m.recipient.sor === NURSING_HOME.sor);
    expect(threadOf(toHome.payload)).toBe(threadOf(discharged.payload));
    expect(provenanceOf(toHome.payload).entity).toContainEqual({ role: 'revision', what: { reference: `MessageHeader/${discharged.messageId}` } });
    const toGp = replies.find((m) => m.recipient.sor === GP.sor);
    const gpToHospital = followUps.find((m) => m.recipient.sor === HOSPITAL.sor);
    expect(threadOf(toGp.payload)).toBe(threadOf(gpToHospital.payload));
    expect(provenanceOf(toGp.payload).entity).toContainEqual({ role: 'revision', what: { reference: `MessageHeader/${gpToHospital.messageId}` } });
  });
});

const threadOf = (bundle: any) => bundle.entry.find((e: any) => e.resource.resourceType === 'Communication').resource.identifier[0].value;
const provenanceOf = (bundle: any) => bundle.entry.find((e: any) => e.resource.resourceType === 'Provenance' && e.resource.target[0].reference === `MessageHeader/${bundle.entry[0].resource.id}`).resource;

describe('R7.3a a korrespondancemeddelelse from a site with no telephone number on record waits unaddressed, then goes out', () => {
  it('escalated UNADDRESSED naming the missing number, no Bundle yet; once the directory has the number, delivered as a conformant Bundle', async () => {
    const ward = { sector: 'hospital', sor: '265071000016888', ean: '5790000121533', name: 'Regionshospitalet Thisted, Akutafdelingen' };
    const patientId = await registerPatient(s);
    const nurse = await mintToken('nurse', { org: ward.sor });
    await s.call('POST', `/v1/patients/${patientId}/handovers`, { token: nurse, body: { kind: 'transfer', at: '2026-03-02T10:00:00+01:00', from: ward, to: NURSING_HOME } });
    const view = () => s.call('GET', `/v1/outbox?patientId=${patientId}`, { token: nurse }).then((r) => (r.body as any[])[0]);
    const waiting = await eventually(view, (m) => m?.escalation?.reason === 'UNADDRESSED', 'escalated unaddressed');
    expect(waiting).toMatchObject({ state: 'escalated', attempts: 0, payload: null, lastError: expect.stringContaining(`telefonnummer for ${ward.name}`), escalation: { phone: NURSING_HOME.phone } });
    expect(existsSync(join(s.dataDir, 'outbox', NURSING_HOME.sor, `${waiting.messageId}.json`))).toBe(false);

    const { sor, ...site } = ward;
    expect((await s.call('PUT', `/v1/sites/${sor}`, { role: 'nurse', body: { ...site, phone: '97 92 00 00' } })).status).toBe(200);
    const sent = await eventually(view, (m) => m.attempts > 0, 'sent once the number is known');
    expect(sent).toMatchObject({ state: 'sent', lastError: null });
    expect(sent.escalation).toBeUndefined();
    const communication = sent.payload.entry.find((e: any) => e.resource.resourceType === 'Communication').resource;
    expect(communication.payload[0].extension).toContainEqual({ url: 'http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-contact-extension', valueContactPoint: { system: 'phone', value: '97920000' } });
    const delivered = JSON.parse(readFileSync(join(s.dataDir, 'outbox', NURSING_HOME.sor, `${sent.messageId}.json`), 'utf8'));
    expect(delivered).toEqual(sent.payload);

    // The ward's number changes afterwards (its own staff change it; nobody else may): the outbox still shows what was delivered, not a Bundle rewritten from the directory.
    expect((await s.call('PUT', `/v1/sites/${sor}`, { token: nurse, body: { ...site, phone: '97 92 11 11' } })).status).toBe(200);
    const later = await view();
    expect(later.payload).toEqual(delivered);
    expect(later.sender).toMatchObject({ sor, phone: '97 92 00 00' });
  });
});
