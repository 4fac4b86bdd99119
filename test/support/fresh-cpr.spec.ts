import { parseCpr } from '../../libs/domain/src/patient/cpr';
import { freshCpr } from './fresh-cpr';

describe('freshCpr, the test and benchmark patients\' CPR numbers', () => {
  it('hands out 50,000 different valid numbers without a date, moving on to the next birth day when one is used up', () => {
    const numbers = Array.from({ length: 50_000 }, () => freshCpr());
    const parsed = numbers.map(parseCpr);
    expect(new Set(numbers).size).toBe(50_000);
    expect(parsed.filter((p) => !p.ok)).toEqual([]);
    expect(new Set(parsed.map((p) => (p.ok ? p.cpr.birthDate : ''))).size).toBe(13);
  });

  it('born on the date asked for, different each time, until the date has no number left', () => {
    const numbers = Array.from({ length: 2_000 }, () => freshCpr('2010-05-05'));
    expect(new Set(numbers).size).toBe(2_000);
    expect(numbers.every((n) => { const p = parseCpr(n); return p.ok && p.cpr.birthDate === '2010-05-05'; })).toBe(true);
    expect(() => freshCpr('2010-05-05')).toThrow('no fresh CPR number left for 2010-05-05');
    expect(() => freshCpr('2040-01-01')).toThrow('births 1900–2036');
  });
});
