/** New event ids are UUIDs of version 7 with the RFC 9562 variant, unique, and sort by the time they were made. */
import fc from 'fast-check';
import { z } from 'zod';
import { newEventId } from './new-event-id';

describe('new event ids', () => {
  it('are version 7 UUIDs with the RFC variant that every UUID check accepts, carrying the time', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (now) => {
      const id = newEventId(now);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.uuid().safeParse(id).success).toBe(true);
      expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
    }));
  });

  it('differ from one another within the same millisecond, and sort by the time made', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => newEventId(1_765_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    const byTime = (id: string) => id.slice(0, 13);
    expect([...ids].sort().map(byTime)).toEqual(ids.map(byTime));
  });
});
