/**
 * POST /v1/patients/status-lookups: the status by CPR in the body (the console's crew card).
 * A read: answered and audited exactly like GET …/resuscitation-status, never a registration.
 */
import { Pseudonymizer } from '../apps/api/src/patients/pseudonym';
import { freshCpr, Service, startService } from './support/service';

let s: Service;
beforeAll(async () => { s = await startService(); });
afterAll(async () => { await s.close(); });

const decidedAt = '2026-03-01T10:00:00+01:00';
const lookUp = (body: unknown, options: { role?: string; token?: string | null } = {}) => s.call('POST', '/v1/patients/status-lookups', { body, role: options.role ?? 'paramedic', token: options.token });
const trailOf = async (patientId: string) => (await s.call('GET', `/v1/patients/${patientId}/lookups`)).body as unknown[];
const eventsOf = async (patientId: string) => (await s.call('GET', `/v1/patients/${patientId}/events`)).body as unknown[];

async function patientWithPhysicianDecision(name: string): Promise<{ cpr: string; patientId: string }> {
  const cpr = freshCpr();
  const { body } = await s.call('POST', '/v1/patients', { body: { cpr, name }, role: 'nurse' });
  const made = await s.call('POST', `/v1/patients/${body.patientId}/decisions`, { body: { basis: 'physician', decidedAt, grounds: ['irreversibly_dying'] } });
  expect(made.status).toBe(201);
  return { cpr, patientId: body.patientId };
}

describe('200: the recorded name and the same answer as GET …/resuscitation-status', () => {
  it('answers the patientId, the name recorded at registration and the status, for either CPR spelling', async () => {
    const { cpr, patientId } = await patientWithPhysicianDecision('Karen Jensen');
    const at = '2026-06-01T12:00:00+02:00';
    const byGet = await s.call('GET', `/v1/patients/${patientId}/resuscitation-status?at=${encodeURIComponent(at)}`, { role: 'paramedic' });
    const byCpr = await lookUp({ cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}`, at });
    expect(byCpr.status).toBe(200);
    expect(byCpr.body).toMatchObject({ patientId, name: 'Karen Jensen', status: { status: 'DNACPR', basis: 'physician' } });
    const { knownAt: _a, ...viaGet } = byGet.body;
    const { knownAt: _b, ...viaCpr } = byCpr.body.status;
    expect(viaCpr).toEqual(viaGet);
  });

  it('writes nothing but the audit line, which reads like a GET lookup', async () => {
    const { cpr, patientId } = await patientWithPhysicianDecision('Ole Hansen');
    const eventsBefore = await eventsOf(patientId);
    const trailBefore = await trailOf(patientId);
    expect((await lookUp({ cpr }, { role: 'care_worker' })).status).toBe(200);
    expect(await eventsOf(patientId)).toEqual(eventsBefore);
    const trail = await trailOf(patientId);
    expect(trail).toHaveLength(trailBefore.length + 1);
    expect(trail[0]).toMatchObject({ by: { role: 'care_worker' }, status: 'DNACPR', version: 2 });
  });

  it('a registered patient with no refusal answers ATTEMPT_CPR with its reason', async () => {
    const cpr = freshCpr();
    await s.call('POST', '/v1/patients', { body: { cpr, name: 'Bo Nielsen' }, role: 'nurse' });
    expect(await lookUp({ cpr })).toMatchObject({ status: 200, body: { name: 'Bo Nielsen', status: { status: 'ATTEMPT_CPR', reason: 'NO_PRIOR_DECISION' } } });
  });
});

describe('refusals', () => {
  it.each([
    ['an impossible birth date', { cpr: '3102501234' }],
    ['too few digits', { cpr: '010150123' }],
    ['an unknown field', { cpr: '0101501234', name: 'x' }],
    ['no cpr', {}],
    ['a time without offset', { cpr: '0101501234', at: '2026-03-01T10:00:00' }],
  ])('400 VALIDATION_FAILED for %s, never echoing the number', async (_what, body) => {
    const r = await lookUp(body);
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const cpr = (body as { cpr?: string }).cpr;
    if (cpr) expect(JSON.stringify(r.body)).not.toContain(cpr.slice(0, 6));
  });

  it('401 without a token', async () =>
    expect(await lookUp({ cpr: freshCpr() }, { token: null })).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } }));

  it('404 NOT_FOUND for a CPR never registered: the text says nothing is recorded and never echoes it, and the patient is not registered', async () => {
    const cpr = freshCpr('1950-05-17');
    const r = await lookUp({ cpr });
    expect(r).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' }, contentType: expect.stringMatching(/application\/problem\+json/) });
    expect(JSON.stringify(r.body)).not.toMatch(/170550/);
    const patientId = s.app.get(Pseudonymizer).patientIdOf(cpr);
    expect((await s.call('GET', `/v1/patients/${patientId}/events`)).status).toBe(404);
    expect((await s.call('GET', `/v1/patients/${patientId}/lookups`)).status).toBe(404);
  });
});

describe('a read, not a write', () => {
  it('is never held back by the write budget', async () => {
    const limited = await startService({ WRITE_RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const cpr = freshCpr();
      expect((await limited.call('POST', '/v1/patients', { body: { cpr, name: 'Karen Jensen' }, role: 'nurse' })).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await limited.call('POST', '/v1/patients/status-lookups', { body: { cpr }, role: 'nurse' })).status).toBe(200);
      expect((await limited.call('POST', '/v1/patients', { body: { cpr, name: 'Karen Jensen' }, role: 'nurse' })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await s.call('GET', '/openapi.json', { token: null })).body;
    expect(doc.paths['/v1/patients/status-lookups'].post.requestBody.content['application/json'].schema).toMatchObject({ required: ['cpr'], additionalProperties: false });
  });
});
