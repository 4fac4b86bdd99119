/**
 * R7.3b for patients recorded before the relay kept schedules. A relay.db whose projection had
 * run before feed_schedule existed asks for this once (outbox-schema.ts SCHEDULES_BACKFILL): each
 * patient projected by then gets the schedule the projection would have left, made from their
 * stream — so a registration pending at the upgrade still reaches the feed
 * when it takes effect, and a change that fell due meanwhile is published late, at its own instant.
 *
 * It runs in the relay before the projection resumes (projection/outbox-projector.ts): nothing
 * else writes a schedule meanwhile, and the projection's checkpoint says which events were
 * projected. Patients are found by their first event (version 1) in the store's order, a page at
 * a time, each page and how far it has read in one commit: a restart resumes where it stopped.
 */
import { upcast } from '@dnr/domain';
import { EventStore, patientStream, StoredEvent } from '@dnr/event-store';
import { OUTBOX_CHECKPOINT } from '../store/outbox-schema';
import { FeedSchedule, OutboxStore, SchedulesBackfill } from '../store/outbox-store';
import { scheduleOfRecord } from './timed-changes';

const PAGE = 500;

export interface BackfillOptions {
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** True once the relay is stopping: the backfill ends after the page it is on, and resumes at the next start. */
  stopping: () => boolean;
}

/** Makes the schedules owed, if any. Answers how many patients got one. */
export async function backfillSchedules(store: EventStore, outbox: OutboxStore, options: BackfillOptions): Promise<number> {
  let backfill = outbox.schedulesBackfill();
  if (!backfill) return 0;
  options.log('info', 'status feed: making the schedules of patients projected before schedules were kept');
  const projected = BigInt(outbox.checkpoint(OUTBOX_CHECKPOINT) ?? backfill.upto);
  let made = 0;
  while (backfill && !options.stopping()) {
    const page = await pageOf(store, backfill);
    const schedules = await schedulesOf(store, page.firstEvents, projected, options.log);
    backfill = page.next;
    outbox.recordBackfilledSchedules(schedules, backfill);
    made += schedules.length;
  }
  if (!backfill) options.log('info', `status feed: schedules made for ${made} patients projected before they were kept`);
  return made;
}

/** The next page of patient events up to `upto`: the first event of each patient in it, and where the backfill stands after it. */
async function pageOf(store: EventStore, backfill: SchedulesBackfill): Promise<{ firstEvents: StoredEvent[]; next: SchedulesBackfill | null }> {
  const upto = BigInt(backfill.upto);
  const read = await store.readAll(backfill.after, PAGE, 'patient-');
  const page = read.filter((e) => BigInt(e.position) <= upto);
  const last = page[page.length - 1];
  const done = page.length < read.length || read.length < PAGE || !last;
  return { firstEvents: page.filter((e) => e.version === 1), next: done ? null : { upto: backfill.upto, after: last.position } };
}

/**
 * Each patient's schedule from the events projected (position up to `projected`): one recorded
 * since is the projection's, which resumes after the backfill and carries the schedule on.
 */
async function schedulesOf(store: EventStore, firstEvents: readonly StoredEvent[], projected: bigint, log: BackfillOptions['log']): Promise<FeedSchedule[]> {
  const schedules: FeedSchedule[] = [];
  for (const first of firstEvents) {
    const patientId = first.streamId.slice('patient-'.length);
    const events = (await store.readStream(patientStream(patientId))).filter((e) => BigInt(e.position) <= projected);
    const schedule = scheduleOrNone(patientId, events, log);
    if (schedule) schedules.push(schedule);
  }
  return schedules;
}

/** A stream the fold cannot take (an event this build does not know) costs its own schedule only: the patient gets one at their next event. */
function scheduleOrNone(patientId: string, events: readonly StoredEvent[], log: BackfillOptions['log']): FeedSchedule | null {
  try {
    return scheduleOfRecord(patientId, events.map((e) => ({ event: upcast(e.payload), version: e.version })));
  } catch (error) {
    log('warn', `status feed: no schedule made for patient ${patientId} (${String(error)}); one is made at their next event`);
    return null;
  }
}
