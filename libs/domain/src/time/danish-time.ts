/**
 * Danish calendar time (Europe/Copenhagen). The rules count days and ages in Danish time:
 * a refusal registered on day D is in force from 00:00 Danish time on D + 7, and ages change
 * at 00:00 Danish time on the birthday (api.md, Conventions). Pure: Intl's time-zone data is
 * deterministic for a given instant; nothing here reads the clock.
 */

import { remembered } from './remembered';

export type Instant = number; // epoch milliseconds
export type CalendarDate = string; // YYYY-MM-DD

const ZONE = 'Europe/Copenhagen';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Danish wall-clock time at an instant. */
export function wallTimeAt(instant: Instant): WallTime {
  return wallTimeOfLocal(instant + danishOffsetAt(instant));
}

/**
 * The fields of a local time counted in milliseconds like an instant, worked out by arithmetic:
 * a rebuild of the outbox renders every message's times, and a Date per rendering was a tenth
 * of its profile. Outside the years 0–9999 Date answers (as before), so nothing changes there.
 */
function wallTimeOfLocal(local: number): WallTime {
  const days = Math.floor(local / DAY);
  const { year, month, day } = civilFromDays(days);
  if (!(year >= 0 && year <= 9999)) return wallTimeOfDate(new Date(local));
  const seconds = Math.floor((local - days * DAY) / 1000);
  return { year, month, day, hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60 };
}

function wallTimeOfDate(local: Date): WallTime {
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The time-zone database's answer (Intl), the source of truth; slow, hence the memo below. */
function offsetFromZoneData(instant: Instant): number {
  const parts: Record<string, number> = {};
  for (const part of wallClock.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * Since 1900 Danish time has only ever differed from UTC by whole hours, changing on a whole
 * UTC hour, so the offset is constant within each UTC hour: it is looked up once per hour and
 * remembered. Folding a stream asks this for every event, and Intl costs microseconds a call.
 * The memo never changes an answer; it is bounded by starting afresh when it grows large.
 */
const SINCE_WHOLE_HOURS = Date.UTC(1900, 0, 1);
const offsetByHour = new Map<number, number>();

/** Offset of Danish time from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function danishOffsetAt(instant: Instant): number {
  if (instant < SINCE_WHOLE_HOURS) return offsetFromZoneData(instant);
  const hour = Math.floor(instant / HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size >= 100_000) offsetByHour.clear();
    offset = offsetFromZoneData(hour * HOUR);
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** The Danish calendar date an instant falls on. */
export function danishDateOf(instant: Instant): CalendarDate {
  const w = wallTimeAt(instant);
  return formatDate(w.year, w.month, w.day);
}

/**
 * 00:00 Danish time on a calendar date. Denmark changes clocks at 02:00/03:00, never at
 * midnight, so local midnight always exists and is unambiguous.
 */
export const startOfDanishDay = remembered((date: CalendarDate): Instant => {
  const { year, month, day } = parseDate(date);
  const utcMidnight = Date.UTC(year, month - 1, day);
  return utcMidnight - danishOffsetAt(utcMidnight - 2 * HOUR);
});

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const { year, month, day } = parseDate(date);
  const shifted = Date.UTC(year, month - 1, day) + days * DAY;
  const d = new Date(shifted);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function parseDate(date: CalendarDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function formatDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Parses an ISO 8601 timestamp with offset; the schemas guarantee the shape
 * (`YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or `±HH:MM`). A fold reads every event's times,
 * and Date.parse (and, before it, a memo of its answers that large stores kept overflowing) was
 * a third of the fold's profile, so the usual shape is read digit by digit; anything else goes
 * to Date.parse. Same answer as Date.parse, fractions beyond milliseconds cut off as it does
 * (`danish-time.spec.ts` compares the two on random timestamps).
 */
export function instantOf(timestamp: string): Instant {
  const t = timestamp;
  if (t.length < 17 || t.charCodeAt(4) !== DASH || t.charCodeAt(7) !== DASH || t.charCodeAt(10) !== T_UPPER || t.charCodeAt(13) !== COLON) return Date.parse(t);
  const year = digit(t, 0) * 1000 + digit(t, 1) * 100 + two(t, 2);
  const month = two(t, 5);
  const day = two(t, 8);
  let end = 16;
  let second = 0;
  let ms = 0;
  if (t.charCodeAt(end) === COLON) {
    second = two(t, 17);
    end = 19;
    if (t.charCodeAt(end) === DOT) [ms, end] = fraction(t, end + 1);
  }
  const offset = offsetMinutes(t, end);
  const hour = two(t, 11);
  const minute = two(t, 14);
  // A non-digit anywhere makes a field NaN, and NaN fails every comparison: then, as for an
  // impossible date or time, Date.parse decides (it answers NaN).
  const plausible = year >= 100 && month >= 1 && month <= 12 && day >= 1 && (day <= 28 || day <= daysInMonth(year, month))
    && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0 && offset === offset;
  if (!plausible) return Date.parse(t);
  return ((daysSinceEpoch(year, month, day) * 24 + hour) * 60 + minute - offset) * 60_000 + second * 1000 + ms;
}

const DASH = 45;
const COLON = 58;
const DOT = 46;
const T_UPPER = 84;
const PLUS = 43;
const Z_UPPER = 90;

/** The decimal digit at `i`, or NaN. */
function digit(t: string, i: number): number {
  const d = t.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

const two = (t: string, i: number): number => digit(t, i) * 10 + digit(t, i + 1);

/** The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's civil_from_days, the inverse of daysSinceEpoch). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1 };
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** Milliseconds of a fraction of a second starting at `from` (digits beyond the third are cut off, as Date.parse does), and where it ends. */
function fraction(t: string, from: number): [number, number] {
  let end = from;
  let ms = 0;
  while (end < t.length) {
    const d = t.charCodeAt(end) - 48;
    if (!(d >= 0 && d <= 9)) break;
    if (end - from < 3) ms = ms * 10 + d;
    end += 1;
  }
  const kept = Math.min(end - from, 3);
  return [end === from ? Number.NaN : ms * (kept === 1 ? 100 : kept === 2 ? 10 : 1), end];
}

/** The offset at `i` in minutes east of UTC: `Z` or `±HH:MM` ending the string; NaN otherwise. */
function offsetMinutes(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === Z_UPPER) return i + 1 === t.length ? 0 : Number.NaN;
  if ((c !== PLUS && c !== DASH) || i + 6 !== t.length || t.charCodeAt(i + 3) !== COLON) return Number.NaN;
  const minutes = two(t, i + 1) * 60 + two(t, i + 4);
  return c === PLUS ? minutes : -minutes;
}

/** Renders an instant as ISO 8601 with the Danish offset, e.g. 2026-03-08T00:00:00+01:00. */
export const toDanishIso = remembered(renderDanishIso);

function renderDanishIso(instant: Instant): string {
  const offset = danishOffsetAt(instant);
  const w = wallTimeOfLocal(instant + offset);
  // Years outside 0–9999 take the extended form (±YYYYYY) only Date writes.
  const local = w.year >= 0 && w.year <= 9999
    ? `${TWO_DIGITS[Math.floor(w.year / 100)]}${TWO_DIGITS[w.year % 100]}-${TWO_DIGITS[w.month]}-${TWO_DIGITS[w.day]}T${TWO_DIGITS[w.hour]}:${TWO_DIGITS[w.minute]}:${TWO_DIGITS[w.second]}`
    : new Date(instant + offset).toISOString().slice(0, 19);
  const sign = offset >= 0 ? '+' : '-';
  const hours = Math.floor(Math.abs(offset) / HOUR);
  const minutes = Math.floor((Math.abs(offset) % HOUR) / 60_000);
  return `${local}${sign}${pad2(hours)}:${pad2(minutes)}`;
}

/** "00" … "99". */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
