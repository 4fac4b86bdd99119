/**
 * Remembers a pure function's answers, bounded: when the memory is full it starts afresh. A fold
 * renders the same few instants and dates again and again (every status of a stream repeats the
 * instruments' times), and formatting them was a large share of the fold's profile. Never
 * changes an answer; only for functions of one string or number.
 */
export function remembered<K extends string | number, V>(compute: (key: K) => V, limit = 100_000): (key: K) => V {
  const memory = new Map<K, V>();
  return (key: K) => {
    let value = memory.get(key);
    if (value === undefined) {
      if (memory.size >= limit) memory.clear();
      value = compute(key);
      memory.set(key, value);
    }
    return value;
  };
}
