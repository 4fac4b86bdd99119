/**
 * The outbox projection as a process: follows every patient stream from its checkpoint, works
 * out what each event owes (the pure `messagesOnEvent`), and records those messages together
 * with the new checkpoint in one commit. So the outbox never misses an event, never records one
 * twice, and after a crash resumes exactly where its last commit ended. Delivery is the
 * dispatcher's job: recording never waits for a transport, so one slow recipient or a broker
 * outage never holds up the projection.
 */
import { decideDelivery, DeliveryPolicy, foldOutbox, HandoverMessage, messagesOnEvent, OutboxLedger, PatientEvent, queryAsOf, upcast } from '@dnr/domain';
import { EventStore, patientStream, StoredEvent, Subscription } from '@dnr/event-store';
import { FeedSchedule, NamedSite, OutboxStore, OwedMessage, StatusChange } from '../store/outbox-store';
import { changesByTime, scheduleAfter } from '../feed/timed-changes';
import { backfillSchedules } from '../feed/schedule-backfill';
import { performance } from 'node:perf_hooks';
import { StreamLedgers } from './stream-ledgers';
import { rest, restFor } from '../relay/rest';
import { addressFromDirectory } from '../delivery/addressing';
import { OUTBOX_CHECKPOINT } from '../store/outbox-schema';

export { OUTBOX_CHECKPOINT };
/** A page this long means the projection is catching up on a backlog (the SQLite subscription reads 500 at a time). */
const FULL_PAGE = 250;
/** The schedules' backfill is tried this often (0.5 s, 1 s, 2 s apart) before the projection goes on without it. */
const BACKFILL_ATTEMPTS = 4;

export interface ProjectorOptions {
  policy: DeliveryPolicy;
  now: () => number;
  /**
   * Called after a commit that recorded new messages or status changes (the dispatcher and the
   * feed publisher wake up): how many messages, and whether the page was the head of the store
   * (not full), so they are what comes in now rather than a backlog caught up on.
   */
  onRecorded: (owed: number, atHead: boolean) => void;
  /** Patient events appended per ms now, where the relay is told of appends (relay.ts); a rest never falls behind it. */
  appendsPerMs?: () => number;
  /** After a full page, rest this many times as long as it took (relay/rest.ts). */
  restRatio?: number;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class OutboxProjector {
  private subscription: Subscription | null = null;
  private starting: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly ledgers = new StreamLedgers();

  constructor(private readonly store: EventStore, private readonly outbox: OutboxStore, private readonly options: ProjectorOptions) {}

  /** Subscribes from the checkpoint — after the schedules owed from before they were kept, if any (feed/schedule-backfill.ts). */
  start(): void {
    this.stopping = false;
    this.starting = this.backfill().then(() => {
      if (this.stopping) return;
      this.subscription = this.store.subscribe({
        after: this.outbox.checkpoint(OUTBOX_CHECKPOINT),
        streamPrefix: 'patient-',
        onEvents: (events) => this.project(events),
        onError: (error) => this.options.log('warn', `outbox projection: reading the event store failed (${String(error)}); retrying`),
      });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.starting;
    await this.subscription?.stop();
    this.subscription = null;
  }

  /**
   * Before the projection moves on, so the checkpoint still says who was projected before. But
   * owed messages matter more than a late schedule: after a few failed attempts the projection
   * goes on, and the backfill — still asked for — is tried again at the next start.
   */
  private async backfill(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt += 1) {
      try {
        await backfillSchedules(this.store, this.outbox, { log: this.options.log, stopping: () => this.stopping });
        return;
      } catch (error) {
        const last = attempt >= BACKFILL_ATTEMPTS;
        this.options.log(last ? 'error' : 'warn', `status feed: making the schedules owed failed (${String(error)}); ${last ? 'the projection goes on, tried again at the next start' : 'retrying'}`);
        if (last) return;
        await rest(500 * 2 ** (attempt - 1));
      }
    }
  }

  /** A page of events: what each owes and how each changed the status, recorded with the checkpoint after the last, in one commit. */
  private async project(events: StoredEvent[]): Promise<void> {
    const started = performance.now();
    const owed: OwedMessage[] = [];
    const changes: StatusChange[] = [];
    const sites: NamedSite[] = [];
    const schedules = new Map<string, FeedSchedule | null>();
    for (const event of events) {
      const step = await this.step(event, schedules);
      owed.push(...step.messages.map((m) => this.asOwed(m)));
      changes.push(...step.changes);
      sites.push(...sitesNamedIn(upcast(event.payload)));
    }
    const checkpoint = { name: OUTBOX_CHECKPOINT, position: events[events.length - 1].position };
    this.outbox.recordProjection({ owed, changes, sites, checkpoint, at: this.options.now(), schedules });
    const full = events.length >= FULL_PAGE;
    if (owed.length || changes.length || sites.length) this.options.onRecorded(owed.length, !full);
    // No wait after a page that was not full: the SQLite subscription gathers its pages itself, and KurrentDB's hands over one event at a time.
    await rest(restFor({
      workedMs: performance.now() - started, handled: events.length, full, ratio: this.options.restRatio ?? 0, inflowPerMs: this.options.appendsPerMs?.() ?? 0, gatherMs: 0,
    }));
  }

  /**
   * One event: the messages it owes and the feed's changes — first those time alone made before
   * the event's own entry (R7.3b: what fell due while the relay was behind or between its looks),
   * then the event's — and the patient's schedule after it (`schedules`: this page's, by patient).
   */
  private async step(event: StoredEvent, schedules: Map<string, FeedSchedule | null>): Promise<{ messages: HandoverMessage[]; changes: StatusChange[] }> {
    const patientId = event.streamId.slice('patient-'.length);
    const { events, ledger } = await this.projectedBefore(patientId, event);
    const step = messagesOnEvent(ledger, events, patientId);
    this.ledgers.remember(patientId, { version: event.version, events, ledger: step.ledger });
    const last = events[events.length - 1];
    const askedAt = queryAsOf(last, patientId).at;
    const before = schedules.has(patientId) ? schedules.get(patientId) ?? null : this.outbox.feedSchedule(patientId);
    const timed = before ? this.dueBefore(before, ledger, last, askedAt) : { changes: [], next: null };
    const status = step.statusChange;
    const changes = status ? [...timed.changes, { patientId, causedBy: last.eventId, at: last.recordedAt, status }] : timed.changes;
    schedules.set(patientId, scheduleAfter(step.ledger.status, patientId, last, event.version, askedAt, timed.next ?? before));
    return { messages: step.messages, changes };
  }

  /**
   * What time alone changed on the stream before `event`, up to the instant the event's own entry
   * is assessed at — only for a schedule made on exactly that stream (a relay.db older than the
   * schedules has none). Registration and handovers leave the schedule due as it was: their stated
   * time may lie days ahead, and the relay's clock publishes each change when it falls due.
   */
  private dueBefore(schedule: FeedSchedule, ledger: OutboxLedger, event: PatientEvent, askedAt: number): { changes: StatusChange[]; next: FeedSchedule | null } {
    const stream = ledger.status;
    const madeOn = stream.events[stream.events.length - 1]?.eventId === schedule.causedBy;
    if (!madeOn || event.type === 'PatientRegistered' || event.type === 'HandedOverTo') return { changes: [], next: null };
    return changesByTime(stream, schedule, askedAt);
  }

  private asOwed(message: HandoverMessage): OwedMessage {
    const at = this.options.now();
    const addressed = addressFromDirectory(message, (sor) => this.outbox.sites.get(sor));
    const { delivery } = decideDelivery(null, {
      type: 'owed', at, addressable: addressed.ok, phoneContactRequired: message.phoneContactRequired === true, ...(addressed.ok ? {} : { missing: addressed.missing }),
    }, this.options.policy);
    return { message, delivery };
  }

  /** The stream up to and including `event`, and the ledger before it: remembered, or re-read and folded. */
  private async projectedBefore(patientId: string, event: StoredEvent): Promise<{ events: PatientEvent[]; ledger: OutboxLedger }> {
    const remembered = this.ledgers.at(patientId, event.version - 1);
    if (remembered) return { events: [...remembered.events, upcast(event.payload)], ledger: remembered.ledger };
    const stored = await this.store.readStream(patientStream(patientId));
    const events = stored.filter((e) => e.version <= event.version).map((e) => upcast(e.payload));
    return { events, ledger: foldOutbox(events.slice(0, -1), patientId).ledger };
  }
}

/** Every site a handover names, with who recorded it, for the sites directory. */
function sitesNamedIn(event: PatientEvent): NamedSite[] {
  if (event.type !== 'HandedOverTo') return [];
  const { from, to, generalPractitioner } = event.data;
  const { sub, org, role } = event.recordedBy;
  return (generalPractitioner ? [from, to, generalPractitioner] : [from, to]).map((site) => ({ site, by: { sub, org, role } }));
}
