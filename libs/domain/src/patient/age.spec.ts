import { instantOf } from '../time/danish-time';
import { ageAt, ageOnDate } from './age';

describe('ages change at 00:00 Danish time on the birthday (api.md Conventions)', () => {
  it('is 59 the day before the 60th birthday and 60 on it', () => {
    expect(ageOnDate('1966-03-01', '2026-02-28')).toBe(59);
    expect(ageOnDate('1966-03-01', '2026-03-01')).toBe(60);
  });

  it('turns at Danish midnight, not UTC midnight', () => {
    expect(ageAt('2011-06-10', instantOf('2026-06-09T21:59:00Z'))).toBe(14);
    expect(ageAt('2011-06-10', instantOf('2026-06-09T22:00:00Z'))).toBe(15);
  });

  it('a 29 February child turns a year older on 1 March in common years', () => {
    expect(ageOnDate('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOnDate('2008-02-29', '2026-03-01')).toBe(18);
  });
});
