/** api.md end to end: real HTTP, real SQLite. Every endpoint, every error code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshCpr, GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService } from './support/service';
import { SHARED } from './support/shared';

let s: Service;
beforeAll(async () => { s = await startService(); });
afterAll(async () => { await s.close(); });

const physicianDecision = { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] };
const eventsOf = async (patientId: string) => (await s.call('GET', `/v1/patients/${patientId}/events`)).body as Array<{ type: string; version: number }>;

describe('public endpoints', () => {
  it('GET /health answers 200 {"status":"ok"} without a token', async () =>
    expect(await s.call('GET', '/health', { token: null })).toMatchObject({ status: 200, body: { status: 'ok' } }));

  it('GET /openapi.json publishes every endpoint api.md names, with its method', async () => {
    const r = await s.call('GET', '/openapi.json', { token: null });
    expect(r.status).toBe(200);
    // Read from the contract itself, so an endpoint added there and not here fails (the status feed once did).
    const named = [...readFileSync(join(SHARED, 'spec/api.md'), 'utf8').matchAll(/`(GET|POST|PUT) (\/v1\/[^`?\[]*)/g)].map(([, method, path]) => `${method.toLowerCase()} ${path}`);
    expect(new Set(named).size).toBeGreaterThanOrEqual(16);
    const published = Object.entries(r.body.paths as Record<string, object>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    expect(published).toEqual(expect.arrayContaining([...new Set(named)]));
    expect(r.body.paths['/v1/patients/{patientId}/decisions'].post.requestBody.content['application/json'].schema.properties.basis.enum).toEqual(['physician', 'patient', 'register']);
  });

  it('GET /docs is Swagger UI on /openapi.json, every file from this origin (the browser suite renders it)', async () => {
    const r = await s.call('GET', '/docs', { token: null });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/text\/html/);
    const sources = [...String(r.body).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui.css', '/docs/swagger-initializer.js']));
    for (const source of sources) expect((await s.call('GET', source, { token: null })).status).toBe(200);
    expect((await s.call('GET', '/docs/swagger-initializer.js', { token: null })).body).toContain("url: '/openapi.json'");
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
  });

  it('GET /docs/assets serves the viewer, not the rest of its package', async () =>
    expect((await s.call('GET', '/docs/assets/index.html', { token: null })).status).toBe(404));

  it('an unknown route is a 404 problem', async () =>
    expect(await s.call('GET', '/v2/nothing')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' }, contentType: expect.stringMatching(/application\/problem\+json/) }));
});

describe('authentication (401) and roles (403)', () => {
  it.each([
    ['missing', null],
    ['malformed', 'not-a-jwt'],
  ])('%s token: 401 UNAUTHENTICATED', async (_what, token) =>
    expect(await s.call('GET', '/v1/patients/0123456789abcdef0123456789abcdef/events', { token })).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } }));

  it('wrongly signed: 401', async () =>
    expect((await s.call('POST', '/v1/patients', { token: await mintToken('nurse', {}, 'another-secret-0123456789-0123456789-xx'), body: { cpr: freshCpr(), name: 'A' } })).status).toBe(401));

  it('expired: 401', async () =>
    expect((await s.call('POST', '/v1/patients', { token: await mintToken('nurse', {}, undefined, '-1h'), body: { cpr: freshCpr(), name: 'A' } })).body.code).toBe('UNAUTHENTICATED'));

  it('claims missing org: 401', async () =>
    expect((await s.call('POST', '/v1/patients', { token: await mintToken('nurse', { org: undefined }), body: { cpr: freshCpr(), name: 'A' } })).status).toBe(401));

  it('R2.2 a relative can never record a refusal: role "relative" is refused', async () => {
    const patientId = await registerPatient(s);
    const r = await s.call('POST', `/v1/patients/${patientId}/decisions`, { role: 'relative', body: physicianDecision });
    expect(r).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED', rule: 'R2.2' } });
    expect(await eventsOf(patientId)).toHaveLength(1);
  });
});

describe('POST /v1/patients', () => {
  it('200 for a new CPR and 200 with the same pseudonym for a known one (either CPR spelling): the answer does not tell who was known', async () => {
    const cpr = freshCpr();
    const first = await s.call('POST', '/v1/patients', { body: { cpr, name: 'Karen Jensen' } });
    const again = await s.call('POST', '/v1/patients', { body: { cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}`, name: 'Karen Jensen' } });
    expect(first).toMatchObject({ status: 200, body: { patientId: expect.any(String) } });
    expect(again).toMatchObject({ status: 200, body: { patientId: first.body.patientId } });
    expect(Object.keys(first.body)).toEqual(Object.keys(again.body));
    expect(first.body.patientId).toMatch(/^[0-9a-f]{32}$/);
    expect(first.body.patientId).not.toContain(cpr);
  });

  it.each([
    ['an impossible date', { cpr: '3102501234', name: 'A' }],
    ['too few digits', { cpr: '010150123', name: 'A' }],
    ['an unknown field', { cpr: '0101501234', name: 'A', extra: 1 }],
    ['no name', { cpr: '0101501234' }],
  ])('400 VALIDATION_FAILED for %s', async (_what, body) =>
    expect(await s.call('POST', '/v1/patients', { body })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: expect.any(Array) } }));

  it('400 for malformed JSON and 413 PAYLOAD_TOO_LARGE over 64 KiB', async () => {
    expect((await s.call('POST', '/v1/patients', { rawBody: '{"cpr":' })).body.code).toBe('VALIDATION_FAILED');
    const big = await s.call('POST', '/v1/patients', { body: { cpr: '0101501234', name: 'x'.repeat(70 * 1024) } });
    expect(big).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});

describe('commands', () => {
  let patientId: string;
  beforeEach(async () => { patientId = await registerPatient(s); });
  const post = (path: string, body: unknown, role = 'physician', headers: Record<string, string> = {}) =>
    s.call('POST', `/v1/patients/${patientId}${path}`, { role, body, headers });

  it('every command appends one event and answers 201 { eventId, patientId, version }', async () => {
    const d = await post('/decisions', physicianDecision);
    expect(d).toMatchObject({ status: 201, body: { eventId: expect.any(String), patientId, version: 2 } });
    const decisionId = (await eventsOf(patientId))[1] as unknown as { data: { decisionId: string } };
    const steps: Array<[string, unknown, string]> = [
      ['/handovers', { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP }, 'nurse'],
      ['/temporary-revocations', { instrument: 'register', illnessSituation: { id: 's', description: 'd' }, statedAt: '2026-03-03T10:00:00+01:00' }, 'care_worker'],
      ['/testament-activations', { kind: 'behandlingstestamente', situation: 'irreversibly_dying', assessedAt: '2026-03-03T10:00:00+01:00', permanentlyIncompetent: true }, 'physician'],
      ['/condition-improvements', { at: '2026-03-04T10:00:00+01:00', dischargeable: false }, 'nurse'],
      [`/decisions/${decisionId.data.decisionId}/revisions`, { action: 'reaffirm', reason: 'vurderet', revisedAt: '2026-03-05T10:00:00+01:00' }, 'physician'],
    ];
    for (const [i, [path, body, role]] of steps.entries()) {
      expect(await post(path, body, role)).toMatchObject({ status: 201, body: { version: 3 + i } });
    }
    expect((await eventsOf(patientId)).map((e) => e.type)).toEqual([
      'PatientRegistered', 'DecisionMade', 'HandedOverTo', 'TemporarilyRevoked', 'TestamentActivated', 'ConditionImproved', 'Revised',
    ]);
  });

  it('the caller is recorded on the event', async () => {
    await post('/decisions', physicianDecision);
    const events = (await s.call('GET', `/v1/patients/${patientId}/events`)).body;
    expect(events[1]).toMatchObject({ recordedBy: { sub: 'sub-physician', name: 'Test physician', role: 'physician', org: '265071000016002' }, data: { basis: 'physician' } });
  });

  it.each([
    ['R3.1', { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: [] }, '1948-03-01'],
    ['R4.1', { basis: 'patient', decidedAt: '2026-03-01T10:00:00+01:00', illnessSituation: { id: 's', description: 'd' } }, '2012-01-01'],
    ['R4.1', { basis: 'patient', decidedAt: '2026-03-01T10:00:00+01:00', illnessSituation: { id: 's', description: 'd' } }, '2010-01-01'],
    ['R5.1', { basis: 'register', decidedAt: '2026-03-01T10:00:00+01:00', registeredAt: '2026-02-01' }, '1970-01-01'],
  ])('422 RULE_VIOLATION %s, nothing written', async (rule, body, birthDate) => {
    const young = await registerPatient(s, birthDate);
    const r = await s.call('POST', `/v1/patients/${young}/decisions`, { body });
    expect(r).toMatchObject({ status: 422, body: { code: 'RULE_VIOLATION', rule } });
    expect(await eventsOf(young)).toHaveLength(1);
  });

  it.each([
    ['R6.2', { kind: 'livstestamente', situation: 'severe_suffering' }],
    ['R6.3', { kind: 'behandlingstestamente', situation: 'irreversibly_dying', conditionalOnRelatives: true }],
    ['R6.3', { kind: 'livstestamente', situation: 'severe_disability', conditionalOnRelatives: true }],
  ])('testament activation 422 %s', async (rule, extra) =>
    expect(await post('/testament-activations', { assessedAt: '2026-03-03T10:00:00+01:00', permanentlyIncompetent: true, ...extra }))
      .toMatchObject({ status: 422, body: { rule } }));

  it('R6.4 testament revocation needs patientCompetent: true', async () =>
    expect(await post('/temporary-revocations', { instrument: 'testament', illnessSituation: { id: 's', description: 'd' }, statedAt: '2026-03-03T10:00:00+01:00' }, 'nurse'))
      .toMatchObject({ status: 422, body: { rule: 'R6.4' } }));

  it('R3.3 / R4.4 a withdrawn decision cannot be revised again', async () => {
    await post('/decisions', physicianDecision);
    const id = ((await eventsOf(patientId))[1] as unknown as { data: { decisionId: string } }).data.decisionId;
    const withdraw = { action: 'withdraw', reason: 'bedring', revisedAt: '2026-03-05T10:00:00+01:00' };
    expect((await post(`/decisions/${id}/revisions`, withdraw)).status).toBe(201);
    expect(await post(`/decisions/${id}/revisions`, withdraw)).toMatchObject({ status: 422, body: { rule: 'R3.3' } });
  });

  it('404 for an unknown patient and an unknown decision; 400 for a malformed id', async () => {
    expect((await s.call('POST', '/v1/patients/0123456789abcdef0123456789abcdef/decisions', { body: physicianDecision })).body.code).toBe('NOT_FOUND');
    expect((await post('/decisions/6f1b7b7e-3c1a-4d8e-9b1e-4a7c2f0d9e11/revisions', { action: 'withdraw', reason: 'x', revisedAt: '2026-03-05T10:00:00+01:00' })).status).toBe(404);
    expect((await s.call('POST', '/v1/patients/0101501234/decisions', { body: physicianDecision })).status).toBe(400);
  });

  it('400 for unknown fields, wrong types, missing fields, handover from = to', async () => {
    expect((await post('/decisions', { ...physicianDecision, surprise: true })).status).toBe(400);
    expect((await post('/decisions', { ...physicianDecision, decidedAt: 'yesterday' })).status).toBe(400);
    expect((await post('/condition-improvements', { at: '2026-03-04T10:00:00+01:00' }, 'nurse')).status).toBe(400);
    expect((await post('/handovers', { kind: 'transfer', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: HOSPITAL }, 'nurse')).status).toBe(400);
    expect((await post('/handovers', { kind: 'transfer', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: { ...NURSING_HOME, ean: '5790001348121' } }, 'nurse')).status).toBe(400);
    expect(await eventsOf(patientId)).toHaveLength(1);
  });

  it('If-Match: the current version appends; a stale one is 409 CONCURRENT_MODIFICATION', async () => {
    expect((await post('/decisions', physicianDecision, 'physician', { 'if-match': '1' })).status).toBe(201);
    expect(await post('/decisions', physicianDecision, 'physician', { 'if-match': '1' })).toMatchObject({ status: 409, body: { code: 'CONCURRENT_MODIFICATION' } });
    expect(await eventsOf(patientId)).toHaveLength(2);
  });

  it('Idempotency-Key: same body ⇒ same answer and nothing appended; different body ⇒ 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const headers = { 'idempotency-key': 'req-42' };
    const first = await post('/decisions', physicianDecision, 'physician', headers);
    const retry = await post('/decisions', physicianDecision, 'physician', headers);
    expect(retry).toEqual(first);
    const other = await post('/decisions', { ...physicianDecision, grounds: ['severe_suffering'] }, 'physician', headers);
    expect(other).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await eventsOf(patientId)).toHaveLength(2);
  });
});

describe('queries', () => {
  it('status now and bitemporal (at, knownAt); every read audited with who and what', async () => {
    const patientId = await registerPatient(s);
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await s.call('POST', `/v1/patients/${patientId}/decisions`, { body: physicianDecision });
    const now = await s.call('GET', `/v1/patients/${patientId}/resuscitation-status`, { role: 'paramedic' });
    expect(now.body).toMatchObject({ status: 'DNACPR', basis: 'physician', version: 2, statement: 'Ingen lægelig indikation for genoplivningsforsøg ved hjertestop' });
    const past = await s.call('GET', `/v1/patients/${patientId}/resuscitation-status?at=2026-02-01T10:00:00%2B01:00`, { role: 'nurse' });
    expect(past.body).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'NO_PRIOR_DECISION' });
    const known = await s.call('GET', `/v1/patients/${patientId}/resuscitation-status?knownAt=${encodeURIComponent(before)}`);
    expect(known.body).toMatchObject({ status: 'ATTEMPT_CPR', version: 1 });
    const lookups = await s.call('GET', `/v1/patients/${patientId}/lookups`);
    expect(lookups.body).toHaveLength(3);
    expect(lookups.body[0]).toMatchObject({ by: { role: 'physician', sub: 'sub-physician', org: '265071000016002', name: 'Test physician' }, status: 'ATTEMPT_CPR', version: 1 });
    expect(lookups.body[2]).toMatchObject({ by: { role: 'paramedic' }, status: 'DNACPR', version: 2 });
    expect((await s.call('GET', `/v1/patients/${patientId}/events`)).body).toHaveLength(2);
  });

  it('a long record (its status kept between lookups) answers as a short one does: now, at an earlier moment, as known earlier, and after a command grows it', async () => {
    const patientId = await registerPatient(s);
    expect((await s.call('POST', `/v1/patients/${patientId}/decisions`, { body: physicianDecision })).status).toBe(201);
    for (let n = 0; n < 60; n += 1) {
      expect((await s.call('POST', `/v1/patients/${patientId}/condition-improvements`, { role: 'nurse', body: { at: '2026-03-02T10:00:00+01:00', dischargeable: false } })).status).toBe(201);
    }
    expect((await s.call('GET', `/v1/patients/${patientId}/resuscitation-status`, { role: 'paramedic' })).body).toMatchObject({ status: 'DNACPR', version: 62 });
    const beforeWithdrawal = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const decisionId = (await s.call('GET', `/v1/patients/${patientId}/events`)).body[1].data.decisionId;
    const withdrawn = await s.call('POST', `/v1/patients/${patientId}/decisions/${decisionId}/revisions`, { body: { action: 'withdraw', reason: 'Patienten er i bedring', revisedAt: '2026-03-05T10:00:00+01:00' } });
    expect(withdrawn.status).toBe(201);
    const status = (query = '') => s.call('GET', `/v1/patients/${patientId}/resuscitation-status${query}`, { role: 'paramedic' }).then((r) => r.body);
    expect(await status()).toMatchObject({ status: 'ATTEMPT_CPR', reason: 'DECISION_WITHDRAWN', version: 63 });
    expect(await status('?at=2026-03-04T10:00:00%2B01:00')).toMatchObject({ status: 'DNACPR', version: 63 });
    expect(await status(`?knownAt=${encodeURIComponent(beforeWithdrawal)}`)).toMatchObject({ status: 'DNACPR', version: 62 });
  });

  it('400 for a malformed or unknown query parameter; 404 for an unknown patient', async () => {
    const patientId = await registerPatient(s);
    expect((await s.call('GET', `/v1/patients/${patientId}/resuscitation-status?at=tomorrow`)).status).toBe(400);
    expect((await s.call('GET', `/v1/patients/${patientId}/resuscitation-status?cpr=0101501234`)).status).toBe(400);
    expect((await s.call('GET', '/v1/patients/0123456789abcdef0123456789abcdef/resuscitation-status')).status).toBe(404);
    expect((await s.call('GET', `/v1/patients/${patientId}/lookups`)).body).toEqual([]);
  });
});
