/**
 * The outbox and the status feed answer pages they serialise themselves (byte-capped-page.ts): the
 * JSON goes out as it is, typed as JSON, once — and answering it leaves no warning in the log
 * (a page once sent twice logged "Reply was already sent" with a stack trace on every read).
 */
import { Writable } from 'node:stream';
import { HOSPITAL, mintToken, NURSING_HOME, registerPatient, Service, startService } from './support/service';
import { eventually } from './support/until';

const lines: string[] = [];
const capture = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
let s: Service;
beforeAll(async () => { s = await startService({ RELAY: 'on', LOG_LEVEL: 'info' }, capture); });
afterAll(async () => { await s.close(); });

it('pages of the outbox and the feed are JSON arrays, typed as JSON, and leave no warning behind', async () => {
  const p = await registerPatient(s);
  await s.call('POST', `/v1/patients/${p}/decisions`, { role: 'physician', body: { basis: 'physician', decidedAt: '2026-03-01T10:00:00+01:00', grounds: ['irreversibly_dying'] } });
  await s.call('POST', `/v1/patients/${p}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME } });
  const nurse = await mintToken('nurse', { org: HOSPITAL.sor });
  const outbox = await eventually(() => s.call('GET', `/v1/outbox?patientId=${p}&limit=1`, { token: nurse }), (r) => Array.isArray(r.body) && r.body.length === 1, 'a message owed');
  expect(outbox.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(outbox.body[0]).toMatchObject({ patientId: p });
  expect(outbox.headers.get('link')).toContain('rel="next"');
  const feed = await s.call('GET', '/v1/status-feed?limit=1', { role: 'paramedic' });
  expect(feed.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(feed.body).toHaveLength(1);
  // Warnings logged while answering a request carry its id (the start-up's own, e.g. an unbuilt console, do not).
  const logged = lines.map((l) => JSON.parse(l) as { level: number; reqId?: string; msg?: string; err?: { message: string } });
  const warnings = logged.filter((l) => l.level >= 40 && l.reqId !== undefined);
  expect(logged.filter((l) => l.reqId !== undefined).length).toBeGreaterThan(0); // the requests' log was captured at all
  expect(warnings.map((w) => w.msg ?? w.err?.message)).toEqual([]);
});
