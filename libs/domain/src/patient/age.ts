/** Ages change at 00:00 Danish time on the birthday (api.md, Conventions). */
import { CalendarDate, danishDateOf, Instant, parseDate } from '../time/danish-time';

/** Completed years on a Danish calendar date. A 29 February birthday is reached on 1 March in common years. */
export function ageOnDate(birthDate: CalendarDate, onDate: CalendarDate): number {
  const born = parseDate(birthDate);
  const on = parseDate(onDate);
  const hadBirthday = on.month > born.month || (on.month === born.month && on.day >= born.day);
  return on.year - born.year - (hadBirthday ? 0 : 1);
}

export function ageAt(birthDate: CalendarDate, instant: Instant): number {
  return ageOnDate(birthDate, danishDateOf(instant));
}

/** The date a number of years after a date (a 29 February falls on 1 March in common years, as birthdays do). */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const { year, month, day } = parseDate(date);
  const shifted = new Date(Date.UTC(year + years, month - 1, day));
  return shifted.toISOString().slice(0, 10);
}
