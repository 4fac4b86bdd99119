/**
 * Times as people read them — »1. marts 2026 kl. 10.00«, Danish time, whatever the browser's own
 * time zone — and the form fields' wall-clock values (datetime-local, read as Danish time) turned
 * into the ISO 8601 timestamps with offset that the API takes.
 */
import { danishDate, danishDateTime, danishOffsetAt, instantOf, toDanishIso } from '@dnr/domain';

/** »1. marts 2026 kl. 10.00« for an ISO timestamp; a text that is not one is shown as »ukendt tidspunkt«, never raw. */
export function whenInDanish(timestamp: string | null | undefined): string {
  if (!timestamp) return 'ukendt tidspunkt';
  const instant = instantOf(timestamp);
  return Number.isNaN(instant) ? 'ukendt tidspunkt' : danishDateTime(instant);
}

/** »1. marts 2026« for YYYY-MM-DD. */
export function dayInDanish(date: string | null | undefined): string {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? danishDate(date) : 'ukendt dato';
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "2026-03-01T10:00" (Danish wall-clock time) → "2026-03-01T10:00:00+01:00"; null if not such a
 * value. In the hour the clocks go back the earlier (summer-time) instant is chosen.
 */
export function danishWallTimeToIso(value: string): string | null {
  const m = WALL.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0));
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  let instant = asUtc - danishOffsetAt(asUtc - 2 * 3_600_000);
  if (danishOffsetAt(instant) !== asUtc - instant) instant = asUtc - danishOffsetAt(instant);
  return toDanishIso(instant);
}

/** The wall-clock value (Danish time, to the second) of an instant, for a datetime-local field. */
export function danishWallTimeOf(instant: number): string {
  return toDanishIso(Math.floor(instant / 1000) * 1000).slice(0, 19);
}
