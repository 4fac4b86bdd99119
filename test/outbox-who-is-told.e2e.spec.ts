/**
 * Who is told, end to end with the relay on (handover-messages.md, 2026-11-22): R7.3a an owed
 * message that cannot be addressed is created and shown escalated, never dropped, and goes out
 * once its site is known; R7.5a the hospital that made the decision hears of a change recorded
 * elsewhere; R7.1a a re-evaluation that changes nothing is still sent.
 */
import { GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService } from './support/service';
import { eventually } from './support/until';

let s: Service;
beforeAll(async () => { s = await startService({ RELAY: 'on' }); });
afterAll(async () => { await s.close(); });

const outboxOf = (patientId: string) => s.call('GET', `/v1/outbox?patientId=${patientId}`, { token: hospitalNurse }).then((r) => r.body as any[]);
let hospitalNurse: string;
beforeAll(async () => { hospitalNurse = await mintToken('nurse', { org: HOSPITAL.sor }); });
const hospitalPhysician = () => mintToken('physician', { org: HOSPITAL.sor, orgName: HOSPITAL.name, sector: 'hospital' });

async function decidedAtTheHospital() {
  const patientId = await registerPatient(s);
  await s.call('POST', `/v1/patients/${patientId}/decisions`, { token: await hospitalPhysician(), body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] } });
  return patientId;
}

describe('R7.3a a discharge that names no GP', () => {
  it('owes the epikrise all the same, shown at once as escalated UNADDRESSED with the reason', async () => {
    const patientId = await decidedAtTheHospital();
    await s.call('POST', `/v1/patients/${patientId}/handovers`, { token: hospitalNurse, body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME } });
    const messages = await eventually(() => outboxOf(patientId), (m) => m.length === 3, 'three messages owed');
    const epikrise = messages.find((m) => m.kind === 'epikrise');
    expect(epikrise).toMatchObject({ state: 'escalated', escalation: { reason: 'UNADDRESSED' }, recipient: { sector: 'general_practice' } });
    expect(epikrise.payload.resuscitation).toMatchObject({ status: 'DNACPR', basis: 'physician' });
  });
});

describe('R7.5a a change recorded by another organisation reaches the hospital that made the decision', () => {
  it('the nursing home records the patient\'s wish for CPR: the hospital gets a korrespondancemeddelelse', async () => {
    const patientId = await decidedAtTheHospital();
    await s.call('POST', `/v1/patients/${patientId}/handovers`, { token: hospitalNurse, body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP } });
    await eventually(() => outboxOf(patientId), (m) => m.length === 3, 'the discharge owed');
    const homeCareWorker = await mintToken('care_worker', { org: NURSING_HOME.sor });
    await s.call('POST', `/v1/patients/${patientId}/temporary-revocations`, { token: homeCareWorker, body: { instrument: 'register', illnessSituation: { id: 'p', description: 'Lungebetændelse' }, statedAt: '2026-03-05T10:00:00+01:00' } });
    const messages = await eventually(() => outboxOf(patientId), (m) => m.length > 3, 'the change owed');
    const toHospital = messages.filter((m) => m.kind === 'korrespondancemeddelelse' && m.recipient.sor === HOSPITAL.sor);
    expect(toHospital).toHaveLength(1);
    expect(toHospital[0].document.resuscitation.flags.map((f: any) => f.code)).toContain('PATIENT_WISHES_CPR');
  });
});

describe('R7.1a a re-evaluation that changes nothing is still communicated', () => {
  it('the hospital physician reaffirms: the nursing home and the GP are told', async () => {
    const patientId = await decidedAtTheHospital();
    await s.call('POST', `/v1/patients/${patientId}/handovers`, { token: hospitalNurse, body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP } });
    const decisionId = (await s.call('GET', `/v1/patients/${patientId}/events`)).body[1].data.decisionId;
    const reaffirmed = await s.call('POST', `/v1/patients/${patientId}/decisions/${decisionId}/revisions`, { token: await hospitalPhysician(), body: { action: 'reaffirm', reason: 'Revurderet, uændret', revisedAt: '2026-03-10T10:00:00+01:00' } });
    const messages = await eventually(() => outboxOf(patientId), (m) => m.length === 5, 'the re-evaluation owed');
    const reEvaluation = messages.filter((m) => m.causedBy === reaffirmed.body.eventId);
    expect(reEvaluation.map((m) => `${m.kind}→${m.recipient.sor}`).sort()).toEqual([`korrespondancemeddelelse→${GP.sor}`, `korrespondancemeddelelse→${NURSING_HOME.sor}`].sort());
  });
});
