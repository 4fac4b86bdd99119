import { addDays, danishDateOf, instantOf, startOfDanishDay, toDanishIso } from './danish-time';

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
