/**
 * R7.3b publishes the status feed: every recorded change, in position order, to the transport
 * (Kafka topic dnr.status.v1, or the status-feed folder), moving its checkpoint only after the
 * transport confirmed — at least once, under one position and causedBy, across crashes and
 * broker outages. A failed publish is retried with back-off; nothing later overtakes it (a
 * follower of the feed relies on its order).
 */
import { MessageTransport } from '@dnr/messaging';
import { OutboxStore } from '../store/outbox-store';
import { WakeableLoop } from '../relay/wakeable-loop';

export const FEED_CHECKPOINT = 'status-feed-published';
const PAGE = 200;

export interface PublisherOptions {
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  firstRetryMs: number;
  maxRetryMs: number;
  idleMs?: number;
}

export class StatusPublisher {
  private readonly loop = new WakeableLoop(() => this.turn());
  private failures = 0;

  constructor(private readonly outbox: OutboxStore, private readonly transport: MessageTransport, private readonly options: PublisherOptions) {}

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  wake(): void {
    this.loop.wake();
  }

  private async turn(): Promise<void> {
    const published = await this.publishPage();
    if (published === 'failed') await this.loop.sleep(Math.min(this.options.maxRetryMs, this.options.firstRetryMs * 2 ** (this.failures - 1)));
    else if (published === 0) await this.loop.sleep(this.options.idleMs ?? 1_000);
  }

  /**
   * One page after the checkpoint, in order, as one batch (one round trip to the broker, one
   * folder sync): the checkpoint moves past the page once the transport confirmed all of it.
   */
  async publishPage(): Promise<number | 'failed'> {
    const after = Number(this.outbox.checkpoint(FEED_CHECKPOINT) ?? 0);
    const page = this.outbox.feedAfter(after, PAGE);
    if (page.length === 0 || !this.loop.isRunning) return 0;
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

}
