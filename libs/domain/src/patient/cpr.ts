/**
 * The Danish CPR number: DDMMYY-SSSS. The birth date (and so every age the rules use, R4.1,
 * R5.1, R3.6) comes from it. The century follows from the 7th digit (the first digit of the
 * sequence number). No modulus-11 check: CPR numbers without it have been issued since 2007.
 */
import { CalendarDate, isValidCalendarDate } from '../time/danish-time';

export interface Cpr {
  /** 10 digits, no hyphen. */
  readonly digits: string;
  readonly birthDate: CalendarDate;
}

export type CprParseResult = { ok: true; cpr: Cpr } | { ok: false; reason: string };

const CPR_SHAPE = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/;

export function parseCpr(input: string): CprParseResult {
  const m = CPR_SHAPE.exec(input);
  if (!m) return { ok: false, reason: 'a CPR number is 10 digits, optionally DDMMYY-SSSS' };
  const [, dd, mm, yy, seventh, rest] = m;
  const year = centuryOf(Number(seventh), Number(yy)) + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  if (!isValidCalendarDate(year, month, day)) {
    return { ok: false, reason: "the CPR number's birth date does not exist" }; // never echo the number, not even its date
  }
  const birthDate = `${year}-${mm}-${dd}`;
  return { ok: true, cpr: { digits: `${dd}${mm}${yy}${seventh}${rest}`, birthDate } };
}

/** The CPR century rule (CPR-kontoret): the 7th digit and the two-digit year give the century. */
export function centuryOf(seventhDigit: number, yy: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800; // 5–8
}
