/**
 * Sends what is due, message by message: every owed message is sent until the transport
 * confirms it, resent when no receipt came, and escalated when someone must act — each on its
 * own schedule (the delivery decider's `dueAt`), so one recipient that cannot take messages
 * never holds up another. A round's outcomes are stored in one commit.
 */
import { randomUUID } from 'node:crypto';
import { decideDelivery, DeliveryEvent, DeliveryPolicy } from '@dnr/domain';
import { MessageTransport } from '@dnr/messaging';
import { deliverToOf, OutboxEntry, OutboxStore } from '../store/outbox-store';
import { addressFromDirectory } from './addressing';
import { encodeEnvelope } from './encode-envelope';

const FAILURES_ENDING_A_ROUND = 3;

/**
 * Not sent because an earlier message to the same place for the same patient has not gone out:
 * it waits, backs off and escalates exactly as if its own send had failed.
 */
const placeOf = (entry: OutboxEntry) => `${entry.message.patientId}|${deliverToOf(entry.message)}`;

const held = (at: number): DeliveryEvent => ({ type: 'send_failed', at, error: 'venter på en tidligere meddelelse til samme modtager om samme patient' });

export interface DispatcherOptions {
  policy: DeliveryPolicy;
  now: () => number;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Messages looked at per round. */
  batch?: number;
  /** The longest sleep between rounds, so a clock change or a missed wake-up costs at most this. */
  idleMs?: number;
}

export class Dispatcher {
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private wakeUp: () => void = () => undefined;
  private woken = false;

  constructor(private readonly outbox: OutboxStore, private readonly transport: MessageTransport, private readonly options: DispatcherOptions) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** New messages were recorded, a receipt came or an address became known: look again now. */
  wake(): void {
    this.woken = true;
    this.wakeUp();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        this.readdress();
        if ((await this.round()) === 0) await this.sleep();
      } catch (error) {
        this.options.log('error', `delivery round failed: ${String(error)}`);
        await this.sleep();
      }
    }
  }

  /** One round: decide for each due message, send those that go out, store every outcome in one commit. Answers how many messages it dealt with or left for the next round. */
  async round(): Promise<number> {
    const now = this.options.now();
    const due = this.outbox.due(now, this.options.batch ?? 100);
    const outcomes = new Map<string, DeliveryEvent>();
    const sentTo = new Set<string>();
    let waitingForThisRound = 0;
    let failedInARow = 0;
    for (const entry of due) {
      // Several failures in a row look like the transport itself is down (a broker outage): end
      // the round and store what happened, rather than wait out a time-out for every message.
      if (!this.running || failedInARow >= FAILURES_ENDING_A_ROUND) break;
      const place = placeOf(entry);
      if (entry.held && sentTo.has(place)) { waitingForThisRound += 1; continue; } // its predecessor went out in this round: next round
      const { send } = decideDelivery(entry.delivery, { type: 'due', at: now }, this.options.policy);
      const outcome: DeliveryEvent = !send ? { type: 'due', at: now } : entry.held ? held(now) : await this.send(entry);
      if (outcome.type === 'sent') sentTo.add(place);
      if (!entry.held) failedInARow = outcome.type === 'send_failed' ? failedInARow + 1 : 0;
      outcomes.set(entry.message.messageId, outcome);
    }
    this.outbox.update([...outcomes.keys()], (entry) => decideDelivery(entry.delivery, outcomes.get(entry.message.messageId) as DeliveryEvent, this.options.policy).delivery);
    return outcomes.size + waitingForThisRound;
  }

  /** Messages waiting for an address (R7.3a): those the directory can now address are due again. */
  readdress(): void {
    const now = this.options.now();
    const nowAddressable = this.outbox.unaddressed(500).filter((e) => addressFromDirectory(e.message, this.lookUp).ok).map((e) => e.message.messageId);
    if (nowAddressable.length) this.outbox.update(nowAddressable, (e) => decideDelivery(e.delivery, { type: 'addressed', at: now }, this.options.policy).delivery);
  }

  private readonly lookUp = (sor: string) => this.outbox.sites.get(sor);

  private async send(entry: OutboxEntry): Promise<DeliveryEvent> {
    const addressed = addressFromDirectory(entry.message, this.lookUp);
    if (!addressed.ok) return { type: 'unaddressed', at: this.options.now(), missing: addressed.missing };
    try {
      await this.transport.deliver(encodeEnvelope(addressed.message, randomUUID()));
      return { type: 'sent', at: this.options.now() };
    } catch (error) {
      const why = `${this.transport.name}: ${error instanceof Error ? error.message : String(error)}`;
      this.options.log('warn', `message ${entry.message.messageId} not delivered (${why}); retrying with back-off`);
      return { type: 'send_failed', at: this.options.now(), error: why };
    }
  }

  /** Until the next message falls due, a wake-up, or `idleMs`. */
  private sleep(): Promise<void> {
    if (this.woken || !this.running) { this.woken = false; return Promise.resolve(); }
    const next = this.outbox.nextDueAt();
    const idle = this.options.idleMs ?? 1_000;
    const ms = next === null ? idle : Math.max(0, Math.min(idle, next - this.options.now()));
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => { clearTimeout(timer); this.wakeUp = () => undefined; this.woken = false; resolve(); };
      timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
