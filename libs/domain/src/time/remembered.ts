/**
 * Remembers a pure function's answers, bounded. A fold renders the same few instants and dates
 * again and again (every status of a stream repeats the instruments' times), and formatting them
 * was a large share of the fold's profile. Never changes an answer; only for functions of one
 * string or number, whose keys are told apart as a `Map` tells them apart (0 and −0 are one key).
 *
 * Whole minutes — most rendered instants: clinicians state times to the minute, days start at
 * midnight — are kept in a table with one slot per minute modulo its size (the largest power of two
 * up to `limit`): each slot holds the latest minute asked that falls in it. Consecutive minutes
 * never share a slot, so with the default size every minute of any 45 days stays remembered; a
 * minute whose slot holds another is computed again. A slot is two array reads, where the `Map`
 * these minutes were kept in before was 5–8 % of the fold's and the rebuild's CPU
 * (`Builtins_FindOrderedHashMapEntry`). Other keys (strings, instants off the minute) are kept in
 * a `Map` of at most `limit` entries that starts afresh when it is full.
 */
export function remembered<K extends string | number, V>(compute: (key: K) => V, limit = 100_000): (key: K) => V {
  const memory = new Map<K, V>();
  let minutes: MinuteTable<V> | undefined; // made on the first whole minute asked: a memo of strings never needs it
  return (key: K) => {
    const minute = typeof key === 'number' ? wholeMinute(key) : undefined;
    if (minute === undefined) return recall(memory, key, compute, limit);
    minutes ??= minuteTable(limit);
    const slot = minute & (minutes.size - 1);
    const known = minutes.answers[slot];
    if (known !== undefined && minutes.minutes[slot] === minute) return known;
    const value = compute(key);
    minutes.minutes[slot] = minute;
    minutes.answers[slot] = value;
    return value;
  };
}

interface MinuteTable<V> {
  size: number;
  minutes: Int32Array;
  answers: (V | undefined)[];
}

function minuteTable<V>(limit: number): MinuteTable<V> {
  const size = 2 ** Math.floor(Math.log2(Math.max(limit, 1)));
  return { size, minutes: new Int32Array(size), answers: new Array<V | undefined>(size).fill(undefined) };
}

function recall<K, V>(memory: Map<K, V>, key: K, compute: (key: K) => V, limit: number): V {
  let value = memory.get(key);
  if (value === undefined) {
    if (memory.size >= limit) memory.clear();
    value = compute(key);
    memory.set(key, value);
  }
  return value;
}

/**
 * An instant (ms since 1970) on a whole minute, as its number of minutes — a small integer that
 * indexes the minute table. The product check keeps out what only rounds to a whole minute
 * (fractions of a millisecond, subnormals, which divide to 0). Bounded to 2³⁰ minutes (beyond year
 * 4000) so the number fits the table's 32-bit slots.
 */
function wholeMinute(instant: number): number | undefined {
  const minute = instant / 60_000;
  return Number.isInteger(minute) && minute * 60_000 === instant && Math.abs(minute) < 2 ** 30 ? minute : undefined;
}
