/**
 * The relay is background work that shares the process' cores and disk with the thread that
 * answers a crew's lookup. While it works through a backlog — a round or page that came back
 * full, so more is waiting — it rests `ratio` times as long as it worked (RELAY_REST_RATIO,
 * default 3): a backlog then drains at about a quarter of full speed, and lookups keep their
 * latency while it does (docs/performance.md, the drain figures). In steady flow the rounds are
 * never full: the dispatcher then waits only a moment (GATHER_MS) and the projection not at all.
 *
 * But a rest must never make the relay slower than the work coming in now: a quarter of full
 * speed can be less than a busy day's inflow, and then one stall that fills a round would turn
 * into a backlog that only grows. So the rest is cut to what still clears the backlog at twice
 * the rate work comes in (CATCH_UP), measured where it comes in (relay.ts); with nothing coming
 * in — a backlog left by a restart, drained while the day is quiet — the full rest.
 */
export const CATCH_UP = 2;
const LONGEST_REST_MS = 1_000;

/**
 * After a round in steady flow the dispatcher waits this long, so what is recorded meanwhile
 * shares the next commit and produce request (the SQLite subscription gathers its pages the
 * same way, polling-subscription.ts). Without it, waking at every append made a commit — a
 * synchronous fsync on the relay's thread — per handover or two; the fsyncs crowded out the
 * thread's own broker replies, and at 200 handovers/s the relay fell behind for good after half
 * a minute (measured: p50 30 s; with both waits, p99 0.21 s over 60 s). About 40 rounds a
 * second at most, for at most this much latency.
 */
export const GATHER_MS = 25;

export interface RestAfterWork {
  workedMs: number;
  /** Messages or events dealt with in that work. */
  handled: number;
  /** The round or page came back full, or left more due at once (the next in a queue): more is waiting. */
  full: boolean;
  ratio: number;
  /** How fast such work comes in now (per ms); 0 when none does or it is not known. */
  inflowPerMs: number;
  /** The wait after work that was not a backlog. */
  gatherMs: number;
}

/** How long to rest after a round or page (ms). */
export function restFor(work: RestAfterWork): number {
  if (!work.full) return work.gatherMs;
  if (!(work.ratio > 0) || !(work.workedMs > 0)) return 0;
  const asked = Math.min(work.workedMs * work.ratio, LONGEST_REST_MS);
  const inflow = Number.isNaN(work.inflowPerMs) ? 0 : work.inflowPerMs; // not known: as before this bound, the full rest
  if (inflow <= 0) return asked;
  const keepsAhead = work.handled / (CATCH_UP * inflow) - work.workedMs;
  return Math.max(0, Math.min(asked, keepsAhead));
}

export function rest(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * How fast something comes in now: a count that decays with a half-life of a few seconds, read
 * as a rate. (A steady rate λ holds the count at λ·H/ln 2, hence the conversion.)
 */
export class Inflow {
  private count = 0;
  private at = 0;

  constructor(private readonly halfLifeMs = 5_000) {}

  add(n: number, now: number): void {
    this.count = this.decayed(now) + n;
    this.at = now;
  }

  perMs(now: number): number {
    return (this.decayed(now) * Math.LN2) / this.halfLifeMs;
  }

  private decayed(now: number): number {
    return this.count * 2 ** (-(Math.max(0, now - this.at)) / this.halfLifeMs);
  }
}
