/**
 * Remembers a pure function's answers, bounded: when the memory is full it starts afresh. A fold
 * renders the same few instants and dates again and again (every status of a stream repeats the
 * instruments' times), and formatting them was a large share of the fold's profile. Never
 * changes an answer; only for functions of one string or number, whose keys are told apart as a
 * `Map` tells them apart (0 and −0 are one key). `limit` bounds each of its two maps.
 */
export function remembered<K extends string | number, V>(compute: (key: K) => V, limit = 100_000): (key: K) => V {
  const memory = new Map<K, V>();
  const byMinute = new Map<number, V>();
  const recall = <S>(map: Map<S, V>, slot: S, key: K): V => {
    let value = map.get(slot);
    if (value === undefined) {
      if (map.size >= limit) map.clear();
      value = compute(key);
      map.set(slot, value);
    }
    return value;
  };
  return (key: K) => {
    const minute = typeof key === 'number' ? wholeMinute(key) : undefined;
    return minute === undefined ? recall(memory, key, key) : recall(byMinute, minute, key);
  };
}

/**
 * An instant (ms since 1970) on a whole minute, as its number of minutes — a small integer V8
 * hashes and compares without reading a heap number, where the instant itself (≈ 1.7 × 10¹²,
 * beyond V8's small integers) is a heap number the map must dereference at every comparison.
 * Clinicians state times to the minute and days start at midnight, so most rendered instants are
 * whole minutes; the rest (record times stamped to the millisecond) are remembered as they are.
 * Bounded to 2³⁰ minutes (beyond year 4000) so the number stays a small integer.
 */
function wholeMinute(instant: number): number | undefined {
  const minute = instant / 60_000;
  // The product check keeps out what only rounds to a whole minute: fractions of a millisecond, subnormals (which divide to 0).
  return Number.isInteger(minute) && minute * 60_000 === instant && Math.abs(minute) < 2 ** 30 ? minute : undefined;
}
