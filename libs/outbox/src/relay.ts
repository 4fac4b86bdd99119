/**
 * The relay: follows every patient stream from its checkpoint, records the messages each
 * event owes, delivers them, and only then moves the checkpoint — so after a crash it resumes
 * at the first event whose messages were not all confirmed (at-least-once, one messageId).
 * A timer resends unanswered messages with a new envelope id and escalates after the last.
 */
import { randomUUID } from 'node:crypto';
import { foldOutbox, messagesOnEvent, OutboxLedger, PatientEvent, upcast } from '@dnr/domain';
import { EventStore, patientStream, StoredEvent, Subscription } from '@dnr/event-store';
import { MessageTransport } from '@dnr/messaging';
import { OutboxEntry, OutboxStore } from './outbox-store';
import { encodeEnvelope } from './encode-envelope';
import { StreamLedgers } from './stream-ledgers';

export interface RelayOptions {
  resendAfterMs: number;
  maxResends: number;
  retryDelayMs: number;
  sweepEveryMs: number;
  now?: () => number;
  log?: (message: string) => void;
}

export const RELAY_DEFAULTS: RelayOptions = { resendAfterMs: 30 * 60_000, maxResends: 2, retryDelayMs: 1_000, sweepEveryMs: 5_000 };
const CHECKPOINT = 'outbox-relay';
const CHECKPOINT_EVERY_EVENTS = 100;
const CHECKPOINT_EVERY_MS = 1_000;

export class Relay {
  private subscription: Subscription | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private stopping = false;
  private readonly now: () => number;
  private readonly ledgers = new StreamLedgers();
  private handled: string | null = null;
  private handledSinceCheckpoint = 0;
  private checkpointedAt = 0;

  constructor(private readonly store: EventStore, private readonly outbox: OutboxStore, private readonly transport: MessageTransport, private readonly options: RelayOptions = RELAY_DEFAULTS) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.stopping = false;
    this.subscription = this.store.subscribe({
      after: this.outbox.checkpoint(CHECKPOINT),
      streamPrefix: 'patient-',
      onEvent: (event) => this.handle(event),
      onError: (error) => this.options.log?.(`relay subscription error: ${String(error)}`),
    });
    this.sweeper = setInterval(() => void this.sweep().catch((e) => this.options.log?.(`relay sweep error: ${String(e)}`)), this.options.sweepEveryMs);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.subscription?.stop();
    this.saveCheckpoint();
  }

  /** One event: record what it owes, deliver each message until the transport confirms, then checkpoint. */
  private async handle(event: StoredEvent): Promise<void> {
    const patientId = event.streamId.slice('patient-'.length);
    const { events, ledger } = await this.projectedBefore(patientId, event);
    const step = messagesOnEvent(ledger, events, patientId);
    this.outbox.record(step.messages);
    for (const m of step.messages) {
      const entry = this.outbox.get(m.messageId);
      if (entry?.state === 'pending') await this.deliverUntilConfirmed(entry);
    }
    if (this.stopping) return;
    this.ledgers.remember(patientId, { version: event.version, events, ledger: step.ledger });
    this.handled = event.position;
    this.handledSinceCheckpoint += 1;
    if (this.handledSinceCheckpoint >= CHECKPOINT_EVERY_EVENTS || this.now() - this.checkpointedAt >= CHECKPOINT_EVERY_MS) this.saveCheckpoint();
  }

  /**
   * The checkpoint only ever names an event whose messages were all confirmed, but it is saved
   * every so often rather than after every event (each save is a synced commit). After a crash
   * the relay re-reads the events since: their messages are recorded already and no longer
   * pending, so nothing is sent twice and nothing is skipped.
   */
  private saveCheckpoint(): void {
    if (this.handled === null || this.handledSinceCheckpoint === 0) return;
    this.outbox.saveCheckpoint(CHECKPOINT, this.handled);
    this.handledSinceCheckpoint = 0;
    this.checkpointedAt = this.now();
  }

  /** The stream up to and including `event`, and the ledger before it: remembered, or re-read and folded. */
  private async projectedBefore(patientId: string, event: StoredEvent): Promise<{ events: PatientEvent[]; ledger: OutboxLedger }> {
    const remembered = this.ledgers.at(patientId, event.version - 1);
    if (remembered) return { events: [...remembered.events, upcast(event.payload)], ledger: remembered.ledger };
    const stored = await this.store.readStream(patientStream(patientId));
    const events = stored.filter((e) => e.version <= event.version).map((e) => upcast(e.payload));
    return { events, ledger: foldOutbox(events.slice(0, -1), patientId).ledger };
  }

  private async deliverUntilConfirmed(entry: OutboxEntry): Promise<void> {
    while (!this.stopping) {
      if (await this.tryDeliver(entry)) return;
      await new Promise((r) => setTimeout(r, this.options.retryDelayMs));
    }
    throw new Error('relay stopping before delivery was confirmed');
  }

  private async tryDeliver(entry: OutboxEntry): Promise<boolean> {
    const envelopeId = randomUUID();
    try {
      await this.transport.deliver(encodeEnvelope(entry.payload, envelopeId));
      this.outbox.markSent(entry.messageId, envelopeId, this.now());
      return true;
    } catch (error) {
      this.outbox.markDeliveryError(entry.messageId, `${this.transport.name}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /** Resends unanswered or transiently refused messages; escalates once the resends are used up. */
  async sweep(): Promise<void> {
    this.saveCheckpoint(); // so a quiet relay's checkpoint (and its lag metric) catches up with what it handled
    for (const entry of this.outbox.due(this.now() - this.options.resendAfterMs)) {
      if (this.stopping) return;
      if (entry.attempts > this.options.maxResends) {
        this.outbox.escalate(entry.messageId, `no receipt after ${this.options.maxResends} resends: phone the recipient`);
      } else {
        await this.tryDeliver(entry);
      }
    }
  }
}

const LAG_WINDOW = 10_000;

/** How far the relay is behind: patient events after its checkpoint (up to 10,000) and the age of the oldest. */
export async function relayLag(store: EventStore, outbox: OutboxStore, now: number): Promise<{ events: number; seconds: number }> {
  const behind = await store.readAll(outbox.checkpoint(CHECKPOINT), LAG_WINDOW, 'patient-');
  if (behind.length === 0) return { events: 0, seconds: 0 };
  const oldest = Date.parse(upcast(behind[0].payload).recordedAt);
  return { events: behind.length, seconds: Math.max(0, (now - oldest) / 1000) };
}
