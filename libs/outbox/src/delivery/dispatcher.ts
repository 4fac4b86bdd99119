/**
 * Sends what is due: every owed message is sent until the transport confirms it, resent when
 * no receipt came, and escalated when someone must act — each on its own schedule (the delivery
 * decider's `dueAt`), so one recipient that cannot take messages never holds up another. A round
 * sends its messages as one batch (one produce request; one folder sync per folder) and stores
 * every outcome in one commit.
 *
 * Each patient and place of delivery is a queue: a message waits only for the earlier ones in its
 * queue to go out, so a recipient never gets a newer status before an older one. The store hands
 * a round only each queue's head (OutboxStore.due), so one patient's long queue costs one message
 * a round and never keeps another patient's message waiting.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AddressedMessage, decideDelivery, DeliveryEvent, DeliveryPolicy, SentParties } from '@dnr/domain';
import { MessageTransport, OutboundEnvelope } from '@dnr/messaging';
import { OutboxEntry, OutboxStore } from '../store/outbox-store';
import { addressFromDirectory } from './addressing';
import { encodeEnvelope } from './encode-envelope';
import { GATHER_MS, rest, restFor } from '../relay/rest';
import { WakeableLoop } from '../relay/wakeable-loop';

/** Messages looked at per round by default; a full round means a backlog (relay/rest.ts). */
const ROUND = 500;

/** What a round did: how many due messages it dealt with, and whether more are waiting now (relay/rest.ts). */
export interface RoundDone {
  handled: number;
  backlog: boolean;
}

export interface DispatcherOptions {
  policy: DeliveryPolicy;
  now: () => number;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Messages looked at per round. */
  batch?: number;
  /** After a full round, rest this many times as long as it took (relay/rest.ts). */
  restRatio?: number;
  /** How fast messages come in now (per ms): a rest never lets the backlog outgrow that (relay/rest.ts). */
  inflowPerMs?: () => number;
  /** The longest sleep between rounds, so a clock change or a missed wake-up costs at most this. */
  idleMs?: number;
}

export class Dispatcher {
  private readonly loop = new WakeableLoop(() => this.turn());

  constructor(private readonly outbox: OutboxStore, private readonly transport: MessageTransport, private readonly options: DispatcherOptions) {}

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** New messages were recorded, a receipt came or an address became known: look again now. */
  wake(): void {
    this.loop.wake();
  }

  private async turn(): Promise<void> {
    try {
      this.readdress();
      const started = performance.now();
      this.loop.takeWakeUp(); // this round reads whatever woke it; only a wake-up during the round calls for another at once
      const { handled, backlog } = await this.round();
      if (handled === 0) await this.sleep();
      else await rest(restFor({
        workedMs: performance.now() - started, handled, full: backlog, ratio: this.options.restRatio ?? 0,
        inflowPerMs: this.options.inflowPerMs?.() ?? 0, gatherMs: GATHER_MS,
      }));
    } catch (error) {
      this.options.log('error', `delivery round failed: ${String(error)}`);
      await this.sleep();
    }
  }

  /**
   * One round: decide for each due message, send those that go out in one batch, store every
   * outcome — and what it means for the messages held behind them — in one commit.
   */
  async round(): Promise<RoundDone> {
    const now = this.options.now();
    const batch = this.options.batch ?? ROUND;
    const due = this.outbox.due(now, batch);
    const behindStuck = this.outbox.heldBehindStuck(batch); // read before the sends: the state the round starts from
    const outcomes = new Map<string, DeliveryEvent>();
    const toSend: Array<{ entry: OutboxEntry; envelope: OutboundEnvelope; sentAs: SentParties }> = [];
    for (const entry of due) {
      const { send } = decideDelivery(entry.delivery, { type: 'due', at: now }, this.options.policy);
      if (!send) { outcomes.set(entry.message.messageId, { type: 'due', at: now }); continue; }
      const addressed = addressFromDirectory(entry.message, this.lookUp);
      if (!addressed.ok) { outcomes.set(entry.message.messageId, { type: 'unaddressed', at: now, missing: addressed.missing }); continue; }
      toSend.push({ entry, envelope: encodeEnvelope(addressed.message, randomUUID()), sentAs: partiesOf(addressed.message) });
    }
    const results = await this.transport.deliverAll(toSend.map((s) => s.envelope));
    const sentAt = this.options.now();
    toSend.forEach(({ entry, envelope, sentAs }, i) => outcomes.set(entry.message.messageId, this.outcomeOf(entry, { envelopeId: envelope.envelopeId, sentAs }, results[i], sentAt)));
    const wentOut = (messageId: string) => outcomes.get(messageId)?.type === 'sent';
    for (const head of due.filter((entry) => entry.waitingBehind && !wentOut(entry.message.messageId))) this.holdBehind(head, outcomes, sentAt);
    for (const { messageId, predecessorId, predecessor } of behindStuck) {
      if (!wentOut(predecessorId) && !outcomes.has(messageId)) outcomes.set(messageId, { type: 'held', at: sentAt, predecessor });
    }
    this.outbox.update([...outcomes.keys()], (entry) => decideDelivery(entry.delivery, outcomes.get(entry.message.messageId) as DeliveryEvent, this.options.policy).delivery);
    // A head that went out with more behind it left the next in its queue due at once: as much a backlog as a full round.
    return { handled: due.length, backlog: due.length >= batch || due.some((entry) => entry.waitingBehind && wentOut(entry.message.messageId)) };
  }

  /**
   * The head of a queue did not go out, so neither do the messages held behind it: they fail and
   * escalate with it (the delivery decider's `held`, given the head's delivery after this round).
   * Their rows are read only now — once per failed send of the head, which backs off to
   * RELAY_RETRY_MAX_SECONDS — never in every round. A head that is not due again (unaddressed)
   * leaves those recorded behind it later to `heldBehindStuck`.
   */
  private holdBehind(head: OutboxEntry, outcomes: Map<string, DeliveryEvent>, at: number): void {
    const predecessor = decideDelivery(head.delivery, outcomes.get(head.message.messageId) as DeliveryEvent, this.options.policy).delivery;
    for (const messageId of this.outbox.heldBehind(head)) outcomes.set(messageId, { type: 'held', at, predecessor });
  }

  private outcomeOf(entry: OutboxEntry, sent: { envelopeId: string; sentAs: SentParties }, failure: Error | null, at: number): DeliveryEvent {
    if (!failure) return { type: 'sent', at, ...sent };
    const why = `${this.transport.name}: ${failure.message}`;
    this.options.log('warn', `message ${entry.message.messageId} not delivered (${why}); retrying with back-off`);
    return { type: 'send_failed', at, error: why };
  }

  /** Messages waiting for an address (R7.3a): those the directory can now address are due again. */
  readdress(): void {
    const now = this.options.now();
    const nowAddressable = this.outbox.unaddressed(500).filter((e) => addressFromDirectory(e.message, this.lookUp).ok).map((e) => e.message.messageId);
    if (nowAddressable.length) this.outbox.update(nowAddressable, (e) => decideDelivery(e.delivery, { type: 'addressed', at: now }, this.options.policy).delivery);
  }

  private readonly lookUp = (sor: string) => this.outbox.sites.get(sor);

  /** Until the next message falls due, a wake-up, or `idleMs`. */
  /** Until the next message falls due, at most `idleMs`. */
  private sleep(): Promise<void> {
    const next = this.outbox.nextDueAt();
    const idle = this.options.idleMs ?? 1_000;
    return this.loop.sleep(next === null ? idle : Math.max(0, Math.min(idle, next - this.options.now())));
  }

}

/** The parties as this send addresses them, kept with the delivery (GET /v1/outbox shows what went out). */
function partiesOf(m: AddressedMessage): SentParties {
  return { sender: m.sender, recipient: m.recipient, ...(m.deliverTo ? { deliverTo: m.deliverTo } : {}) };
}
