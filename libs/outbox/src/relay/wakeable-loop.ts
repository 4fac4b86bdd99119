/**
 * The shape the relay's background workers share (the dispatcher, the status-feed publisher and
 * its clock): a turn repeated until stopped, each turn sleeping as long as it decides — unless
 * woken. A wake-up that comes while a turn is working is kept, so that turn's sleep is skipped:
 * what was recorded meanwhile never waits for the next timer. Stopping wakes a sleeping turn and
 * waits for it to end, so no work is cut off half-way.
 */
export class WakeableLoop {
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private wakeUp: () => void = () => undefined;
  private woken = false;

  /** `turn` runs again and again while the loop runs; it sleeps with `sleep`. */
  constructor(private readonly turn: () => Promise<void>) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Something may be due now: the sleeping turn ends, or the next sleep is skipped. */
  wake(): void {
    this.woken = true;
    this.wakeUp();
  }

  /** Called as a turn starts reading: whatever woke the loop is read now, so only a later wake-up skips the sleep. */
  takeWakeUp(): void {
    this.woken = false;
  }

  /** Sleeps up to `ms`, ended early by a wake-up; not at all when one is pending or the loop is stopping. */
  sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => { clearTimeout(timer); this.wakeUp = () => undefined; this.woken = false; resolve(); };
      timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private async run(): Promise<void> {
    while (this.running) await this.turn();
  }
}
