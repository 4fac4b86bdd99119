import fc from 'fast-check';
import { addDays, danishDateOf, danishOffsetAt, instantOf, startOfDanishDay, toDanishIso, wallTimeAt } from './danish-time';

describe('Danish calendar time (api.md Conventions)', () => {
  it('midnight in winter is 23:00 UTC the day before', () =>
    expect(new Date(startOfDanishDay('2026-03-08')).toISOString()).toBe('2026-03-07T23:00:00.000Z'));

  it('midnight in summer is 22:00 UTC the day before', () =>
    expect(new Date(startOfDanishDay('2026-07-01')).toISOString()).toBe('2026-06-30T22:00:00.000Z'));

  it('midnight on the day clocks go forward (29 March 2026) is still +01:00', () =>
    expect(toDanishIso(startOfDanishDay('2026-03-29'))).toBe('2026-03-29T00:00:00+01:00'));

  it('the Danish date of 23:30 UTC is the next day', () =>
    expect(danishDateOf(instantOf('2026-03-07T23:30:00Z'))).toBe('2026-03-08'));

  it('adds days across month and leap-year boundaries', () => {
    expect(addDays('2028-02-25', 7)).toBe('2028-03-03');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('renders instants with the Danish offset', () =>
    expect(toDanishIso(instantOf('2026-07-01T10:00:00Z'))).toBe('2026-07-01T12:00:00+02:00'));
});

describe('the remembered offsets and timestamps give the time-zone database\'s answers', () => {
  const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const wall = (instant: number) => {
    const p = Object.fromEntries(zone.formatToParts(instant).filter((x) => x.type !== 'literal').map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  };

  it('at every minute around the 2026 clock changes, and at random instants 1900–2100 (twice, so memo hits are checked too)', () => {
    const around = (iso: string) => Array.from({ length: 240 }, (_, i) => Date.parse(iso) + (i - 120) * 60_000);
    const random = fc.sample(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), { numRuns: 2_000, seed: 1 });
    for (const instant of [...around('2026-03-29T01:00:00Z'), ...around('2026-10-25T01:00:00Z'), ...random, ...random]) {
      expect(toDanishIso(instant).slice(0, 19)).toBe(wall(instant));
    }
  });

  it('renders the whole timestamp digit by digit as the time-zone database has it: the offset names the same instant, to the second, also for fractions and before 1900', () => {
    const instants = fc.sample(fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2200, 0, 1) }), { numRuns: 5_000, seed: 2 });
    for (const instant of [...instants, Date.UTC(1900, 0, 1) - 1, Date.UTC(1900, 0, 1), Date.UTC(2026, 2, 29, 1) - 1]) {
      const rendered = toDanishIso(instant);
      expect(rendered).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(rendered.slice(0, 19)).toBe(wall(instant));
      // Before 1900 Copenhagen kept local mean time (+00:50:20), whose seconds an ISO offset cannot carry.
      if (instant >= Date.UTC(1900, 0, 1)) expect(Date.parse(rendered)).toBe(Math.floor(instant / 1000) * 1000);
    }
  });

  it('works out the wall-clock fields by arithmetic exactly as Date does, from year 0 to 9999 and at its edges', () => {
    const viaDate = (instant: number) => {
      const d = new Date(instant + danishOffsetAt(instant));
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
    };
    const random = fc.sample(fc.integer({ min: Date.UTC(0, 0, 1) - 86_400_000 * 400, max: Date.UTC(10_000, 0, 1) + 86_400_000 * 400 }), { numRuns: 20_000, seed: 4 });
    const edges = [Date.UTC(0, 0, 1), Date.UTC(0, 0, 1) - 1, Date.UTC(1970, 0, 1) - 1, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10_000, 0, 1)]
      .map((t) => t - 3_600_000);
    for (const instant of [...random, ...edges]) expect(wallTimeAt(instant)).toEqual(viaDate(instant));
  });

  it('parses the same timestamp to the same instant however often it is asked', () => {
    for (let i = 0; i < 3; i += 1) expect(instantOf('2026-03-29T02:30:00+01:00')).toBe(Date.parse('2026-03-29T01:30:00Z'));
  });
});

describe('timestamps read digit by digit give Date.parse\'s instant', () => {
  const two = (max: number, min = 0) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
  const timestamp = fc.tuple(
    fc.integer({ min: 1900, max: 2199 }).map(String), two(12, 1), two(31, 1), two(23), two(59),
    fc.option(fc.tuple(two(59), fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined })), { nil: undefined }),
    fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), two(14), fc.constantFrom('00', '30', '45')).map(([s, h, m]) => `${s}${h}:${m}`)),
  ).map(([y, mo, d, h, mi, sec, zone]) => `${y}-${mo}-${d}T${h}:${mi}${sec ? `:${sec[0]}${sec[1] ? `.${sec[1]}` : ''}` : ''}${zone}`);

  it('on every shape the schemas accept (seconds and fractions optional, Z or ±HH:MM)', () =>
    fc.assert(fc.property(timestamp, (t) => Object.is(instantOf(t), Date.parse(t))), { numRuns: 5_000 }));

  it('and on strings of another shape, which go to Date.parse itself', () => {
    for (const t of ['2028-02-29T10:00:00Z', '2000-02-29T10:00:00Z', '2100-02-29T10:00:00Z', '2027-02-29T10:00:00Z', '2026-04-31T10:00:00Z', '2026-12-31T23:59:59.999+14:00', '2026-03-01T24:00:00Z', '2026-03-01T10:60:00Z']) {
      expect(Object.is(instantOf(t), Date.parse(t))).toBe(true); // leap days, month ends and impossible times read digit by digit
    }
    for (const t of ['2026-03-01T10:00:00+0100', '2026-03-01 10:00:00Z', '2026-02-30T10:00:00Z', '2026-13-01T10:00:00Z', '2026-03-01T1a:00:00Z', '2026-03-01T10:00:00.Z', '2026-03-01T10:00:00Zx', '0099-03-01T10:00:00Z', 'nonsense']) {
      expect(Object.is(instantOf(t), Date.parse(t))).toBe(true);
    }
  });
});
