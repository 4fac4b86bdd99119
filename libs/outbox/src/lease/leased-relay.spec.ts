/** Exactly one active relay: the lease on a real SQLite file, two relays with their own connections and one clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeasedRelay, Startable } from './leased-relay';
import { LeaseTable } from './relay-lease';

let dir: string;
let clock = 0;
const TTL = 15_000;

class RecordingRelay implements Startable {
  running = false;
  starts = 0;
  start() { this.running = true; this.starts += 1; }
  async stop() { this.running = false; }
}

function contender(holder: string) {
  const relay = new RecordingRelay();
  const leased = new LeasedRelay(relay, new LeaseTable(join(dir, 'relay.db')), { holder, ttlMs: TTL, renewEveryMs: 60_000, now: () => clock });
  return { relay, leased };
}

/** One renewal round of a contender, as its timer would run it. */
const round = (c: ReturnType<typeof contender>) => c.leased.renewNow();

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'dnr-lease-')); clock = 1_000_000; });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('the first relay is active, a second one on the same relay state stays on standby', async () => {
  const a = contender('a');
  const b = contender('b');
  a.leased.start();
  await round(a);
  b.leased.start();
  await round(b);
  expect([a.relay.running, b.relay.running]).toEqual([true, false]);
  clock += TTL - 1; // renewals keep it: a renews before b looks again
  await round(a);
  clock += TTL - 1;
  await round(b);
  expect([a.leased.isActive, b.leased.isActive]).toEqual([true, false]);
  await a.leased.stop();
  await b.leased.stop();
});

it('when the active relay dies (stops renewing), the standby takes over once the lease has expired — not before', async () => {
  const a = contender('a');
  const b = contender('b');
  a.leased.start();
  await round(a);
  b.leased.start();
  // a dies here: no more renewals, no release.
  clock += TTL - 1;
  await round(b);
  expect(b.relay.running).toBe(false);
  clock += 2;
  await round(b);
  expect(b.relay.running).toBe(true);
  // a comes back from a long pause: it finds the lease taken and steps down.
  await round(a);
  expect([a.relay.running, b.relay.running]).toEqual([false, true]);
  await a.leased.stop();
  await b.leased.stop();
});

it('a clean stop releases the lease, so the standby takes over at its next renewal without waiting out the lease', async () => {
  const a = contender('a');
  const b = contender('b');
  a.leased.start();
  await round(a);
  b.leased.start();
  await a.leased.stop();
  expect(a.relay.running).toBe(false);
  await round(b);
  expect(b.relay.running).toBe(true);
  await b.leased.stop();
});

it('five contenders in one round on a free lease, and again after it expired: exactly one holds it each time', () => {
  const tables = Array.from({ length: 5 }, () => new LeaseTable(join(dir, 'relay.db')));
  const winners = tables.filter((t, i) => t.tryHold('outbox-relay', `h${i}`, clock, TTL));
  expect(winners).toHaveLength(1);
  clock += TTL + 1;
  expect(tables.filter((t, i) => t.tryHold('outbox-relay', `h${i}`, clock, TTL))).toHaveLength(1);
  tables.forEach((t) => t.close());
});
