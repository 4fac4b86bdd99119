/**
 * The contract every EventStore adapter must pass. Run it against SQLite in CI, and against a
 * real KurrentDB server whenever KURRENTDB_CONNECTION_STRING is set.
 */
import { randomUUID } from 'node:crypto';
import { until } from '../../../../test/support/until';
import { DuplicateEventError, EventStore, StoredEvent, WrongExpectedVersionError } from '../event-store.port';

export interface StoreHarness {
  /** Opens the store at the harness's location (again after close, for the reopen test). */
  open(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

const ev = (n: number) => ({ eventId: randomUUID(), type: 'Test', payload: { n }, metadata: { m: n } });

/** `unavailable`: why this run cannot reach the adapter's backend; the suite is then reported as skipped under that reason. */
export function describeEventStoreContract(name: string, harness: () => StoreHarness, unavailable?: string) {
  const suite = unavailable ? describe.skip : describe;
  suite(`EventStore contract: ${name}${unavailable ? ` — SKIPPED: ${unavailable}` : ''}`, () => {
    let h: StoreHarness;
    let store: EventStore;
    const stream = () => `patient-${randomUUID()}`;

    beforeEach(async () => {
      h = harness();
      store = await h.open();
    });
    afterEach(async () => {
      await store.close();
      await h.cleanup();
    });

    it('appends and reads back in order, versions from 1', async () => {
      const s = stream();
      expect(await store.append(s, [ev(1), ev(2)], 'no_stream')).toMatchObject({ version: 2 });
      expect(await store.append(s, [ev(3)], 2)).toMatchObject({ version: 3 });
      const read = await store.readStream(s);
      expect(read.map((e) => [e.version, (e.payload as { n: number }).n, e.metadata])).toEqual([[1, 1, { m: 1 }], [2, 2, { m: 2 }], [3, 3, { m: 3 }]]);
      expect(await store.streamVersion(s)).toBe(3);
    });

    it('an unknown stream reads empty at version 0', async () => {
      expect(await store.readStream(stream())).toEqual([]);
      expect(await store.streamVersion(stream())).toBe(0);
    });

    it('refuses a stale expected version and writes nothing', async () => {
      const s = stream();
      await store.append(s, [ev(1)], 'no_stream');
      await expect(store.append(s, [ev(2)], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.append(s, [ev(2)], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.streamVersion(s)).toBe(1);
    });

    it('refuses a duplicate event id (a retried append) and writes nothing', async () => {
      const s = stream();
      const e = ev(1);
      await store.append(s, [e], 'no_stream');
      await expect(store.append(s, [{ ...e }], 'any')).rejects.toBeInstanceOf(DuplicateEventError);
      expect(await store.streamVersion(s)).toBe(1);
      expect((await store.findEvent(s, e.eventId))?.version).toBe(1);
    });

    it('concurrent appends at the same expected version: exactly one wins, no lost update', async () => {
      const s = stream();
      await store.append(s, [ev(0)], 'no_stream');
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.append(s, [ev(i + 1)], 1)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.streamVersion(s)).toBe(2);
    });

    it('concurrent appends with `any` all land with distinct, gap-free versions', async () => {
      const s = stream();
      await Promise.all(Array.from({ length: 25 }, (_, i) => store.append(s, [ev(i)], 'any')));
      const read = await store.readStream(s);
      expect(read.map((e) => e.version)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    });

    it('global positions increase across streams and readAll pages by position and prefix', async () => {
      const a = stream();
      const other = `lookup-${randomUUID()}`;
      await store.append(a, [ev(1)], 'any');
      await store.append(other, [ev(2)], 'any');
      await store.append(a, [ev(3)], 'any');
      const all = await store.readAll(null, 10_000);
      const positions = all.map((e) => BigInt(e.position));
      expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
      const mine = all.filter((e) => e.streamId === a || e.streamId === other).map((e) => (e.payload as { n: number }).n);
      expect(mine).toEqual([1, 2, 3]);
      const patients = await store.readAll(null, 10_000, 'patient-');
      expect(patients.every((e) => e.streamId.startsWith('patient-'))).toBe(true);
      const afterFirst = await store.readAll(all[0].position, 1);
      expect(afterFirst[0].position).toBe(all[1].position);
    });

    it('a subscription delivers existing and new events in order, once each, from a position', async () => {
      const s = stream();
      await store.append(s, [ev(1), ev(2)], 'no_stream');
      const seen: StoredEvent[] = [];
      const sub = store.subscribe({ after: null, streamPrefix: 'patient-', onEvents: async (es) => { seen.push(...es.filter((e) => e.streamId === s)); } });
      await store.append(s, [ev(3)], 2);
      await until(() => seen.length === 3, 10_000, 'three events');
      await sub.stop();
      expect(seen.map((e) => e.version)).toEqual([1, 2, 3]);
      const rest: StoredEvent[] = [];
      const resumed = store.subscribe({ after: seen[1].position, streamPrefix: 'patient-', onEvents: async (es) => { rest.push(...es.filter((e) => e.streamId === s)); } });
      await until(() => rest.length === 1, 10_000, 'the event after the position');
      await resumed.stop();
      expect(rest.map((e) => e.version)).toEqual([3]);
    });

    it('reads a stream backwards in pages: newest first, below a version, at most a limit', async () => {
      const s = stream();
      await store.append(s, [ev(1), ev(2), ev(3), ev(4), ev(5)], 'no_stream');
      expect((await store.readStreamBackwards(s, { limit: 2 })).map((e) => e.version)).toEqual([5, 4]);
      expect((await store.readStreamBackwards(s, { before: 4, limit: 2 })).map((e) => e.version)).toEqual([3, 2]);
      expect((await store.readStreamBackwards(s, { before: 2, limit: 10 })).map((e) => e.version)).toEqual([1]);
      expect(await store.readStreamBackwards(s, { before: 1, limit: 10 })).toEqual([]);
      expect(await store.readStreamBackwards(stream(), { limit: 10 })).toEqual([]);
    });

    it('keeps everything across close and reopen', async () => {
      const s = stream();
      await store.append(s, [ev(1), ev(2)], 'no_stream');
      await store.close();
      store = await h.open();
      expect((await store.readStream(s)).map((e) => e.version)).toEqual([1, 2]);
      expect(await store.append(s, [ev(3)], 2)).toMatchObject({ version: 3 });
    });
  });
}

