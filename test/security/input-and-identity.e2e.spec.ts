/**
 * Security regression, issue 13 items 8 and 9, and the malformed-input classes that held:
 * stated times bounded, names that cannot impersonate another, CPRs of the unborn refused,
 * registration that does not tell who was known, and errors that never echo a CPR.
 */
import { connect } from 'node:net';
import { freshCpr, mintToken, registerPatient, Service, startService } from '../support/service';

let s: Service;
beforeAll(async () => { s = await startService(); });
afterAll(async () => { await s.close(); });

const register = (cpr: string, name: string, role = 'care_worker') => s.call('POST', '/v1/patients', { role, body: { cpr, name } });

describe('8 input: times, names and CPRs', () => {
  it('?at and ?knownAt outside 1900-01-01 … 2200-01-01: 400, never a rendering of year 1', async () => {
    const p = await registerPatient(s);
    for (const q of ['at=0001-01-01T00:00:00Z', 'knownAt=9999-12-31T00:00:00Z', 'at=1899-12-31T23:00:00Z']) {
      const r = await s.call('GET', `/v1/patients/${p}/resuscitation-status?${q}`);
      expect({ q, status: r.status, code: r.body.code }).toEqual({ q, status: 400, code: 'VALIDATION_FAILED' });
    }
    // A refused read is no read: the audit trail is still empty.
    expect((await s.call('GET', `/v1/patients/${p}/lookups`, { role: 'physician' })).body).toEqual([]);
  });

  it('a stated time in a body before 1900-01-01 or after 2200-01-01: 400, nothing written', async () => {
    const p = await registerPatient(s);
    for (const decidedAt of ['1899-12-31T23:59:00+01:00', '2200-01-01T01:01:00+01:00']) {
      const r = await s.call('POST', `/v1/patients/${p}/decisions`, { role: 'physician', body: { basis: 'physician', decidedAt, grounds: ['irreversibly_dying'] } });
      expect({ decidedAt, status: r.status, code: r.body.code }).toEqual({ decidedAt, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await s.call('GET', `/v1/patients/${p}/events`, { role: 'physician' })).body.map((e: { type: string }) => e.type)).toEqual(['PatientRegistered']);
  });

  it.each([
    ['blank', '   '],
    ['zero-width only', '\u200B\u200C\u200D\uFEFF'],
    ['a bidi override', 'Karen \u202EnesneJ'],
    ['a NUL', 'Karen\u0000Jensen'],
    ['a line feed', 'Karen\nJensen'],
    ['201 characters', 'K'.repeat(201)],
  ])('a name that is %s: 400, nothing registered', async (_what, name) => {
    const cpr = freshCpr();
    expect((await register(cpr, name)).body.code).toBe('VALIDATION_FAILED');
    // Nothing was written: registering properly now finds no earlier name to differ from.
    expect((await register(cpr, 'Karen Jensen')).body).not.toHaveProperty('nameDiffers');
  });

  it('a CPR whose birth date lies in the future: 400, and the answer does not quote it', async () => {
    const next = new Date(Date.now() + 40 * 86_400_000);
    const dd = String(next.getUTCDate()).padStart(2, '0');
    const mm = String(next.getUTCMonth() + 1).padStart(2, '0');
    const yy = String(next.getUTCFullYear()).slice(2);
    const cpr = `${dd}${mm}${yy}4123`;
    const r = await register(cpr, 'Ufødt');
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(r.body)).not.toContain(`${dd}${mm}${yy}`);
  });
});

describe('9 identity and existence (R2.1)', () => {
  it('registration answers the same for a new and a known CPR', async () => {
    const cpr = freshCpr();
    const first = await register(cpr, 'Karen Jensen');
    const again = await register(cpr, 'Karen Jensen', 'paramedic');
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
  });

  it('a known CPR under another name: 200 with nameDiffers, nothing overwritten', async () => {
    const cpr = freshCpr();
    const { body } = await register(cpr, 'Karen Jensen');
    expect((await register(cpr, 'karen  JENSEN')).body).toEqual({ patientId: body.patientId }); // the same name, as a person reads it
    expect((await register(cpr, 'Kirsten Jensen')).body).toEqual({ patientId: body.patientId, nameDiffers: true });
    const events = (await s.call('GET', `/v1/patients/${body.patientId}/events`)).body;
    expect(events).toHaveLength(1);
    expect(events[0].data.name).toBe('Karen Jensen');
  });

  it('GET …/events is for physicians and nurses only', async () => {
    const p = await registerPatient(s);
    for (const role of ['paramedic', 'care_worker']) expect((await s.call('GET', `/v1/patients/${p}/events`, { role })).status).toBe(403);
  });

  it('errors never echo caller-supplied keys or values that could hold a CPR', async () => {
    const cpr = freshCpr();
    const dashed = `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
    const answers = [
      await s.call('POST', '/v1/patients', { body: { cpr: 'x', name: 'A', [cpr]: 1 } }),
      await s.call('POST', '/v1/patients', { body: { cpr: 'x', name: 'A', [`note ${dashed}`]: 1 } }),
      await s.call('POST', '/v1/patients', { body: { cpr: `${cpr}0`, name: 'A' } }),
      await s.call('GET', `/v1/patients/${cpr}/resuscitation-status`),
      await s.call('GET', `/v1/outbox?${cpr}=1`),
      await s.call('GET', `/v1/patients/${'a'.repeat(32)}/resuscitation-status?${dashed}=x`),
    ];
    for (const a of answers) {
      expect(a.status).toBeGreaterThanOrEqual(400);
      const text = JSON.stringify(a.body);
      expect(text).not.toContain(cpr);
      expect(text).not.toContain(dashed);
      expect(text).not.toContain(cpr.slice(0, 6));
    }
  });
  it('an unknown key with digits or separators is never named, a role claim never quoted (review of the HTTP edge)', async () => {
    const cpr = freshCpr();
    const [dd, mm, yy, tail] = [cpr.slice(0, 2), cpr.slice(2, 4), cpr.slice(4, 6), cpr.slice(6)];
    const answers = [
      await s.call('POST', '/v1/patients', { body: { cpr: freshCpr(), name: 'A', [`x${dd}-${mm}-${yy}-${tail}`]: 1 } }),
      await s.call('POST', '/v1/patients', { body: { cpr: freshCpr(), name: 'A', [`x${dd}${mm}${yy}_${tail}`]: 1 } }),
      await s.call('POST', '/v1/patients', { body: { cpr: freshCpr(), name: 'A', [`${dd}.${mm}.${yy}`]: 1, [`n${tail}`]: 2 } }),
      await s.call('GET', '/v1/outbox', { token: await mintToken(`pårørende ${dd}-${mm}-${yy}-${tail} / ${dd}${mm}${yy}/${tail}`) }),
    ];
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([[400, 'VALIDATION_FAILED'], [400, 'VALIDATION_FAILED'], [400, 'VALIDATION_FAILED'], [403, 'ROLE_NOT_ALLOWED']]);
    for (const a of answers) {
      const text = JSON.stringify(a.body);
      for (const part of [`${dd}-${mm}`, `${dd}${mm}${yy}`, `${dd}.${mm}`, tail, 'pårørende']) expect(text).not.toContain(part);
    }
    // A key that looks like a field name is still named, so a caller can fix a typo.
    expect((await s.call('POST', '/v1/patients', { body: { cpr: freshCpr(), name: 'A', nmae: 1 } })).body.errors).toEqual([{ path: 'body', message: 'unknown field: nmae' }]);
  });
});

describe('errors that Fastify and Node give before any route are problems too, and quote nothing (review of the HTTP edge)', () => {
  /** What the service writes back to `request`, sent as raw bytes (fetch would refuse to send them). */
  const rawAnswer = (request: string) => new Promise<string>((resolve) => {
    const { hostname, port } = new URL(s.url);
    let text = '';
    const socket = connect(Number(port), hostname, () => socket.write(request));
    socket.on('data', (d) => { text += String(d); });
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
  const expectNoCpr = (text: string, cpr: string) => {
    for (const shape of [cpr, cpr.slice(0, 6), cpr.slice(6)]) expect(text).not.toContain(shape);
  };

  it.each([
    ['a broken percent-encoding in a patient path', (c: string) => `/v1/patients/${c.slice(0, 6)}-${c.slice(6)}%E0%A4%A/events`, 400, 'VALIDATION_FAILED'],
    ['a broken percent-encoding in a SOR', (c: string) => `/v1/sites/${c}%ff`, 400, 'VALIDATION_FAILED'],
    ['a broken percent-encoding in a message id', (c: string) => `/v1/outbox/${c}%ff/acknowledgements`, 400, 'VALIDATION_FAILED'],
    ['a path parameter over 100 characters', (c: string) => `/v1/patients/${c.slice(0, 6)}-${c.slice(6)}${'a'.repeat(120)}/events`, 414, 'URI_TOO_LONG'],
  ])('%s: problem+json without a token, the URL not quoted', async (_what, path, status, code) => {
    const cpr = freshCpr();
    const r = await s.call('GET', path(cpr), { token: null });
    expect({ status: r.status, contentType: r.contentType, code: r.body?.code }).toEqual({ status, contentType: 'application/problem+json; charset=utf-8', code });
    expect(Object.keys(r.body).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
    expectNoCpr(JSON.stringify(r.body), cpr);
    // These answers are written outside Fastify's hooks: the headers every answer carries are set there too.
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['malformed HTTP (a header line without a colon)', (c: string) => `GET /v1/patients/${c} HTTP/1.1\r\nHost: x\r\n${c}\r\n\r\n`, 400, 'VALIDATION_FAILED'],
    ['headers over 16 KiB', (c: string) => `GET /v1/patients/${c} HTTP/1.1\r\nHost: x\r\nx-note: ${c} ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
  ])('%s: problem+json, nothing quoted', async (_what, request, status, code) => {
    const cpr = freshCpr();
    const answer = await rawAnswer(request(cpr));
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status, code });
    expectNoCpr(answer, cpr);
  });
});

describe('classes that held: oversized and malformed bodies', () => {
  it('over 64 KiB: 413; malformed JSON: 400; text, a form or XML: 415 — never a 5xx, nothing written', async () => {
    const p = await registerPatient(s);
    const before = (await s.call('GET', `/v1/patients/${p}/events`)).body.length;
    expect((await s.call('POST', `/v1/patients/${p}/decisions`, { rawBody: `{"note":"${'x'.repeat(70 * 1024)}"}` })).status).toBe(413);
    expect((await s.call('POST', `/v1/patients/${p}/decisions`, { rawBody: '{"basis":' })).status).toBe(400);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const r = await s.call('POST', `/v1/patients/${p}/decisions`, { rawBody: 'basis=physician', headers: { 'content-type': type } });
      expect(r.status).toBe(415);
      expect(r.contentType).toMatch(/application\/problem\+json/);
    }
    expect((await s.call('GET', `/v1/patients/${p}/events`)).body.length).toBe(before);
  });

  it('a form-encoded or text body is 415 on every write, registers and writes nothing (review of the HTTP edge)', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const text = { 'content-type': 'text/plain;charset=UTF-8' };
    const cpr = freshCpr();
    const p = await registerPatient(s);
    const answers = [
      await s.call('POST', '/v1/patients', { rawBody: `cpr=${cpr}&name=Form Person`, headers: form }),
      await s.call('POST', '/v1/patients', { rawBody: JSON.stringify({ cpr, name: 'Text Person' }), headers: text }),
      await s.call('POST', `/v1/patients/${p}/will-lookups`, { role: 'nurse', rawBody: 'at=2026-03-02T10:00:00%2B01:00&result=not_found', headers: form }),
      await s.call('POST', `/v1/patients/${p}/will-lookups`, { role: 'nurse', rawBody: JSON.stringify({ at: '2026-03-02T10:00:00+01:00', result: 'not_found' }), headers: text }),
      await s.call('PUT', '/v1/sites/5555', { role: 'nurse', rawBody: 'sector=municipality&ean=5790001348120&name=Form', headers: form }),
    ];
    for (const a of answers) {
      expect({ status: a.status, contentType: a.contentType, code: a.body?.code }).toEqual({ status: 415, contentType: 'application/problem+json; charset=utf-8', code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    // Nothing registered: the CPR is new to the service, so a registration under another name differs from nothing.
    expect((await s.call('POST', '/v1/patients', { body: { cpr, name: 'Karen Jensen' } })).body).not.toHaveProperty('nameDiffers');
    expect((await s.call('GET', `/v1/patients/${p}/events`)).body).toHaveLength(1);
    expect((await s.call('GET', '/v1/sites/5555')).status).not.toBe(200);
  });
});
