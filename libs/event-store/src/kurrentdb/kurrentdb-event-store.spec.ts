import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { until } from '../../../../test/support/until';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { StoredEvent } from '../event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { KurrentStandInServer } from './testing/kurrent-stand-in';
import { decodePosition, encodePosition } from './positions';
import { retryDelay } from './kurrent-subscription';

// CI: the adapter against the stand-in. A real server: kurrentdb-event-store.server.spec.ts.
describeEventStoreContract('KurrentDB adapter on the in-memory stand-in (no server in CI)', () => {
  const server = new KurrentStandInServer();
  return { open: async () => new KurrentDbEventStore(server.client()), cleanup: async () => undefined };
});

const ev = (n: number) => ({ eventId: randomUUID(), type: 'Test', payload: { n } });

describe('KurrentDB adapter: translations at the border', () => {
  it('packs (commit, prepare) into a decimal string that keeps the log order and unpacks exactly', () => {
    const half = fc.bigInt({ min: 0n, max: (1n << 63n) - 1n });
    fc.assert(fc.property(half, half, half, half, (c1, p1, c2, p2) => {
      const a = { commit: c1, prepare: p1 };
      const b = { commit: c2, prepare: p2 };
      expect(decodePosition(encodePosition(a))).toEqual(a);
      const logOrder = c1 === c2 ? Math.sign(Number(p1 - p2)) : Math.sign(Number(c1 - c2));
      const packedOrder = Math.sign(Number(BigInt(encodePosition(a)) - BigInt(encodePosition(b))));
      expect(packedOrder).toBe(logOrder);
    }));
  });

  it('never hands on system ($) events, with or without a prefix', async () => {
    const store = new KurrentDbEventStore(new KurrentStandInServer().client());
    await store.append(`patient-${randomUUID()}`, [ev(1)], 'no_stream');
    const all = await store.readAll(null, 100);
    expect(all).toHaveLength(1);
    expect(all.every((e) => !e.streamId.startsWith('$'))).toBe(true);
  });

  it('a dropped subscription resumes after the last handled event: nothing skipped, nothing twice', async () => {
    const server = new KurrentStandInServer();
    const store = new KurrentDbEventStore(server.client());
    const stream = `patient-${randomUUID()}`;
    const seen: StoredEvent[] = [];
    const errors: unknown[] = [];
    const sub = store.subscribe({ after: null, streamPrefix: 'patient-', onEvents: async (es) => { seen.push(...es); }, onError: (e) => errors.push(e) });
    await store.append(stream, [ev(1), ev(2)], 'no_stream');
    await until(() => seen.length === 2, 10_000, 'two events');
    server.dropSubscriptions();
    await store.append(stream, [ev(3)], 2);
    await until(() => seen.length === 3, 10_000, 'three events');
    await sub.stop();
    expect(errors).toHaveLength(1);
    expect(seen.map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('backs off exponentially between resubscriptions, capped at 30 s', () => {
    expect([0, 1, 2, 3].map(retryDelay)).toEqual([250, 500, 1000, 2000]);
    expect(retryDelay(20)).toBe(30_000);
  });
});
