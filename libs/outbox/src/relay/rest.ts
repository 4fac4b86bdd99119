/**
 * The relay is background work that shares the process' cores and disk with the thread that
 * answers a crew's lookup. While it works through a backlog — a round or page that came back
 * full, so more is waiting — it rests `ratio` times as long as it worked (RELAY_REST_RATIO,
 * default 3): a backlog then drains at about a quarter of full speed, and lookups keep their
 * latency while it does (docs/performance.md, the drain figures). In steady flow the rounds are
 * never full and it does not rest at all, so a handover's messages go out at once however busy
 * the day is (resting after every round had cut its steady throughput to a quarter: the Kafka
 * latency figure went from p99 0.45 s to 1.2 s at 200 handovers/s).
 */
export function restAfter(workedMs: number, ratio: number, full: boolean): Promise<void> {
  if (!full || ratio <= 0 || workedMs <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, Math.min(workedMs * ratio, 1_000)));
}
