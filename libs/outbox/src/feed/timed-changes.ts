/**
 * R7.3b changes by time alone. Some answers change with no event: a registered refusal becomes
 * DNACPR at 00:00 Danish time on the registration day + 7 (R5.1); an event may state a time after
 * its recording (R1.4). A follower of the feed keeps its last entry, so the relay must publish
 * these too — once each, in order with the patient's event entries.
 *
 * Per patient the relay keeps a schedule in relay.db (feed_schedule): when the answer may next
 * change (the pure `nextChangeAfter`), the instant the feed's answer was last assessed at, and the
 * last event projected. The projection writes it with every event, in the event's own commit
 * (a new event replaces it — after catching up on what fell due before the event); the relay's
 * clock (TimedFeed) re-assesses what falls due, records an entry when a receiver would notice a
 * change, and the next schedule, in one commit. Each change by time is keyed by the last event
 * and the instant (outbox-schema.ts), so whoever records it first, it is on the feed once.
 */
import { EMPTY_STREAM_STATUS, Instant, instantOf, nextChangeAfter, PatientEvent, queryAsOf, statusChangedByTime, streamStatusOf, StreamStatus, toDanishIso, upcast, withEvent } from '@dnr/domain';
import { EventStore, patientStream } from '@dnr/event-store';
import { FeedSchedule, OutboxStore, StatusChange } from '../store/outbox-store';
import { WakeableLoop } from '../relay/wakeable-loop';

/**
 * The changes time alone made from `schedule` up to and including `until`, and the schedule after
 * them (null: nothing more will change by time alone). `stream` is the stream the schedule was made on.
 */
export function changesByTime(stream: StreamStatus, schedule: FeedSchedule, until: Instant): { changes: StatusChange[]; next: FeedSchedule | null } {
  const changes: StatusChange[] = [];
  let { sinceAt, dueAt } = schedule;
  while (dueAt <= until) {
    const status = statusChangedByTime(stream, schedule.patientId, sinceAt, dueAt);
    if (status) changes.push({ patientId: schedule.patientId, causedBy: schedule.causedBy, at: toDanishIso(dueAt), status, by: 'time' });
    sinceAt = dueAt;
    const next = nextChangeAfter(stream, sinceAt);
    if (next === null) return { changes, next: null };
    dueAt = next;
  }
  return { changes, next: { ...schedule, sinceAt, dueAt } };
}

/**
 * The schedule after an event (`stream` includes it; `askedAt`: the instant its own feed entry is
 * assessed at, status-change.ts queryAsOf). Registration and handovers change nothing in force
 * (R3.3): the answer was last assessed where it was before them (`before`), though a handover's
 * stated time may lie days ahead.
 */
export function scheduleAfter(stream: StreamStatus, patientId: string, event: PatientEvent, version: number, askedAt: Instant, before: FeedSchedule | null): FeedSchedule | null {
  const unchanging = event.type === 'PatientRegistered' || event.type === 'HandedOverTo';
  const sinceAt = unchanging ? before?.sinceAt ?? instantOf(event.recordedAt) : askedAt;
  const dueAt = nextChangeAfter(stream, sinceAt);
  return dueAt === null ? null : { patientId, dueAt, sinceAt, causedBy: event.eventId, version };
}

/**
 * The schedule the projection would have left after the last of `events` (each with its stream
 * version), made event by event as it makes it — for a patient projected before schedules were
 * kept (schedule-backfill.ts). What the relay's clock would have moved on between events is not
 * replayed: nothing by time was published for such a patient, so the clock, starting from the last
 * event's own assessment, publishes every change since.
 */
export function scheduleOfRecord(patientId: string, events: ReadonlyArray<{ event: PatientEvent; version: number }>): FeedSchedule | null {
  let stream = EMPTY_STREAM_STATUS;
  let schedule: FeedSchedule | null = null;
  for (const { event, version } of events) {
    stream = withEvent(stream, event);
    schedule = scheduleAfter(stream, patientId, event, version, queryAsOf(event, patientId).at, schedule);
  }
  return schedule;
}

export interface TimedFeedOptions {
  now: () => number;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Called after changes were recorded (the feed publisher wakes up). */
  onRecorded: () => void;
  /** The longest sleep between looks: the projection adds schedules without telling. */
  idleMs?: number;
}

const PAGE = 100;

/** The relay's clock for the status feed: re-assesses each schedule that falls due. */
export class TimedFeed {
  private readonly loop = new WakeableLoop(() => this.turn());

  constructor(private readonly store: EventStore, private readonly outbox: OutboxStore, private readonly options: TimedFeedOptions) {}

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /**
   * Every schedule due by `now`: its changes and its next schedule, one commit per patient.
   * Assessed on the events the schedule was made on (up to its version): a later event is the
   * projection's to catch up on. Answers how many changes were recorded.
   */
  async runDue(now: number): Promise<number> {
    let recorded = 0;
    for (const schedule of this.outbox.feedDue(now, PAGE)) {
      const stream = await this.streamOf(schedule);
      if (!stream) continue;
      const { changes, next } = changesByTime(stream, schedule, now);
      if (this.outbox.recordTimedChanges(schedule, changes, next)) recorded += changes.length;
    }
    if (recorded > 0) this.options.onRecorded();
    return recorded;
  }

  private async streamOf(schedule: FeedSchedule): Promise<StreamStatus | null> {
    const stored = await this.store.readStream(patientStream(schedule.patientId));
    const events = stored.filter((e) => e.version <= schedule.version).map((e) => upcast(e.payload));
    if (events[events.length - 1]?.eventId !== schedule.causedBy) {
      this.options.log('warn', `status feed: patient ${schedule.patientId}'s schedule names an event the stream does not end with at version ${schedule.version}; left to the projection`);
      return null;
    }
    return streamStatusOf(events);
  }

  private async turn(): Promise<void> {
    try {
      await this.runDue(this.options.now());
    } catch (error) {
      this.options.log('warn', `status feed: re-assessing what fell due failed (${String(error)}); retrying`);
    }
    await this.loop.sleep(this.untilNextDue());
  }

  private untilNextDue(): number {
    const idle = this.options.idleMs ?? 1_000;
    const due = this.outbox.nextFeedDueAt();
    return due === null ? idle : Math.max(0, Math.min(idle, due - this.options.now()));
  }
}
