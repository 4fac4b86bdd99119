/**
 * The status of one growing stream, kept event by event — what the outbox projection asks before
 * and after every event. Folding the whole stream for each of its events made a stream's cost
 * grow with the square of its length; here each event costs one step while events arrive in
 * valid-time order (the usual case: things are recorded as they happen). An event stated earlier
 * than one already applied, or a question about a moment before the latest stated time, is
 * answered by the full fold (`assessStatus`), so the answer is always the fold's answer —
 * `stream-status.spec.ts` checks that on random histories.
 */
import { PatientEvent } from '../events/patient-event';
import { Instant, instantOf } from '../time/danish-time';
import { byEffectiveTime, Effective, effectiveInstantOf } from './effective-time';
import { assessTimeline, assessStatus, StatusAssessment, StatusQuery } from './status-at';
import { applyToTimeline, copyOfTimeline, emptyTimeline, emptyWillRecord, noteRecorded, Timeline, WillRecord } from './timeline';

export interface StreamStatus {
  readonly events: readonly PatientEvent[];
  /** Every event applied in valid-time order, or null once one arrived out of that order. */
  readonly timeline: Timeline | null;
  readonly wills: WillRecord;
  /** The last event applied, with its effective instant: the next must come after it. */
  readonly last: Effective | null;
  readonly lastRecordedAt: Instant;
}

export const EMPTY_STREAM_STATUS: StreamStatus = {
  events: [], timeline: emptyTimeline(), wills: emptyWillRecord(), last: null, lastRecordedAt: Number.NEGATIVE_INFINITY,
};

/** The stream with one more event (the next in record order). The given value is not changed. */
export function withEvent(s: StreamStatus, event: PatientEvent): StreamStatus {
  const events = [...s.events, event];
  const lastRecordedAt = Math.max(s.lastRecordedAt, instantOf(event.recordedAt));
  const next: Effective = { event, effective: effectiveInstantOf(event) };
  if (!s.timeline || (s.last && byEffectiveTime(s.last, next) > 0)) return { events, timeline: null, wills: s.wills, last: s.last, lastRecordedAt };
  const wills = { instrumentOf: new Map(s.wills.instrumentOf), open: new Map(s.wills.open) };
  noteRecorded(wills, event);
  const timeline = copyOfTimeline(s.timeline);
  timeline.activationToTestament = wills.instrumentOf;
  applyToTimeline(timeline, event, next.effective);
  return { events, timeline, wills, last: next, lastRecordedAt };
}

/** The assessment of the whole stream for `query`: one step's worth of work when it can be, the full fold otherwise. */
export function assessStream(s: StreamStatus, query: StatusQuery): StatusAssessment {
  const everythingApplies = s.timeline !== null && (s.last === null || s.last.effective <= query.at) && s.lastRecordedAt <= query.knownAt;
  return everythingApplies ? assessTimeline(s.timeline as Timeline, query, s.events.length) : assessStatus(s.events, query);
}
