/**
 * The relay is background work that shares the process' cores and disk with the thread that
 * answers a crew's lookup. After a busy stretch it rests `ratio` times as long as it worked
 * (RELAY_REST_RATIO, default 3): a backlog then drains at about a quarter of full speed, and
 * lookups keep their latency while it does (docs/performance.md, the drain figures). Idle, it
 * rests not at all: a single handover's messages go out at once.
 */
export function restAfter(workedMs: number, ratio: number): Promise<void> {
  if (ratio <= 0 || workedMs <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, Math.min(workedMs * ratio, 1_000)));
}
