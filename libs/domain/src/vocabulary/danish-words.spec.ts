import fc from 'fast-check';
import { instantOf } from '../time/danish-time';
import { danishDate, danishDateTime } from './danish-words';

describe('dates and times as a Danish clinician reads them', () => {
  it('»1. marts 2026 kl. 10.00« in Danish winter time', () =>
    expect(danishDateTime(instantOf('2026-03-01T09:00:00Z'))).toBe('1. marts 2026 kl. 10.00'));
  it('summer time is UTC+2', () => expect(danishDateTime(instantOf('2026-07-15T22:30:00Z'))).toBe('16. juli 2026 kl. 00.30'));
  it('a calendar date', () => expect(danishDate('2026-12-24')).toBe('24. december 2026'));

  it('gives the time-zone database\'s day, month, year, hour and minute at any instant 1900–2200', () => {
    const zone = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', hourCycle: 'h23', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    const expected = (instant: number) => {
      const p = Object.fromEntries(zone.formatToParts(instant).map((x) => [x.type, x.value]));
      return `${p.day}. ${p.month} ${p.year} kl. ${p.hour}.${p.minute}`;
    };
    for (const instant of fc.sample(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), { numRuns: 3_000, seed: 3 })) {
      expect(danishDateTime(instant)).toBe(expected(instant));
    }
  });
});
