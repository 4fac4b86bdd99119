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

it('the patientIds of real registrations reach the request log whole (the mask leaves pseudonyms alone)', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) {
    const { body } = await s.call('POST', '/v1/patients', { body: { cpr: freshCpr(), name: 'Karen Jensen' } });
    ids.push(body.patientId);
    await s.call('GET', `/v1/patients/${body.patientId}/resuscitation-status?at=2026-03-01T01:02:03%2B01:00`);
  }
  await new Promise((r) => setTimeout(r, 100));
  expect(ids.filter((id) => !lines.some((l) => l.includes(`/v1/patients/${id}/resuscitation-status?at=2026-03-01T01:02:03+01:00`)))).toEqual([]);
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

  /**
   * Review of the HTTP edge: the spellings the mask missed — other and doubled separators, the date
   * in groups, double encoding, fullwidth digits, a CPR inside a UUID-shaped id — in every position.
   */
  const days = fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 61, max: 91 })).map((d) => String(d).padStart(2, '0'));
  const months = fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0'));
  /** Separators as they stand in a URL (percent-encoded where a URL needs it). */
  const moreSeparators = ['', '-', '/', '_', ':', '%09', '%0A', '%C2%A0', '%E2%80%93', '%E2%80%90', '--', '++', '%252D', '%2525252D', '%20%2F%20', '.', '%E3%80%80'];
  const fullwidth = (text: string) => text.replace(/[0-9]/g, (d) => encodeURIComponent(String.fromCharCode(0xff10 + Number(d))));
  const morePositions = [
    ...positions,
    (c: string) => `/v1/outbox/ab${c}-4abc-8def-abcdefabcdef/acknowledgements`,
    (c: string) => `/v1/sites/${c}`,
    (c: string) => `/v1/patients/${c}%E0%A4%A/events`, // a broken escape: Fastify's own refusal, logged too
  ];
  /** Whether a CPR can be read in a log line: in any stretch of its text without letters, its digits in a row (after decoding). */
  const readsAsCpr = (line: string, cpr: string) => {
    let text = line;
    for (let i = 0; i < 8; i++) text = text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
    text = text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).normalize('NFKC');
    return text.split(/\p{L}+/u).some((part) => part.replace(/\D/g, '').includes(cpr));
  };

  it('property: no CPR, in any grouping or separator or encoding, reaches a log line (review of the HTTP edge)', async () => {
    const asked: string[] = [];
    const from = lines.length;
    await fc.assert(fc.asyncProperty(days, months, digits(2), digits(4), fc.array(fc.constantFrom(...moreSeparators), { minLength: 3, maxLength: 3 }), fc.boolean(), fc.constantFrom(...morePositions.keys()),
      async (dd, mm, yy, tail, [s1, s2, s3], wide, at) => {
        asked.push(`${dd}${mm}${yy}${tail}`);
        const written = `${dd}${s1}${mm}${s2}${yy}${s3}${tail}`;
        // A UUID-shaped id holds six and four, as ids do.
        const c = at === positions.length ? `${dd}${mm}${yy}-${tail}` : written;
        await s.call('GET', morePositions[at](wide ? fullwidth(c) : c));
      }), { numRuns: 200 });
    await new Promise((r) => setTimeout(r, 100));
    const leaks = lines.slice(from).filter((l) => asked.some((c) => readsAsCpr(l, c)));
    expect(leaks).toEqual([]);
    expect(lines.length - from).toBeGreaterThan(200);
  });
});

/**
 * Re-test of the request log: spellings that still reached the log's `url` — a character that
 * shows nothing inside a digit group, a letter-like dash, a four-digit year, the last four in two
 * pairs, the digits backwards under a right-to-left override — in the path and in the query.
 */
describe('the re-test\'s CPR spellings never reach a log line', () => {
  const keycaps = (text: string) => encodeURIComponent(text.replace(/[0-9]/g, (d) => `${d}\ufe0f\u20e3`));
  /** As a client sends them, with the digits a person reads in them. */
  const spellings: Array<[string, string]> = [
    ['0%E2%80%8B101481234', '0101481234'], // U+200B inside DD: the re-test's curl
    ['0%E2%81%A0101481234', '0101481234'], // U+2060
    ['0%CC%B2101481234', '0101481234'], // combining U+0332
    [keycaps('0101481234'), '0101481234'], // 0️⃣1️⃣…
    [encodeURIComponent('0\u{e0031}101481234'), '0101481234'], // a tag character
    ['0%00101481234', '0101481234'], // NUL
    ['010148%E3%83%BC1234', '0101481234'], // ー
    ['010148%C7%801234', '0101481234'], // ǀ
    ['010148%CB%891234', '0101481234'], // ˉ
    ['010148%CA%BB1234', '0101481234'], // ʻ
    ['01-01-1948-1234', '010119481234'],
    ['01%2001%2048%2012%2034', '0101481234'],
    ['%E2%80%AE4321-841010', '0101481234'], // shows 010148-1234
  ];
  const positions = [
    (c: string) => `/v1/patients/${c}/resuscitation-status`,
    (c: string) => `/v1/patients/${'a'.repeat(32)}/resuscitation-status?cpr=${c}`,
    (c: string) => `/v1/outbox?patientId=${c}`,
  ];
  /** Whether a log line shows the digits: escapes decoded, what shows nothing left out, letter-like dashes read as dashes, backwards too where a bidi control stands. */
  const showsCpr = (line: string, cpr: string) => {
    let text = line.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    for (let i = 0; i < 8; i++) text = text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
    const backwards = /[\u202a-\u202e\u2066-\u2069]/u.test(text);
    return text.normalize('NFKC').replace(/[\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\x00-\x08\x0e-\x1f\x7f-\x9f]/gu, '')
      .replace(/[\p{Lm}\u01c0-\u01c3]/gu, '-').split(/\p{L}+/u).some((part) => {
        const shown = part.replace(/\D/g, '');
        return shown.includes(cpr) || (backwards && [...shown].reverse().join('').includes(cpr));
      });
  };

  it('each spelling, in a path and in a query', async () => {
    const from = lines.length;
    for (const [spelled] of spellings) for (const at of positions) await s.call('GET', at(spelled));
    await new Promise((r) => setTimeout(r, 100));
    const written = lines.slice(from);
    expect(written.length).toBeGreaterThanOrEqual(spellings.length * positions.length);
    expect(written.filter((l) => spellings.some(([, cpr]) => showsCpr(l, cpr)))).toEqual([]);
  });
});
