/** The edge owns the clock; the domain gets time passed in. */
export class Clock {
  now(): number {
    return Date.now();
  }
}
