/**
 * The host's wake-ups for the relay thread, at most one message per turn of the event loop
 * however many appends there were. The message names every stream appended to in that turn:
 * the relay thread's own connection wakes only the subscriptions that follow one of them, so a
 * wake-up that lost its streams woke nothing, and the projection found each handover only at its
 * next poll (200 ms later: the Kafka latency figure's p50 of ≈ 300 ms, docs/performance.md).
 */
export class WakeUps {
  private posted = false;
  private readonly streams = new Set<string>();

  constructor(private readonly post: (streams: string[]) => void) {}

  /** An append to these streams, or (no streams) a receipt or an address: something may be due now. */
  wake(streams: readonly string[] = []): void {
    for (const stream of streams) this.streams.add(stream);
    if (this.posted) return;
    this.posted = true;
    setImmediate(() => {
      this.posted = false;
      const named = [...this.streams];
      this.streams.clear();
      this.post(named);
    });
  }
}
