/** Operating the service: metrics, liveness and readiness, security headers, write budget, request timeout, outbox placement. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@dnr/config';
import { EVENT_STORE, EventStore } from '@dnr/event-store';
import { createHttpApp } from '@dnr/http';
import { RelayAppModule } from '../apps/relay/src/relay-app.module';
import { callerFor } from './support/http';
import { freshCpr, GP, HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService, TEST_SECRET } from './support/service';

describe('GET /metrics, /health/live, /health/ready', () => {
  let s: Service;
  beforeAll(async () => { s = await startService({ RELAY: 'on' }); });
  afterAll(async () => { await s.close(); });

  it('report request latency per route, appends, lookups by answer, outbox states and relay lag — and no patient identifiers', async () => {
    const cpr = freshCpr();
    const registered = await s.call('POST', '/v1/patients', { body: { cpr, name: 'Karen Jensen' }, role: 'nurse' });
    const patientId = registered.body.patientId;
    await s.call('POST', `/v1/patients/${patientId}/decisions`, { body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] }, token: await mintToken('physician', { org: HOSPITAL.sor }) });
    await s.call('POST', `/v1/patients/${patientId}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP } });
    expect((await s.call('GET', `/v1/patients/${patientId}/resuscitation-status`, { role: 'paramedic' })).status).toBe(200);

    const metrics = await s.call('GET', '/metrics', { token: null });
    expect(metrics.status).toBe(200);
    const text = metrics.body as string;
    expect(text).toMatch(/dnr_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/patients\/:patientId\/resuscitation-status"[^}]*status="200"/);
    expect(text).toMatch(/dnr_events_appended_total\{stream="patient"\} [3-9]/);
    expect(text).toMatch(/dnr_events_appended_total\{stream="lookup"\} 1/);
    expect(text).toMatch(/dnr_status_lookups_total\{answer="DNACPR"\} 1/);
    expect(text).toMatch(/dnr_outbox_messages\{state="pending"\} \d+/);
    expect(text).toMatch(/dnr_relay_lag_events \d+/);
    expect(text).toMatch(/dnr_relay_lag_seconds [\d.e+-]+/);
    expect(text).not.toContain(patientId);
    expect(text).not.toContain(cpr.replace('-', ''));
  });

  it('liveness and readiness answer without a token', async () => {
    expect(await s.call('GET', '/health/live', { token: null })).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await s.call('GET', '/health/ready', { token: null })).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('readiness is 503 once the store is gone', async () => {
    const other = await startService();
    await other.app.get<symbol, EventStore>(EVENT_STORE).close();
    expect(await other.call('GET', '/health/ready', { token: null })).toMatchObject({ status: 503, body: { status: 'unavailable' } });
    await other.close();
  });

  it('every answer, success or problem, carries the security headers and is never cached', async () => {
    for (const r of [await s.call('GET', '/health', { token: null }), await s.call('GET', '/v1/patients/nope/resuscitation-status'), await s.call('GET', '/no-such-route', { token: null })]) {
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(r.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(r.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('per-caller write budget', () => {
  let s: Service;
  beforeAll(async () => { s = await startService({ WRITE_RATE_LIMIT_PER_MINUTE: '4' }); });
  afterAll(async () => { await s.close(); });

  it('past the budget a write gets 429 with Retry-After and writes nothing; other callers and reads go on', async () => {
    const patientId = await registerPatient(s); // write 1 of the nurse's 4
    const improve = (n: number, token: string) => s.call('POST', `/v1/patients/${patientId}/condition-improvements`, { token, body: { at: '2026-03-02T10:00:00+01:00', dischargeable: false, note: `n${n}` } });
    const nurse = await mintToken('nurse');
    const answers = [];
    for (let n = 0; n < 5; n++) answers.push(await improve(n, nurse));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429, 429]);
    expect(answers[3]).toMatchObject({ contentType: expect.stringContaining('application/problem+json'), body: { code: 'RATE_LIMITED' } });
    expect(Number(answers[3].headers.get('retry-after'))).toBeGreaterThan(0);
    const events = await s.call('GET', `/v1/patients/${patientId}/events`, { role: 'physician' });
    expect(events.body.map((e: { data: { note?: string } }) => e.data.note).filter(Boolean)).toEqual(['n0', 'n1', 'n2']);
    expect((await improve(9, await mintToken('physician'))).status).toBe(201);
    expect((await s.call('GET', `/v1/patients/${patientId}/resuscitation-status`, { token: nurse })).status).toBe(200);
  });
});

describe('request timeout', () => {
  let s: Service;
  beforeAll(async () => { s = await startService({ REQUEST_TIMEOUT_SECONDS: '1' }); });
  afterAll(async () => { await s.close(); });

  it('a request that never finishes arriving is cut off with 408, a problem', async () => {
    const { hostname, port } = new URL(s.url);
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(Number(port), hostname, () => socket.write('POST /v1/patients HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"cpr":'));
      socket.on('data', (d) => { text += String(d); });
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1.1 408/);
    // A problem like every other refusal, not Fastify's plain JSON (review of the HTTP edge).
    const [head, body] = answer.split('\r\n\r\n');
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
  });
});

describe('OUTBOX_ENDPOINTS=off (an API replica without the relay state)', () => {
  it('answers 503 rather than an empty outbox that would read as "nothing owed", and creates no relay.db', async () => {
    const s = await startService({ OUTBOX_ENDPOINTS: 'off' });
    expect(await s.call('GET', '/v1/outbox')).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } });
    expect(existsSync(join(s.dataDir, 'relay.db'))).toBe(false);
    await s.close();
  });
});

describe('the relay host (apps/relay): the relay module behind the same HTTP edge', () => {
  it('is ready once its relay thread runs, serves /metrics with the outbox figures and the outbox itself, and no patient API', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dnr-relay-host-'));
    const loaded = loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', RELAY: 'on' });
    if (!loaded.ok) throw new Error(loaded.message);
    const app = await createHttpApp(RelayAppModule.forConfig(loaded.config), loaded.config);
    await app.listen(0, '127.0.0.1');
    const call = callerFor((await app.getUrl()).replace('[::1]', '127.0.0.1'));
    try {
      expect(await call('GET', '/health/ready', { token: null })).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect((await call('GET', '/metrics', { token: null })).body).toContain('dnr_outbox_messages{state="escalated"} 0');
      expect(await call('GET', '/v1/outbox')).toMatchObject({ status: 200, body: [] });
      expect((await call('POST', '/v1/patients', { body: { cpr: '0101501234', name: 'X' } })).status).toBe(404);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
