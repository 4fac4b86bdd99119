/** Issue 13: CPR numbers never reach a log — in every form and position — while pseudonymous patientIds are left alone. */
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { callerRequestId, CPR_MASK, maskCprs, ownRequestId, urlForLog } from './cpr-in-logs';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const cprForms = fc.tuple(digits(6), digits(4), fc.constantFrom('', '-', '.', ' ', '+', '%2D', '%2d', '%20', '%2E', '%2B'))
  .map(([a, b, sep]) => ({ plain: `${a}${decodeSep(sep)}${b}`, inUrl: `${a}${sep}${b}`, a, b }));
const decodeSep = (sep: string) => (sep.startsWith('%') ? String.fromCharCode(parseInt(sep.slice(1), 16)) : sep);
const around = fc.constantFrom(['/v1/patients/', ''], ['?cpr=', '&x=1'], ['?q=', ''], ['/', '/status'], ['?a=b&c=', '#frag'], ['/x-', '-y']);

describe('a CPR in any form and position of a URL is masked', () => {
  it('property: ten digits, or six and four with -, ., space, + (plain or percent-encoded) never survive', () =>
    fc.assert(fc.property(cprForms, around, ({ inUrl, a, b }, [before, after]) => {
      const logged = urlForLog(`${before}${inUrl}${after}`);
      expect(logged).toContain(CPR_MASK);
      expect(logged).not.toContain(`${a}${b}`);
      expect(logged.replace(/[-. +]/g, '')).not.toContain(`${a}${b}`);
    }), { numRuns: 500 }));

  it('property: a patientId (32 hex characters) is never touched, wherever its digits fall', () =>
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{32}$/), (id) => {
      expect(urlForLog(`/v1/patients/${id}/resuscitation-status`)).toBe(`/v1/patients/${id}/resuscitation-status`);
      expect(maskCprs(`{"url":"/v1/patients/${id}"}`)).toBe(`{"url":"/v1/patients/${id}"}`);
    }), { numRuns: 1000 }));

  it('a patientId made of digits only is still a patientId', () =>
    expect(urlForLog('/v1/patients/01234567890123456789012345678901')).toBe('/v1/patients/01234567890123456789012345678901'));

  it('longer digit runs (timestamps, SOR ids) are not CPR numbers', () =>
    expect(maskCprs('{"time":1764000000000,"sor":"265071000016002"}')).toBe('{"time":1764000000000,"sor":"265071000016002"}'));
});

describe('a caller-supplied x-request-id is used only when it cannot hold a CPR', () => {
  it('a UUID without CPR-shaped digits is kept', () => expect(callerRequestId('6F1B7B7E-3C1A-4D8E-9B1E-4A7C2F0D9E11')).toBe('6f1b7b7e-3c1a-4d8e-9b1e-4a7c2f0d9e11'));
  it.each(['120338-9699', '1203389699', 'req-120338-9699', '6f1b7b7e-3c1a-4d8e-9b1e-a0101501234b', 'x'.repeat(200), '',
    'ab010148-1234-4abc-8def-abcdefabcdef', 'abcdef01-0148-1234-8def-abcdefabcdef'])('%j is replaced', (id) =>
    expect(callerRequestId(id)).toBeNull());
});

/**
 * Review of the HTTP edge: the mask missed separators other than - . space +, doubled separators,
 * the date written in groups, double percent-encoding, fullwidth digits and CPRs in UUID-shaped
 * strings, and decoded percent-escapes as Latin-1.
 */
describe('every spelling of a CPR is masked, in a URL and in a log line', () => {
  /** DD MM of a real date (a substitute number's day + 60 too), YY and the last four: any digits. */
  const cprDigits = fc.tuple(fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 61, max: 91 })), fc.integer({ min: 1, max: 12 }), digits(2), digits(4))
    .map(([day, month, yy, tail]) => ({ dd: String(day).padStart(2, '0'), mm: String(month).padStart(2, '0'), yy, tail }));
  const separators = ['', '-', '.', ' ', '+', '/', '_', ':', '\t', '\n', '\r\n', '\u00a0', '\u2013', '\u2010', '\u2011', '\u2212', '\u3000', '\u200b', '--', '++', ' / ', ' - ', '-\u00a0', '..', '#', ',', '|'];
  /** The groupings a CPR is written in: DD MM YY XXXX, each pair joined by a separator or by none. */
  const written = fc.tuple(cprDigits, fc.constantFrom(...separators), fc.constantFrom(...separators), fc.constantFrom(...separators))
    .map(([c, s1, s2, s3]) => ({ ...c, text: `${c.dd}${s1}${c.mm}${s2}${c.yy}${s3}${c.tail}` }));
  const fullwidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const percentAll = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  const percentNonAlnum = (text: string) => encodeURIComponent(text).replace(/[-._~!*'()]/g, (c) => percentAll(c));
  const encodings: Array<[string, (text: string) => string]> = [
    ['as is (a URL takes it encoded)', encodeURI],
    ['separators percent-encoded', percentNonAlnum],
    ['every byte percent-encoded', percentAll],
    ['double percent-encoded', (t) => percentNonAlnum(t).replace(/%/g, '%25')],
    ['every byte double percent-encoded', (t) => percentAll(t).replace(/%/g, '%25')],
    ['fullwidth digits', (t) => encodeURI(fullwidth(t))],
    ['fullwidth digits double percent-encoded', (t) => percentAll(fullwidth(t)).replace(/%/g, '%25')],
  ];
  /** Whether a person could read the CPR in the text: in any stretch without letters, its digits in a row (fullwidth read as digits). */
  const readsAsCpr = (text: string, cpr: string) => text.normalize('NFKC').split(/\p{L}+/u).some((part) => part.replace(/\D/g, '').includes(cpr));

  it('property: a CPR in any grouping, with any separators, however encoded, never survives urlForLog', () =>
    fc.assert(fc.property(written, fc.constantFrom(...encodings), around, ({ dd, mm, yy, tail, text }, [, encode], [before, after]) => {
      const logged = urlForLog(`${before}${encode(text)}${after}`);
      expect(logged).toContain(CPR_MASK);
      expect(readsAsCpr(logged, `${dd}${mm}${yy}${tail}`)).toBe(false);
    }), { numRuns: 2000 }));

  it('property: six and four (or ten together) with any separator run are masked whatever the digits', () =>
    fc.assert(fc.property(digits(6), digits(4), fc.constantFrom(...separators), around, (a, b, sep, [before, after]) => {
      const logged = urlForLog(`${before}${encodeURI(`${a}${sep}${b}`)}${after}`);
      expect(readsAsCpr(logged, `${a}${b}`)).toBe(false);
    }), { numRuns: 1000 }));

  it('property: in a log line (JSON, its escapes included) no CPR survives, and the line stays JSON', () =>
    fc.assert(fc.property(written, fc.constantFrom('', 'note ', 'x', '"'), fc.boolean(), ({ dd, mm, yy, tail, text }, before, full) => {
      const line = JSON.stringify({ level: 30, time: 1764000000000, reqId: '6f1b7b7e-3c1a-4d8e-9b1e-4a7c2f0d9e11', msg: `${before}${full ? fullwidth(text) : text} end` });
      const masked = maskCprs(line);
      expect(readsAsCpr(JSON.parse(masked).msg, `${dd}${mm}${yy}${tail}`)).toBe(false);
      expect(JSON.parse(masked)).toMatchObject({ time: 1764000000000, reqId: '6f1b7b7e-3c1a-4d8e-9b1e-4a7c2f0d9e11' });
    }), { numRuns: 1000 }));

  it.each([
    ['/v1/x?c=010148/1234'], ['/v1/x?c=010148_1234'], ['/v1/x?c=010148:1234'], ['/v1/x?c=010148%091234'], ['/v1/x?c=010148%0A1234'],
    ['/v1/x?c=010148%C2%A01234'], ['/v1/x?c=010148%E2%80%931234'], ['/v1/x?c=010148%E2%80%901234'], ['/v1/x?c=010148--1234'], ['/v1/x?c=010148++1234'],
    ['/v1/x?c=01-01-48-1234'], ['/v1/x?c=01.01.48-1234'], ['/v1/x?c=01%2001%2048%201234'], ['/v1/x?c=010148%252D1234'],
    ['/v1/x?c=%EF%BC%90%EF%BC%91%EF%BC%90%EF%BC%91%EF%BC%94%EF%BC%98%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94'],
    ['/v1/outbox/ab010148-1234-4abc-8def-abcdefabcdef/acknowledgements'],
  ])('the review\'s %s', (url) => {
    const logged = urlForLog(url);
    expect(logged).toContain(CPR_MASK);
    expect(readsAsCpr(logged, '0101481234')).toBe(false);
  });

  it('encoded more times than the mask decodes: what is still encoded is masked, the rest read as if it were a separator', () => {
    const encodedTimes = (text: string, n: number) => Array.from({ length: n }).reduce<string>((t) => t.replace(/%/g, '%25'), text);
    expect(urlForLog(`/v1/x?c=010148${encodedTimes('%2D', 25)}1234&y=1`)).toBe('/v1/x?c=010148[cpr]&y=1');
    expect(urlForLog(`/v1/x?c=${encodedTimes(percentAll('010148-1234'), 25)}&y=1`)).toBe('/v1/x?c=[cpr]&y=1');
    expect(maskCprs(`{"msg":"010148${encodedTimes('%2D', 25)}1234"}`)).toBe('{"msg":"010148[cpr]"}');
  });

  it('a URL is decoded as UTF-8, not byte by byte as Latin-1', () =>
    expect(urlForLog('/v1/x?name=K%C3%A6re%20%E2%80%93%20%F0%9F%98%80%20S%C3%B8ren')).toBe('/v1/x?name=Kære – 😀 Søren'));

  it('property: a UUID-shaped string with a CPR in it is masked, and is no caller\'s request id', () =>
    fc.assert(fc.property(cprDigits, fc.stringMatching(/^[a-f]{2}$/), (c, head) => {
      const uuid = `${head}${c.dd}${c.mm}${c.yy}-${c.tail}-4abc-8def-abcdefabcdef`;
      expect(readsAsCpr(urlForLog(`/v1/outbox/${uuid}/acknowledgements`), `${c.dd}${c.mm}${c.yy}${c.tail}`)).toBe(false);
      expect(callerRequestId(uuid)).toBeNull();
    }), { numRuns: 300 }));

  it('the service\'s own request ids are never masked', () => {
    for (let i = 0; i < 5000; i++) {
      const id = ownRequestId();
      expect(maskCprs(`{"reqId":"${id}"}`)).toBe(`{"reqId":"${id}"}`);
    }
  });

  it('property: real patientIds (HMAC pseudonyms) are left whole wherever they stand', () => {
    // As apps/api/src/patients/pseudonym.ts makes them (a library may not import the app).
    const secret = randomBytes(32).toString('hex');
    const patientIdOf = (cpr: string) => createHmac('sha256', secret).update(`cpr:${cpr}`).digest('hex').slice(0, 32);
    fc.assert(fc.property(digits(10), fc.uuid({ version: 4 }), (cpr, uuid) => {
      const id = patientIdOf(cpr);
      for (const text of [
        `/v1/patients/${id}/resuscitation-status`,
        `/v1/patients/${id}/resuscitation-status?at=2026-03-01T10:15:00%2B01:00&knownAt=2026-03-02T01:02:03Z`,
        `/v1/outbox?patientId=${id}&limit=10`,
        `/v1/patients/${id}`,
      ]) expect(urlForLog(text)).toBe(decodeURIComponent(text));
      expect(urlForLog(`/v1/patients/${id}/decisions/${uuid}/revisions`)).toContain(`/v1/patients/${id}/decisions/`);
      const line = JSON.stringify({ level: 30, time: 1764000000000, msg: `status of ${id} changed`, patientId: id, position: 1234567 });
      expect(maskCprs(line)).toBe(line);
    }), { numRuns: 2000 });
  });

  it.each([
    ['a time with offset', '/v1/patients/x/resuscitation-status?at=2026-03-01T01:02:03%2B01:00'],
    ['a time with milliseconds', '{"at":"2026-03-01T10:15:00.123+01:00"}'],
    ['a Danish phone number in pairs', '{"phone":"+45 12 34 56 78"}'],
    ['a Danish phone number in fours', '{"phone":"+45 3312 3456"}'],
    ['an EAN and a SOR id', '{"ean":"5790001348120","sor":"265071000016002"}'],
    ['dates and a version', '{"from":"2026-03-01","to":"2026-03-08","version":12}'],
  ])('not a CPR: %s', (_what, text) => expect(text.startsWith('/') ? urlForLog(text) : maskCprs(text)).toBe(text.startsWith('/') ? decodeURIComponent(text) : text));
});

/**
 * Re-test of the request log: a CPR still reached the log's `url` when it was hidden by characters
 * that show nothing inside a digit group (U+200B, U+2060, combining U+0332, keycaps, a tag
 * character, NUL), joined by a letter-like dash (ー ǀ ˉ ʻ), written with a four-digit year or with
 * the last four in two pairs, or written backwards under a right-to-left override.
 */
describe('a CPR hidden by invisible characters, letter-like dashes, a long year, a split last four or a bidi override is masked', () => {
  /** What shows nothing (or only a mark on the character before): format, control, combining characters, variation selectors, tags, fillers. */
  const HIDDEN = /[\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]/gu;
  /** Letters that look like a dash, a bar or a slash, and modifier letters (which look like marks). */
  const LETTER_LIKE = /[\p{Lm}\u01c0-\u01c3\u4e00\u3161\u1173\u4e28\u3163\u1175\u30ce\u4e3f\u1428\u16c1\u2d4f]/gu;
  const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;
  /** Whether a person could read the digits in the text: hidden characters unseen, letter-like dashes read as dashes, backwards too where a bidi control stands. */
  const shownAsCpr = (text: string, cpr: string) => {
    const backwards = BIDI.test(text);
    return text.normalize('NFKC').replace(HIDDEN, '').replace(LETTER_LIKE, '-').split(/\p{L}+/u).some((part) => {
      const shown = part.replace(/\D/g, '');
      return shown.includes(cpr) || (backwards && [...shown].reverse().join('').includes(cpr));
    });
  };
  const keycaps = (text: string) => text.replace(/[0-9]/g, (d) => `${d}\ufe0f\u20e3`);
  const percentAll = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

  it.each([
    ['a zero-width space inside DD (the curl of the re-test)', '/v1/patients/0%E2%80%8B101481234/resuscitation-status', '/v1/patients/[cpr]/resuscitation-status', '0101481234'],
    ['a word joiner inside DD', '/v1/x?c=0%E2%81%A0101481234', '/v1/x?c=[cpr]', '0101481234'],
    ['a combining low line inside DD', '/v1/x?c=0%CC%B2101481234', '/v1/x?c=[cpr]', '0101481234'],
    ['keycap emoji digits', `/v1/x?c=${encodeURIComponent(keycaps('0101481234'))}`, '/v1/x?c=[cpr]', '0101481234'],
    ['a tag character inside DD', `/v1/x?c=${encodeURIComponent('0\u{e0031}101481234')}`, '/v1/x?c=[cpr]', '0101481234'],
    ['NUL inside DD', '/v1/x?c=0%00101481234', '/v1/x?c=[cpr]', '0101481234'],
    ['U+30FC as the dash', '/v1/x?c=010148%E3%83%BC1234', '/v1/x?c=[cpr]', '0101481234'],
    ['U+01C0 as the dash', '/v1/x?c=010148%C7%801234', '/v1/x?c=[cpr]', '0101481234'],
    ['U+02C9 as the dash', '/v1/x?c=010148%CB%891234', '/v1/x?c=[cpr]', '0101481234'],
    ['U+02BB as the dash', '/v1/x?c=010148%CA%BB1234', '/v1/x?c=[cpr]', '0101481234'],
    ['a four-digit year', '/v1/x?c=01-01-1948-1234', '/v1/x?c=[cpr]', '010119481234'],
    ['the last four in two pairs', '/v1/x?c=01%2001%2048%2012%2034', '/v1/x?c=[cpr]', '0101481234'],
    ['the digits backwards under a right-to-left override', '/v1/x?c=%E2%80%AE4321-841010', '/v1/x?c=\u202e[cpr]', '0101481234'],
  ])('the re-test\'s %s: masked in the URL and in the log line', (_what, url, expected, cpr) => {
    expect(shownAsCpr(decodeURIComponent(url), cpr)).toBe(true); // the oracle reads it
    expect(urlForLog(url)).toBe(expected);
    // And in a line the mask sees only as the stream writes it (JSON, NUL escaped), e.g. a message that quotes the URL.
    const line = JSON.stringify({ level: 30, msg: `route ${decodeURIComponent(url)} not found` });
    const masked = maskCprs(line);
    expect(shownAsCpr(JSON.parse(masked).msg, cpr)).toBe(false);
    expect(JSON.parse(masked).msg).toBe(`route ${expected} not found`);
  });

  const hiddenCharacters = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\u2061', '\ufeff', '\u00ad', '\u034f', '\u061c', '\u180e', '\u3164',
    '\u0332', '\u0301', '\u20e3', '\ufe0f', '\u{e0031}', '\u{e0001}', '\u{e0100}', '\u{1d173}', '\u0000', '\u0007', '\u001b', '\u007f', '\u0090', '\u202e\u202c', '\u2067\u2069'];
  const letterLike = ['\u30fc', '\u01c0', '\u02c9', '\u02bb', '\u01c1', '\u02d0', '\u0640', '\u4e00', '\u3161', '\uff70', '\u02bc'];
  const separators = ['', '-', '.', ' ', '/', '\u2013', '\u00a0', ...letterLike];
  /** DD MM of a real date, YY (or a year 1800–2099), the last four (or two pairs), with separators; hidden characters anywhere, keycaps, backwards under an override. */
  const forms = fc.record({
    dd: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 61, max: 91 })).map((d) => String(d).padStart(2, '0')),
    mm: fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0')),
    yy: digits(2),
    century: fc.option(fc.constantFrom('18', '19', '20')),
    tail: digits(4),
    seps: fc.array(fc.constantFrom(...separators), { minLength: 4, maxLength: 4 }),
    hide: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...hiddenCharacters)), { maxLength: 4 }),
    keycap: fc.boolean(),
    backwards: fc.boolean(),
  }).map(({ dd, mm, yy, century, tail, seps: [s1, s2, s3, s4], hide, keycap, backwards }) => {
    const year = century === null ? yy : `${century}${yy}`;
    // A four-digit year stands apart from the last four, which stand together; the last four in pairs stand apart from the year.
    const pairs = century === null && s4 !== '';
    const afterYear = (century !== null || pairs) && s3 === '' ? '-' : s3;
    const last = pairs ? `${tail.slice(0, 2)}${s4}${tail.slice(2)}` : tail;
    let text = `${dd}${s1}${mm}${s2}${year}${afterYear}${last}`;
    if (backwards) text = `\u202e${[...text].reverse().join('')}\u202c`;
    if (keycap) text = keycaps(text);
    for (const [at, ch] of hide) {
      const cut = [...text];
      cut.splice(at % (cut.length + 1), 0, ch);
      text = cut.join('');
    }
    return { text, cpr: `${dd}${mm}${year}${tail}` };
  });
  const encodings: Array<[string, (text: string) => string]> = [
    ['as a URL takes it', encodeURI],
    ['every byte percent-encoded', percentAll],
    ['every byte double percent-encoded', (t) => percentAll(t).replace(/%/g, '%25')],
  ];

  it('property: hidden characters anywhere, letter-like dashes, a four-digit year, the last four in pairs, keycaps or a right-to-left override — never in the URL logged', () =>
    fc.assert(fc.property(forms, fc.constantFrom(...encodings), around, ({ text, cpr }, [, encode], [before, after]) => {
      expect(shownAsCpr(text, cpr)).toBe(true);
      const logged = urlForLog(`${before}${encode(text)}${after}`);
      expect(logged).toContain(CPR_MASK);
      expect(shownAsCpr(logged, cpr)).toBe(false);
    }), { numRuns: 3000 }));

  it('property: the same in a log line (JSON, controls escaped) and in plain text; the line stays JSON', () =>
    fc.assert(fc.property(forms, fc.constantFrom('', 'note ', 'x', '"'), ({ text, cpr }, before) => {
      const line = JSON.stringify({ level: 30, time: 1764000000000, reqId: '6f1b7b7e-3c1a-4d8e-9b1e-4a7c2f0d9e11', msg: `${before}${text} end` });
      const masked = maskCprs(line);
      expect(shownAsCpr(JSON.parse(masked).msg, cpr)).toBe(false);
      expect(JSON.parse(masked)).toMatchObject({ time: 1764000000000, reqId: '6f1b7b7e-3c1a-4d8e-9b1e-4a7c2f0d9e11' });
      expect(shownAsCpr(maskCprs(`${before}${text} end`), cpr)).toBe(false);
    }), { numRuns: 2000 }));

  it('property: a patientId stays whole beside hidden characters, letter-like dashes and bidi controls', () =>
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{32}$/), fc.constantFrom(...hiddenCharacters, ...letterLike, '\u202e', '\u2067'), fc.constantFrom(...hiddenCharacters, ...letterLike, '\u202e', '\u2067'), (id, x, y) => {
      const apart = [`/v1/patients/${id}/status${x}`, `/v1/patients/${x}/${id}/${y}`, `/v1/patients/${id}?at=2026-03-01T01:02:03${x}+01:00`];
      for (const text of [...apart, `${x}${id}${y}`]) expect(urlForLog(text)).toBe(text);
      // In a JSON line a control right before the id is written `\u0000`, and hex digits that run on into the id's are no patientId.
      for (const text of apart) expect(maskCprs(JSON.stringify({ url: text }))).toBe(JSON.stringify({ url: text }));
    }), { numRuns: 1000 }));

  it('a mask never cuts a JSON escape: the line stays JSON', () => {
    expect(maskCprs(JSON.stringify({ msg: '\u0012345678' }))).toBe('{"msg":"[cpr]"}');
    // The escape's hex digits and the digits shown backwards after it read as ten digits in a row.
    expect(maskCprs(JSON.stringify({ msg: '\u0007\u202e0000-0081\u201310\u0007\u02d016\u202c end' }))).toBe(JSON.stringify({ msg: '[cpr]\u202c end' }));
  });

  it.each([
    ['a time with offset', '/v1/patients/x/resuscitation-status?at=2026-03-01T01:02:03%2B01:00'],
    ['a time after a date with a space', '{"at":"2026-03-01 01:02:03"}'],
    ['a Danish date and a time', '{"at":"01-03-2026 10:15"}'],
    ['a Danish phone number in pairs beside a zero-width space', '{"phone":"+45 12 34 56 78\u200b"}'],
    ['an EAN and a SOR id beside a right-to-left override', '{"ean":"5790001348120","sor":"265071000016002","name":"\u202eJensen"}'],
    ['a timestamp in a line with a bidi isolate', '{"at":"2026-03-01T01:02:03.123+01:00","name":"\u2067\u05e9\u05dc\u05d5\u05dd\u2069"}'],
    ['a year and a version', '{"year":2026,"version":12,"count":1948}'],
    ['an interval of dates', '/v1/x?period=2026-03-01/2026-03-08'],
    ['a short date and a time', '{"at":"26-03-01 01:02"}'],
  ])('still not a CPR: %s', (_what, text) => expect(text.startsWith('/') ? urlForLog(text) : maskCprs(text)).toBe(text.startsWith('/') ? decodeURIComponent(text) : text));
});
