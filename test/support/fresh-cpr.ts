/**
 * CPR numbers for tests and benchmarks that this process has not handed out before. The century
 * follows from the 7th digit (libs/domain/src/patient/cpr.ts): 0–3 always give the 1900s, 4 and 9
 * the 2000s up to 2036 — so a birth date has 4,000 numbers in the 1900s and 2,000 from 2000 on.
 */
const used = new Map<string, number>();
let days = 0;

/**
 * Born on `birthDate` when one is given; otherwise on 1 March 1948 and, once that day's numbers
 * are used up, the days after it — so a benchmark's 40,000 patients are 40,000 patients (a counter
 * of 1,000 numbers once made the Kafka figure's "fresh" patients 1,000 patients with 40 handovers each).
 */
export function freshCpr(birthDate?: string): string {
  if (birthDate !== undefined) return next(birthDate);
  for (;;) {
    const date = daysAfter('1948-03-01', days);
    if ((used.get(date) ?? 0) < capacityOf(date)) return next(date);
    days += 1;
  }
}

function next(date: string): string {
  const [y, m, d] = date.split('-');
  const serial = used.get(date) ?? 0;
  if (serial >= capacityOf(date)) throw new Error(`no fresh CPR number left for ${date}`);
  used.set(date, serial + 1);
  const seventh = Number(y) < 2000 ? Math.floor(serial / 1000) : [4, 9][Math.floor(serial / 1000)];
  return `${d}${m}${y.slice(2)}${seventh}${String(serial % 1000).padStart(3, '0')}`;
}

function capacityOf(date: string): number {
  const year = Number(date.slice(0, 4));
  if (year >= 1900 && year < 2000) return 4_000;
  if (year >= 2000 && year <= 2036) return 2_000;
  throw new Error(`freshCpr makes CPR numbers for births 1900–2036, not ${date}`);
}

function daysAfter(isoDate: string, n: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
