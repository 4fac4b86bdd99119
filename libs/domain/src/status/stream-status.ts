/**
 * The status of one growing stream, kept event by event — what the outbox projection asks before
 * and after every event. Folding the whole stream for each of its events made a stream's cost
 * grow with the square of its length; here the stream keeps its events in valid-time order with
 * the timeline they make:
 * - an event that takes effect after everything already applied (the usual case: things are
 *   recorded as they happen) costs one step;
 * - one stated earlier is put in its place and the timeline is made again from the ordered
 *   events — once, when it arrives, instead of in every later question about the stream;
 * - a question about a moment before the latest effective time replays the ordered events up to
 *   that moment; one asked as known before the latest recording is answered by the full fold
 *   (`assessStatus`), which picks the events known then.
 * So the answer is always the fold's answer — `stream-status.spec.ts` checks that on random histories.
 */
import { PatientEvent } from '../events/patient-event';
import { Instant, instantOf } from '../time/danish-time';
import { byEffectiveTime, earliestOfInstrument, Effective, entryOf, inEffectiveOrder, revisedInTurn } from './effective-time';
import { assessTimeline, assessStatus, StatusAssessment, StatusQuery } from './status-at';
import { applyToTimeline, copyOfTimeline, emptyTimeline, emptyWillRecord, leavesTimelineAsItIs, Timeline, WillRecord, withRecorded } from './timeline';

export interface StreamStatus {
  readonly events: readonly PatientEvent[];
  /** The events in valid-time order, each with the instant it takes effect (as the fold orders them). */
  readonly ordered: readonly Effective[];
  /** Every event applied in valid-time order. */
  readonly timeline: Timeline;
  readonly wills: WillRecord;
  readonly lastRecordedAt: Instant;
}

export const EMPTY_STREAM_STATUS: StreamStatus = {
  events: [], ordered: [], timeline: emptyTimeline(), wills: emptyWillRecord(), lastRecordedAt: Number.NEGATIVE_INFINITY,
};

/** The stream with one more event (the next in record order). The given value is not changed. */
export function withEvent(s: StreamStatus, event: PatientEvent): StreamStatus {
  const events = [...s.events, event];
  const lastRecordedAt = Math.max(s.lastRecordedAt, instantOf(event.recordedAt));
  const wills = withRecorded(s.wills, event);
  const entries = inTurn(entryOf(event, s.events.length), s.ordered, wills.instrumentOf);
  // A withdrawal whose wish is said before the refusal it withdraws takes effect: two entries, rarely — replay.
  if (entries.length > 1) return streamStatusOf(events);
  const next = entries[0];
  const last = s.ordered[s.ordered.length - 1];
  if (!last || byEffectiveTime(last, next) <= 0) {
    const ordered = [...s.ordered, next];
    if (leavesTimelineAsItIs(event)) return { events, ordered, timeline: s.timeline, wills, lastRecordedAt }; // nor the will record (withRecorded)
    const timeline = copyOfTimeline(s.timeline);
    timeline.activationToTestament = wills.instrumentOf;
    applyToTimeline(timeline, next);
    return { events, ordered, timeline, wills, lastRecordedAt };
  }
  const ordered = inPlace(s.ordered, next);
  return { events, ordered, timeline: timelineUpTo(ordered, wills, Number.POSITIVE_INFINITY), wills, lastRecordedAt };
}

/**
 * The status of a whole recorded stream in one pass: what folding it with `withEvent` gives,
 * without copying the arrays at every step (which makes a long stream cost the square of its
 * length). A service that keeps a patient's status between lookups starts from this, then adds
 * each new event with `withEvent`; a lookup then costs `assessStream`, not a fold of the record.
 */
export function streamStatusOf(events: readonly PatientEvent[]): StreamStatus {
  let wills = emptyWillRecord();
  let lastRecordedAt = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    wills = withRecorded(wills, event);
    lastRecordedAt = Math.max(lastRecordedAt, instantOf(event.recordedAt));
  }
  const ordered = inEffectiveOrder(events);
  return { events, ordered, timeline: timelineUpTo(ordered, wills, Number.POSITIVE_INFINITY), wills, lastRecordedAt };
}

/** The assessment of the whole stream for `query`: one step's worth of work when it can be, the full fold otherwise. */
export function assessStream(s: StreamStatus, query: StatusQuery): StatusAssessment {
  if (s.lastRecordedAt > query.knownAt) return assessStatus(s.events, query);
  return assessTimeline(timelineAt(s, query.at), query, s.events.length);
}

/** A revision takes effect no earlier than the instrument it revises (effective-time.ts revisedInTurn). */
function inTurn(e: Effective, ordered: readonly Effective[], instrumentOf: ReadonlyMap<string, string>): readonly Effective[] {
  const { event } = e;
  if (event.type !== 'Revised') return [e];
  return revisedInTurn(e, earliestOfInstrument(ordered, event.data.decisionId, instrumentOf));
}

/** The ordered events with `next` in its place (after every event that sorts before it). */
function inPlace(ordered: readonly Effective[], next: Effective): Effective[] {
  let i = ordered.length;
  while (i > 0 && byEffectiveTime(ordered[i - 1], next) > 0) i -= 1;
  return [...ordered.slice(0, i), next, ...ordered.slice(i)];
}

/** The timeline of the events that took effect by `at` (the whole stream known). */
export function timelineAt(s: StreamStatus, at: Instant): Timeline {
  const last = s.ordered[s.ordered.length - 1];
  return !last || last.effective <= at ? s.timeline : timelineUpTo(s.ordered, s.wills, at);
}

/** The timeline of the ordered events that took effect by `at`. */
function timelineUpTo(ordered: readonly Effective[], wills: WillRecord, at: Instant): Timeline {
  const timeline = emptyTimeline(wills.instrumentOf);
  for (const e of ordered) {
    if (e.effective > at) break;
    applyToTimeline(timeline, e);
  }
  return timeline;
}
