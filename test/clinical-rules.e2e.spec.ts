/**
 * The endpoints and fields added on 2026-11-22 (issue 10), end to end over real HTTP and SQLite:
 * each new endpoint and field with its 201 and its 400/403/422 answers; every rejection writes nothing.
 */
import { registerPatient, Service, startService } from './support/service';

let s: Service;
beforeAll(async () => { s = await startService(); });
afterAll(async () => { await s.close(); });

const eventsOf = async (patientId: string) => (await s.call('GET', `/v1/patients/${patientId}/events`)).body as unknown[];
const ahead = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const post = (patientId: string, path: string, body: unknown, role = 'physician') => s.call('POST', `/v1/patients/${patientId}/${path}`, { role, body });

/** Asserts the answer and that the stream did not change: the same events, so the same version. The request is sent only after the events before it are read. */
async function refused(patientId: string, send: () => Promise<{ status: number; body: any }>, expected: { status: number; code?: string; rule?: string }) {
  const before = await eventsOf(patientId);
  const r = await send();
  expect({ status: r.status, code: r.body.code, ...(expected.rule ? { rule: r.body.rule } : {}) }).toEqual({ code: expected.code ?? r.body.code, ...expected });
  expect(await eventsOf(patientId)).toEqual(before);
}

const physicianDecision = { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] };
const foundWill = { at: '2026-03-02T10:00:00+01:00', result: 'found', kind: 'behandlingstestamente', situations: ['severe_disability'], conditionalOnRelatives: false };
const activation = { kind: 'behandlingstestamente', situation: 'severe_disability', assessedAt: '2026-03-03T10:00:00+01:00', permanentlyIncompetent: true };
const NOT_A_UUID = 'aktivering-1';

describe('R1.4 stated times', () => {
  it('a decision stated 2 minutes ahead: 201; 10 minutes ahead: 422 R1.4', async () => {
    const p = await registerPatient(s);
    expect((await post(p, 'decisions', { ...physicianDecision, decidedAt: ahead(2) })).status).toBe(201);
    await refused(p, () => post(p, 'decisions', { ...physicianDecision, decidedAt: ahead(10) }), { status: 422, rule: 'R1.4' });
  });

  it('a handover planned 13 days ahead: 201; 15 days: 422 R1.4', async () => {
    const p = await registerPatient(s);
    const handover = { kind: 'discharge', from: { sector: 'hospital', sor: '265071000016002', ean: '5790000121526', name: 'Aalborg' }, to: { sector: 'municipality', sor: '953741000016009', ean: '5790001348120', name: 'Solhaven' } };
    expect((await post(p, 'handovers', { ...handover, at: ahead(13 * 24 * 60) }, 'nurse')).status).toBe(201);
    await refused(p, () => post(p, 'handovers', { ...handover, at: ahead(15 * 24 * 60) }, 'nurse'), { status: 422, rule: 'R1.4' });
  });

  it('a time before the patient was born: 422 R1.4', async () => {
    const p = await registerPatient(s, '1990-06-15');
    await refused(p, () => post(p, 'decisions', { ...physicianDecision, decidedAt: '1990-06-01T10:00:00+02:00' }), { status: 422, rule: 'R1.4' });
  });

  it('a time outside 1900–2200 is malformed: 400, also as ?at=', async () => {
    const p = await registerPatient(s);
    await refused(p, () => post(p, 'decisions', { ...physicianDecision, decidedAt: '1899-12-31T10:00:00+01:00' }), { status: 400, code: 'VALIDATION_FAILED' });
    expect((await s.call('GET', `/v1/patients/${p}/resuscitation-status?at=0001-01-01T00:00:00Z`)).status).toBe(400);
  });
});

describe('R4.3a illnessSituation.diagnoses', () => {
  const refusal = (illnessSituation: object) => ({ basis: 'patient', decidedAt: '2026-03-01T10:00:00+01:00', illnessSituation });

  it('with SKS codes: 201, kept in the record', async () => {
    const p = await registerPatient(s);
    expect((await post(p, 'decisions', refusal({ id: 'lc', description: 'Lungecancer', diagnoses: ['DC349'] }))).status).toBe(201);
    const events = (await s.call('GET', `/v1/patients/${p}/events`)).body;
    expect(events[1].data.illnessSituation.diagnoses).toEqual(['DC349']);
  });

  it('a malformed code: 400', async () => {
    const p = await registerPatient(s);
    await refused(p, () => post(p, 'decisions', refusal({ id: 'x', description: 'Lungecancer', diagnoses: ['C34.9'] })), { status: 400, code: 'VALIDATION_FAILED' });
  });

  it('frailty of old age alone: 422 R4.3', async () => {
    const p = await registerPatient(s);
    await refused(p, () => post(p, 'decisions', refusal({ id: 'x', description: 'Alderdomssvækkelse', diagnoses: ['DR54'] })), { status: 422, rule: 'R4.3' });
  });
});

describe('R4.7 and R4.6', () => {
  it('no patient refusal after permanent incompetence was assessed: 422 R4.7', async () => {
    const p = await registerPatient(s);
    expect((await post(p, 'testament-activations', activation)).status).toBe(201);
    await refused(p, () => post(p, 'decisions', { basis: 'patient', decidedAt: '2026-03-05T10:00:00+01:00', illnessSituation: { id: 'p', description: 'Lungebetændelse' } }), { status: 422, rule: 'R4.7' });
  });

  it('R4.6/R2.2 relatives can never refuse on the patient\'s behalf: a relative\'s token is refused', async () => {
    const p = await registerPatient(s);
    await refused(p, () => post(p, 'decisions', { basis: 'patient', decidedAt: '2026-03-05T10:00:00+01:00', illnessSituation: { id: 'p', description: 'Demens' } }, 'relative'), { status: 403, rule: 'R2.2' });
  });
});

describe('R6.6 POST …/will-lookups', () => {
  it('201, shown in the status, citable by an activation', async () => {
    const p = await registerPatient(s);
    const lookup = await post(p, 'will-lookups', foundWill, 'nurse');
    expect(lookup).toMatchObject({ status: 201, body: { eventId: expect.any(String), version: 2 } });
    const status = (await s.call('GET', `/v1/patients/${p}/resuscitation-status`, { role: 'paramedic' })).body;
    expect(status.willLookup).toMatchObject({ result: 'found', kind: 'behandlingstestamente', lookedUpBy: { role: 'nurse' } });
    const lookupId = status.willLookup.lookupId;
    expect((await post(p, 'testament-activations', { ...activation, lookupId })).status).toBe(201);
    const after = (await s.call('GET', `/v1/patients/${p}/resuscitation-status`)).body;
    expect(after).toMatchObject({ status: 'DNACPR', basis: 'testament', instruments: [{ kind: 'testament', lookupId }] });
  });

  it.each([
    ['found without a kind', { at: '2026-03-02T10:00:00+01:00', result: 'found' }],
    ['not found with a kind', { at: '2026-03-02T10:00:00+01:00', result: 'not_found', kind: 'livstestamente' }],
    ['an unknown field', { ...foundWill, cpr: '0101501234' }],
  ])('%s: 400', async (_what, body) => {
    const p = await registerPatient(s);
    await refused(p, () => post(p, 'will-lookups', body, 'nurse'), { status: 400, code: 'VALIDATION_FAILED' });
  });

  it.each(['paramedic', 'care_worker'])('%s: 403 R6.6', async (role) => {
    const p = await registerPatient(s);
    await refused(p, () => post(p, 'will-lookups', foundWill, role), { status: 403, rule: 'R6.6' });
  });

  it('R1.4 a look-up stated 2 minutes ahead: 201; an hour ahead: 422 R1.4', async () => {
    const p = await registerPatient(s);
    expect((await post(p, 'will-lookups', { ...foundWill, at: ahead(2) }, 'nurse')).status).toBe(201);
    await refused(p, () => post(p, 'will-lookups', { ...foundWill, at: ahead(60) }, 'nurse'), { status: 422, rule: 'R1.4' });
  });

  it('a caller-supplied lookupId that is not a UUID: 400, on the look-up and on an activation citing it', async () => {
    const p = await registerPatient(s);
    await refused(p, () => post(p, 'will-lookups', { ...foundWill, lookupId: NOT_A_UUID }, 'nurse'), { status: 400, code: 'VALIDATION_FAILED' });
    await refused(p, () => post(p, 'testament-activations', { ...activation, lookupId: NOT_A_UUID }), { status: 400, code: 'VALIDATION_FAILED' });
  });

  it('an activation citing a look-up that found nothing: 422 R6.6', async () => {
    const p = await registerPatient(s);
    const lookupId = '7d1d5c0e-9a55-4c3e-8f1a-2b7e7b2d6a11';
    expect((await post(p, 'will-lookups', { lookupId, at: '2026-03-02T10:00:00+01:00', result: 'not_found' }, 'physician')).status).toBe(201);
    await refused(p, () => post(p, 'testament-activations', { ...activation, lookupId }), { status: 422, rule: 'R6.6' });
  });

  it('R6.1a an activation for a 16-year-old: 422 R6.1', async () => {
    const p = await registerPatient(s, '2010-01-01');
    await refused(p, () => post(p, 'testament-activations', activation), { status: 422, rule: 'R6.1' });
  });
});

describe('R6.7 withdrawing a will activation, R6.8 re-assessing it', () => {
  it('the activation id answers as decisionId; a physician withdraws it: 201, attempt CPR', async () => {
    const p = await registerPatient(s);
    expect((await post(p, 'testament-activations', activation)).status).toBe(201);
    const id = (await s.call('GET', `/v1/patients/${p}/resuscitation-status`)).body.decision.decisionId;
    await refused(p, () => post(p, `decisions/${id}/revisions`, { action: 'withdraw', reason: 'Tilbagekaldt på sundhed.dk', revisedAt: '2026-03-05T10:00:00+01:00' }, 'nurse'), { status: 403, rule: 'R6.7' });
    expect((await post(p, `decisions/${id}/revisions`, { action: 'withdraw', reason: 'Tilbagekaldt på sundhed.dk', revisedAt: '2026-03-05T10:00:00+01:00' })).status).toBe(201);
    expect((await s.call('GET', `/v1/patients/${p}/resuscitation-status`)).body).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN', instruments: [{ id, state: 'withdrawn', rule: 'R6.7' }] });
  });

  const withdrawal = { action: 'withdraw', reason: 'Tilbagekaldt på sundhed.dk', revisedAt: '2026-03-05T10:00:00+01:00' };
  const activated = async (p: string) => {
    expect((await post(p, 'testament-activations', activation)).status).toBe(201);
    return (await s.call('GET', `/v1/patients/${p}/resuscitation-status`)).body.decision.decisionId as string;
  };

  it('a caller-supplied activationId: 201, and it is the instrument\'s decisionId, by which the activation is withdrawn', async () => {
    const p = await registerPatient(s);
    const activationId = '3f0c2a8e-6b1d-4c59-9e7a-0d4b5c6a7e81';
    expect((await post(p, 'testament-activations', { ...activation, activationId })).status).toBe(201);
    const status = (await s.call('GET', `/v1/patients/${p}/resuscitation-status`)).body;
    expect(status).toMatchObject({ status: 'DNACPR', basis: 'testament', decision: { decisionId: activationId }, instruments: [{ kind: 'testament', id: activationId, state: 'in_force' }] });
    expect((await post(p, `decisions/${activationId}/revisions`, withdrawal)).status).toBe(201);
    expect((await s.call('GET', `/v1/patients/${p}/resuscitation-status`)).body).toMatchObject({ status: 'ATTEMPT_CPR', instruments: [{ id: activationId, state: 'withdrawn', rule: 'R6.7' }] });
  });

  it('an activationId that is not a UUID: 400, in the body and in the revisions path', async () => {
    const p = await registerPatient(s);
    await refused(p, () => post(p, 'testament-activations', { ...activation, activationId: NOT_A_UUID }), { status: 400, code: 'VALIDATION_FAILED' });
    await activated(p);
    await refused(p, () => post(p, `decisions/${NOT_A_UUID}/revisions`, withdrawal), { status: 400, code: 'VALIDATION_FAILED' });
  });

  it('a second withdrawal of the activation: 422 R6.7; confirm_in_writing on an activation: 422 R6.7', async () => {
    const p = await registerPatient(s);
    const id = await activated(p);
    await refused(p, () => post(p, `decisions/${id}/revisions`, { action: 'confirm_in_writing', reason: 'Skriftlig opfølgning', revisedAt: '2026-03-04T10:00:00+01:00' }), { status: 422, rule: 'R6.7' });
    expect((await post(p, `decisions/${id}/revisions`, withdrawal)).status).toBe(201);
    await refused(p, () => post(p, `decisions/${id}/revisions`, { ...withdrawal, revisedAt: '2026-03-06T10:00:00+01:00' }), { status: 422, rule: 'R6.7' });
  });

  it('a nurse may neither re-assess (403 R6.8) nor withdraw (403 R6.7) an activation', async () => {
    const p = await registerPatient(s);
    const id = await activated(p);
    await refused(p, () => post(p, `decisions/${id}/revisions`, { action: 'reaffirm', reason: 'Fortsat varigt inhabil', revisedAt: '2026-03-04T10:00:00+01:00' }, 'nurse'), { status: 403, rule: 'R6.8' });
    await refused(p, () => post(p, `decisions/${id}/revisions`, withdrawal, 'nurse'), { status: 403, rule: 'R6.7' });
  });

  it('after an improvement the will is flagged REEVALUATION_REQUIRED (R6.8) until the physician re-assesses it', async () => {
    const p = await registerPatient(s);
    await post(p, 'testament-activations', activation);
    await post(p, 'condition-improvements', { at: '2026-03-10T10:00:00+01:00', dischargeable: false }, 'nurse');
    const flagged = (await s.call('GET', `/v1/patients/${p}/resuscitation-status`)).body;
    expect(flagged.flags).toContainEqual(expect.objectContaining({ code: 'REEVALUATION_REQUIRED', rule: 'R6.8' }));
    expect((await post(p, `decisions/${flagged.decision.decisionId}/revisions`, { action: 'reaffirm', reason: 'Fortsat varigt inhabil', revisedAt: '2026-03-11T10:00:00+01:00' })).status).toBe(201);
    expect((await s.call('GET', `/v1/patients/${p}/resuscitation-status`)).body.flags).toEqual([]);
  });
});

describe('R5.5 declare_invalid on a registered refusal', () => {
  const invalid = { action: 'declare_invalid', reason: 'Ugyldig registrering', revisedAt: '2026-03-10T10:00:00+01:00', assessment: 'Varigt inhabil ved registreringen (demens)', reportedToStps: { at: '2026-03-10', reference: 'STPS-17' } };

  async function registered() {
    const p = await registerPatient(s);
    const r = await post(p, 'decisions', { basis: 'register', decidedAt: '2026-03-01T10:00:00+01:00', registeredAt: '2025-02-01' }, 'nurse');
    const decisionId = (await s.call('GET', `/v1/patients/${p}/events`)).body[1].data.decisionId;
    expect(r.status).toBe(201);
    return { p, decisionId };
  }

  it('a nurse: 201; attempt CPR with the assessment and the report shown', async () => {
    const { p, decisionId } = await registered();
    expect((await post(p, `decisions/${decisionId}/revisions`, invalid, 'nurse')).status).toBe(201);
    const status = (await s.call('GET', `/v1/patients/${p}/resuscitation-status`)).body;
    expect(status).toMatchObject({ status: 'ATTEMPT_CPR', instruments: [{ state: 'withdrawn', rule: 'R5.5', declaredInvalid: { reportedToStps: { reference: 'STPS-17' } } }] });
  });

  it.each([
    ['without the assessment', { ...invalid, assessment: undefined }],
    ['without the report for a permanently incompetent citizen', { ...invalid, reportedToStps: undefined }],
    ['with an assessment on a withdrawal', { action: 'withdraw', reason: 'x', revisedAt: '2026-03-10T10:00:00+01:00', assessment: 'x' }],
  ])('%s: 400', async (_what, body) => {
    const { p, decisionId } = await registered();
    await refused(p, () => post(p, `decisions/${decisionId}/revisions`, JSON.parse(JSON.stringify(body)), 'nurse'), { status: 400, code: 'VALIDATION_FAILED' });
  });

  it('a temporarily incompetent citizen needs no report (the guidance owes it for permanent incompetence): 201', async () => {
    const { p, decisionId } = await registered();
    expect((await post(p, `decisions/${decisionId}/revisions`, { ...invalid, incompetence: 'temporary', reportedToStps: undefined }, 'physician')).status).toBe(201);
  });

  it('a paramedic: 403 R5.5; on a physician decision: 422 R5.5', async () => {
    const { p, decisionId } = await registered();
    await refused(p, () => post(p, `decisions/${decisionId}/revisions`, invalid, 'paramedic'), { status: 403, rule: 'R5.5' });
    await post(p, 'decisions', physicianDecision);
    const physicianId = (await s.call('GET', `/v1/patients/${p}/events`)).body[2].data.decisionId;
    await refused(p, () => post(p, `decisions/${physicianId}/revisions`, invalid, 'nurse'), { status: 422, rule: 'R5.5' });
  });
});

describe('R5.3b and R7.2a', () => {
  it('a wish for CPR while a physician decision stands: DNACPR flagged PATIENT_WISHES_CPR', async () => {
    const p = await registerPatient(s);
    await post(p, 'decisions', physicianDecision);
    expect((await post(p, 'temporary-revocations', { instrument: 'register', illnessSituation: { id: 'p', description: 'Lungebetændelse' }, statedAt: '2026-03-05T10:00:00+01:00' }, 'care_worker')).status).toBe(201);
    const status = (await s.call('GET', `/v1/patients/${p}/resuscitation-status`)).body;
    expect(status).toMatchObject({ status: 'DNACPR', basis: 'physician' });
    expect(status.flags.map((f: any) => f.code)).toContain('PATIENT_WISHES_CPR');
  });

  it('a paramedic records an admission: 201; a discharge: 403', async () => {
    const p = await registerPatient(s);
    // The crew's token names the hospital's organisation (the suite's default): the admission goes to another hospital, not to the crew's own (R7.2a).
    const sites = { from: { sector: 'prehospital', sor: '111', ean: '5790000121526', name: 'Ambulance' }, to: { sector: 'hospital', sor: '265071000016019', ean: '5790000121526', name: 'Aarhus' } };
    expect((await post(p, 'handovers', { kind: 'admission', at: '2026-03-05T10:00:00+01:00', ...sites }, 'paramedic')).status).toBe(201);
    await refused(p, () => post(p, 'handovers', { kind: 'discharge', at: '2026-03-05T10:00:00+01:00', ...sites }, 'paramedic'), { status: 403, rule: 'R7.1' });
  });
});

describe('the OpenAPI document shows the new fields and errors', () => {
  it('will-lookups, diagnoses, declare_invalid, activationId and lookupId', async () => {
    const doc = (await s.call('GET', '/openapi.json', { token: null })).body;
    const bodyOf = (path: string) => doc.paths[path].post.requestBody.content['application/json'].schema;
    expect(bodyOf('/v1/patients/{patientId}/will-lookups').properties.result.enum).toEqual(['found', 'not_found']);
    expect(bodyOf('/v1/patients/{patientId}/decisions').properties.illnessSituation.properties.diagnoses.items.pattern).toBeDefined();
    expect(bodyOf('/v1/patients/{patientId}/decisions/{decisionId}/revisions').properties.action.enum).toContain('declare_invalid');
    expect(Object.keys(bodyOf('/v1/patients/{patientId}/testament-activations').properties)).toEqual(expect.arrayContaining(['activationId', 'lookupId']));
    expect(doc.paths['/v1/patients/{patientId}/will-lookups'].post.responses).toHaveProperty('422');
  });
});
