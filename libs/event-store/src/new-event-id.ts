/**
 * Ids for new events: UUID version 7 (RFC 9562) — the time in milliseconds, then 74 random
 * bits. As unique as a random (version 4) id, but ids made one after another sort together, so
 * the store's unique index on event ids grows at its end instead of at a random page per append.
 * On SQLite that index's random pages were most of what a group commit wrote: measured on this
 * kind of machine, a commit of 128 audit lines took 42–46 µs per line with random ids and
 * 23–28 µs with these (docs/performance.md, round 16). The time in the id says no more than the
 * event itself does (its recordedAt, an audit line's `at`).
 */
import { randomUUID } from 'node:crypto';

export function newEventId(now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: its random digits, and V carrying the variant bits
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19, 23)}-${random.slice(24)}`;
}
