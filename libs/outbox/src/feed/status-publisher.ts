/**
 * R7.3b publishes the status feed: every recorded change, in position order, to the transport
 * (Kafka topic dnr.status.v1, or the status-feed folder), moving its checkpoint only after the
 * transport confirmed — at least once, under one position and causedBy, across crashes and
 * broker outages. A failed publish is retried with back-off; nothing later overtakes it (a
 * follower of the feed relies on its order).
 */
import { MessageTransport } from '@dnr/messaging';
import { OutboxStore } from '../store/outbox-store';

export const FEED_CHECKPOINT = 'status-feed-published';
const PAGE = 200;

export interface PublisherOptions {
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  firstRetryMs: number;
  maxRetryMs: number;
  idleMs?: number;
}

export class StatusPublisher {
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private wakeUp: () => void = () => undefined;
  private woken = false;
  private failures = 0;

  constructor(private readonly outbox: OutboxStore, private readonly transport: MessageTransport, private readonly options: PublisherOptions) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  wake(): void {
    this.woken = true;
    this.wakeUp();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const published = await this.publishPage();
      if (published === 'failed') await this.sleep(Math.min(this.options.maxRetryMs, this.options.firstRetryMs * 2 ** (this.failures - 1)));
      else if (published === 0) await this.sleep(this.options.idleMs ?? 1_000);
    }
  }

  /**
   * One page after the checkpoint, in order, as one batch (one round trip to the broker, one
   * folder sync): the checkpoint moves past the page once the transport confirmed all of it.
   */
  async publishPage(): Promise<number | 'failed'> {
    const after = Number(this.outbox.checkpoint(FEED_CHECKPOINT) ?? 0);
    const page = this.outbox.feedAfter(after, PAGE);
    if (page.length === 0 || !this.running) return 0;
    try {
      await this.transport.publishStatuses(page);
    } catch (error) {
      this.failures += 1;
      this.options.log('warn', `status feed positions ${page[0].position}–${page[page.length - 1].position} not published (${this.transport.name}: ${error instanceof Error ? error.message : String(error)}); retrying with back-off`);
      return 'failed';
    }
    this.failures = 0;
    this.outbox.saveCheckpoint(FEED_CHECKPOINT, String(page[page.length - 1].position));
    return page.length;
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) { this.woken = false; return Promise.resolve(); }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => { clearTimeout(timer); this.wakeUp = () => undefined; this.woken = false; resolve(); };
      timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
