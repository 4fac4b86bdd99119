import { danishWallTimeOf, danishWallTimeToIso, dayInDanish, whenInDanish } from './time';

describe('times for people, in Danish time', () => {
  it('»1. marts 2026 kl. 10.00« whatever offset the timestamp was written with', () => {
    expect(whenInDanish('2026-03-01T10:00:00+01:00')).toBe('1. marts 2026 kl. 10.00');
    expect(whenInDanish('2026-03-01T09:00:00Z')).toBe('1. marts 2026 kl. 10.00');
    expect(whenInDanish('2026-07-01T08:30:00Z')).toBe('1. juli 2026 kl. 10.30');
  });

  it('never shows a raw or missing value', () => {
    expect(whenInDanish(undefined)).toBe('ukendt tidspunkt');
    expect(whenInDanish('i går')).toBe('ukendt tidspunkt');
    expect(dayInDanish('2026-03-08')).toBe('8. marts 2026');
    expect(dayInDanish('8/3')).toBe('ukendt dato');
  });
});

describe('form fields are Danish wall-clock time', () => {
  it.each([
    ['2026-03-01T10:00', '2026-03-01T10:00:00+01:00'],
    ['2026-07-01T10:00:30', '2026-07-01T10:00:30+02:00'],
    ['2026-03-29T03:30', '2026-03-29T03:30:00+02:00'], // the first hour of summer time
    ['2026-10-25T02:30', '2026-10-25T02:30:00+02:00'], // the repeated hour: the earlier instant
    ['2026-10-25T03:30', '2026-10-25T03:30:00+01:00'],
  ])('%s → %s', (wall, iso) => expect(danishWallTimeToIso(wall)).toBe(iso));

  it.each(['', '2026-02-30T10:00', '1. marts', '2026-03-01 10:00'])('%j is not a time', (wall) => expect(danishWallTimeToIso(wall)).toBeNull());

  it('round-trips an instant through the field', () => {
    const instant = Date.parse('2026-11-25T16:04:35Z');
    expect(danishWallTimeOf(instant)).toBe('2026-11-25T17:04:35');
    expect(Date.parse(danishWallTimeToIso(danishWallTimeOf(instant)) as string)).toBe(instant);
  });
});
