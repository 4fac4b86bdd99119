/**
 * The relay is background work that shares the process' cores and disk with the thread that
 * answers a crew's lookup. While it works through a backlog — a round or page that came back
 * full, so more is waiting — it rests `ratio` times as long as it worked (RELAY_REST_RATIO,
 * default 3): a backlog then drains at about a quarter of full speed, and lookups keep their
 * latency while it does (docs/performance.md, the drain figures). In steady flow the rounds are
 * never full and it waits only a moment (GATHER_MS), so a handover's messages go out at once
 * however busy the day is.
 *
 * But a rest must never make the relay slower than the work coming in: a quarter of full speed
 * is less than a busy day's inflow, and then one short stall (a broker pause that fills one
 * round) turned into a backlog that only grew — measured: 200 handovers/s for 60 s, p99 from
 * 0.27 s to 63 s. So the rest is cut to what still clears the backlog at twice the rate live
 * work comes in (CATCH_UP); with no live work coming in (a backlog left by a restart drains
 * while the day is quiet), the full rest.
 */
export const CATCH_UP = 2;
const LONGEST_REST_MS = 1_000;

/**
 * After a round or page in steady flow the relay waits this long, so what arrives meanwhile
 * shares the next commit and the next produce request. Without it, waking at every append made
 * a commit (a synchronous fsync on the relay's thread) per handover or two, the fsyncs crowded
 * out the thread's own broker replies, and at 200 handovers/s the relay fell behind for good
 * after half a minute (measured: p50 30 s; with it, p50 63 ms and p99 0.32 s). It bounds each
 * stage to about 40 commits a second, at the price of at most this much latency per stage.
 */
export const GATHER_MS = 25;

export interface RestAfterWork {
  workedMs: number;
  /** Messages or events dealt with in that work. */
  handled: number;
  /** The round or page came back full: more is waiting. */
  full: boolean;
  ratio: number;
  /** How fast such work comes in (per ms); 0 when none does. */
  inflowPerMs: number;
}

/** How long to rest after a round or page (ms). */
export function restFor(work: RestAfterWork): number {
  if (!work.full) return GATHER_MS;
  if (work.ratio <= 0 || work.workedMs <= 0) return 0;
  const asked = Math.min(work.workedMs * work.ratio, LONGEST_REST_MS);
  if (work.inflowPerMs <= 0) return asked;
  const keepsAhead = work.handled / (CATCH_UP * work.inflowPerMs) - work.workedMs;
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

/**
 * The rate at which events came in, read off their own recording times: for the projection,
 * which cannot see appends as they happen (another process or a KurrentDB cluster makes them).
 * Given the live events of a page (outbox-projector.ts), it shows the rate of the traffic the
 * relay fell behind on; a page of a backlog from before has none, and the full rest applies.
 */
export function arrivalRate(recordedAt: readonly number[]): number {
  if (recordedAt.length < 2) return 0;
  const span = Math.max(1, recordedAt[recordedAt.length - 1] - recordedAt[0]);
  return (recordedAt.length - 1) / span;
}
