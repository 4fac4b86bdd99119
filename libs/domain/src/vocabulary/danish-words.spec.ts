import { instantOf } from '../time/danish-time';
import { danishDate, danishDateTime } from './danish-words';

describe('dates and times as a Danish clinician reads them', () => {
  it('»1. marts 2026 kl. 10.00« in Danish winter time', () =>
    expect(danishDateTime(instantOf('2026-03-01T09:00:00Z'))).toBe('1. marts 2026 kl. 10.00'));
  it('summer time is UTC+2', () => expect(danishDateTime(instantOf('2026-07-15T22:30:00Z'))).toBe('16. juli 2026 kl. 00.30'));
  it('a calendar date', () => expect(danishDate('2026-12-24')).toBe('24. december 2026'));
});
