/**
 * The relay: the outbox projection (events → owed messages and status changes, checkpointed),
 * the dispatcher (owed messages → transport, receipts, resends, escalation) and the status-feed
 * publisher (changes → transport, R7.3b) with its clock (changes by time alone, feed/timed-changes.ts),
 * started and stopped together.
 * It runs on its own thread (relay-thread.ts) and, behind a lease, as the only active relay.
 */
import { DeliveryPolicy, upcast } from '@dnr/domain';
import { EventStore } from '@dnr/event-store';
import { MessageTransport } from '@dnr/messaging';
import { Dispatcher } from '../delivery/dispatcher';
import { StatusPublisher } from '../feed/status-publisher';
import { TimedFeed } from '../feed/timed-changes';
import { OUTBOX_CHECKPOINT, OutboxProjector } from '../projection/outbox-projector';
import { OutboxStore } from '../store/outbox-store';
import { Inflow } from './rest';

export type RelayLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface RelayOptions {
  policy: DeliveryPolicy;
  /** RELAY_REST_RATIO (relay/rest.ts). */
  restRatio?: number;
  now?: () => number;
  log: RelayLog;
}

export class Relay {
  private readonly projector: OutboxProjector;
  private readonly dispatcher: Dispatcher;
  private readonly publisher: StatusPublisher;
  private readonly timed: TimedFeed;
  /** Patient events appended now, as the host tells of them (relay-worker.ts): the projection's inflow. */
  private readonly appends = new Inflow();
  private readonly now: () => number;

  constructor(store: EventStore, outbox: OutboxStore, transport: MessageTransport, options: RelayOptions) {
    const now = options.now ?? Date.now;
    this.now = now;
    const { policy, log, restRatio } = options;
    // The dispatcher's inflow: messages the projection records at the head of the store — what comes in now.
    // While the projection catches up on a backlog it is the slower stage, and its own rest keeps pace with the appends.
    const recordedAtHead = new Inflow();
    this.dispatcher = new Dispatcher(outbox, transport, { policy, now, log, restRatio, inflowPerMs: () => recordedAtHead.perMs(now()) });
    this.publisher = new StatusPublisher(outbox, transport, { log, firstRetryMs: policy.firstRetryMs, maxRetryMs: policy.maxRetryMs });
    const onRecorded = (owed: number, atHead: boolean) => {
      if (atHead) recordedAtHead.add(owed, now());
      this.dispatcher.wake();
      this.publisher.wake();
    };
    this.timed = new TimedFeed(store, outbox, { now, log, onRecorded: () => this.publisher.wake() });
    this.projector = new OutboxProjector(store, outbox, { policy, now, log, restRatio, onRecorded, appendsPerMs: () => this.appends.perMs(now()) });
  }

  start(): void {
    this.projector.start();
    this.dispatcher.start();
    this.publisher.start();
    this.timed.start();
  }

  async stop(): Promise<void> {
    await this.timed.stop();
    await this.projector.stop();
    await this.dispatcher.stop();
    await this.publisher.stop();
  }

  /** Something changed that may make a message deliverable now (a receipt, an address). */
  wake(): void {
    this.dispatcher.wake();
  }

  /**
   * The host appended to this many patient streams (its wake-ups; two appends to one stream in
   * the same turn count once). Where no host tells (another process, KurrentDB) this stays 0:
   * KurrentDB's subscription hands over one event at a time and never rests; a separate relay
   * process on the same SQLite file drains a backlog at the resting pace whatever comes in.
   */
  appended(streams: number): void {
    this.appends.add(streams, this.now());
  }
}

const LAG_WINDOW = 10_000;

/** How far the projection is behind: patient events after its checkpoint (up to 10,000) and the age of the oldest. */
export async function relayLag(store: EventStore, outbox: OutboxStore, now: number): Promise<{ events: number; seconds: number }> {
  const behind = await store.readAll(outbox.checkpoint(OUTBOX_CHECKPOINT), LAG_WINDOW, 'patient-');
  if (behind.length === 0) return { events: 0, seconds: 0 };
  const oldest = Date.parse(upcast(behind[0].payload).recordedAt);
  return { events: behind.length, seconds: Math.max(0, (now - oldest) / 1000) };
}
