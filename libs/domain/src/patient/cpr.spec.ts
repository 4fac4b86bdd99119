import { centuryOf, parseCpr } from './cpr';

describe('CPR parsing (api.md Patients): 10 digits, real date, century from the 7th digit, no modulus-11', () => {
  it.each([
    ['0101501234', '1950-01-01'],
    ['010150-1234', '1950-01-01'],
    ['0101364234', '2036-01-01'],
    ['0101374234', '1937-01-01'],
    ['0101579234', '1957-01-01'],
    ['0101575234', '2057-01-01'],
    ['0101105234', '2010-01-01'],
    ['0101585234', '1858-01-01'],
    ['2902004234', '2000-02-29'],
  ])('%s is born %s', (cpr, birthDate) => {
    const r = parseCpr(cpr);
    expect(r).toEqual({ ok: true, cpr: { digits: cpr.replace('-', ''), birthDate } });
  });

  it('accepts numbers that fail modulus-11 (issued since 2007)', () => expect(parseCpr('0101501235').ok).toBe(true));

  it.each(['', '010150123', '01015012345', '0101501a34', '3202501234', '0013501234', '2902011234', '010150 1234', '01-0150-1234'])(
    'rejects %j',
    (cpr) => expect(parseCpr(cpr).ok).toBe(false),
  );

  it('the century table', () => {
    expect([centuryOf(0, 99), centuryOf(3, 0)]).toEqual([1900, 1900]);
    expect([centuryOf(4, 36), centuryOf(4, 37), centuryOf(9, 0), centuryOf(9, 99)]).toEqual([2000, 1900, 2000, 1900]);
    expect([centuryOf(5, 57), centuryOf(8, 58)]).toEqual([2000, 1800]);
  });
});
