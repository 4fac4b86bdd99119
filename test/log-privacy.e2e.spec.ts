/** Privacy: no CPR number in any log line, even when a client puts one where it does not belong. */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { freshCpr, HOSPITAL, NURSING_HOME, Service, startService } from './support/service';

const lines: string[] = [];
const capture = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
let s: Service;
beforeAll(async () => { s = await startService({ LOG_LEVEL: 'trace' }, capture); });
afterAll(async () => { await s.close(); });

it('a full session with CPRs in bodies, bad bodies and even in a query string logs no CPR', async () => {
  const cprs = Array.from({ length: 5 }, () => freshCpr());
  for (const cpr of cprs) {
    const { body } = await s.call('POST', '/v1/patients', { body: { cpr, name: 'Karen Jensen' } });
    await s.call('POST', `/v1/patients/${body.patientId}/handovers`, { role: 'nurse', body: { kind: 'discharge', at: '2026-03-02T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME } });
    await s.call('GET', `/v1/patients/${body.patientId}/resuscitation-status?cpr=${cpr}`);
    await s.call('GET', `/v1/patients/${body.patientId}/events`);
    await s.call('POST', '/v1/patients', { body: { cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}`, name: 'X', extra: cpr } });
    await s.call('GET', `/v1/patients/${cpr}/resuscitation-status`);
  }
  expect(lines.length).toBeGreaterThan(20); // the logs were captured at all
  const leaks = lines.filter((l) => cprs.some((c) => l.includes(c) || l.includes(`${c.slice(0, 6)}-${c.slice(6)}`)));
  expect(leaks).toEqual([]);
});

describe('issue 13: CPRs in every form and position of what a client sends, scanned in the captured log', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
  const separators = ['', '-', '.', '+', '%20', '%2D', '%2E', '%2B', '%2d'];
  const positions = [
    (c: string) => `/v1/patients/${c}/resuscitation-status`,
    (c: string) => `/v1/patients/${'a'.repeat(32)}/resuscitation-status?at=${c}`,
    (c: string) => `/v1/outbox?patientId=${c}`,
    (c: string) => `/v1/${c}`,
    (c: string) => `/health?x=y&cpr=${c}#z`,
  ];

  it('property: no CPR digits reach a log line, whether in the path, the query or x-request-id', async () => {
    const asked: string[] = [];
    await fc.assert(fc.asyncProperty(digits(6), digits(4), fc.constantFrom(...separators), fc.constantFrom(...positions.keys()), async (a, b, sep, at) => {
      asked.push(`${a}${b}`);
      await s.call('GET', positions[at](`${a}${sep}${b}`), { headers: { 'x-request-id': `${a}-${b}` } });
    }), { numRuns: 150 });
    await new Promise((r) => setTimeout(r, 100));
    const leaks = lines.filter((l) => asked.some((c) => l.replace(/[-. +]|%2[0dDeEbB]/g, '').includes(c)));
    expect(leaks).toEqual([]);
  });
});
