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

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeAt(instant: Instant): WallTime {
  const local = new Date(instant + danishOffsetAt(instant));
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
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function formatDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Parses an ISO 8601 timestamp with offset; the schemas guarantee the shape. A fold reads the
 * same few timestamps of a stream again and again, and Date.parse dominated the fold's profile,
 * so parsed values are remembered (same answer, bounded like the offset memo).
 */
const parsed = new Map<string, Instant>();

export function instantOf(timestamp: string): Instant {
  let instant = parsed.get(timestamp);
  if (instant === undefined) {
    if (parsed.size >= 100_000) parsed.clear();
    instant = Date.parse(timestamp);
    parsed.set(timestamp, instant);
  }
  return instant;
}

/** Renders an instant as ISO 8601 with the Danish offset, e.g. 2026-03-08T00:00:00+01:00. */
export const toDanishIso = remembered(renderDanishIso);

function renderDanishIso(instant: Instant): string {
  const offset = danishOffsetAt(instant);
  const local = new Date(instant + offset).toISOString().slice(0, 19);
  const sign = offset >= 0 ? '+' : '-';
  const hours = Math.floor(Math.abs(offset) / HOUR);
  const minutes = Math.floor((Math.abs(offset) % HOUR) / 60_000);
  return `${local}${sign}${pad2(hours)}:${pad2(minutes)}`;
}
