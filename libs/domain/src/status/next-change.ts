/**
 * R7.3b the prehospital service learns every change — also one that comes by time alone. Some
 * answers change with no new event: a registered refusal is pending until 00:00 Danish time on
 * the registration day + 7 (R5.1), and an event may state a time after it was recorded (R1.4:
 * up to 5 minutes; the fold takes every event at its own effective time). A follower of the
 * status feed that kept the last entry would keep the stale answer; the relay asks this module
 * when to look again.
 *
 * The fold reads the moment asked about (`at`) in three places only, and nowhere else:
 * - which events have taken effect by then (effective-time.ts, status-at.ts);
 * - whether a registered refusal is still pending (instrument-states.ts decisionState);
 * - which wishes for CPR are in effect: stated by then, not yet ended by discharge after
 *   improvement (instrument-states.ts activeWishes).
 * Between two consecutive such instants the timeline and every comparison with `at` stay as they
 * are, so the answer does too; and each holds from its own instant on (`<=` and `<` as the fold
 * writes them). An instant where nothing a receiver would notice changes is harmless: the relay
 * assesses again and publishes only a real change.
 */
import { Instant } from '../time/danish-time';
import { startOfDanishDay } from '../time/danish-time';
import { PatientEvent } from '../events/patient-event';
import { Effective } from './effective-time';
import { registerEffectiveDate } from './instrument-states';
import { ResuscitationStatus } from './resuscitation-status';
import { receiverWouldNotice, renderStatus } from './status-at';
import { assessStream, StreamStatus, streamStatusOf, timelineAt } from './stream-status';
import { leavesTimelineAsItIs, Timeline } from './timeline';

/**
 * The earliest instant after `after` at which the answer — status, flags, instruments — could
 * change with no new event, or null when it stays as it is for good (until something is recorded).
 */
export function nextChangeAfter(s: StreamStatus, after: Instant): Instant | null {
  const candidates = [nextEventTakingEffect(s.ordered, after), ...changesWithin(timelineAt(s, after))];
  return earliestAfter(candidates, after);
}

/** The same, for a stream given as its events in record order. */
export function nextChangeOf(events: readonly PatientEvent[], after: Instant): Instant | null {
  return nextChangeAfter(streamStatusOf(events), after);
}

/**
 * The next event to take effect. Registration and handovers are passed over: they change nothing
 * in force (R3.3: decisions hold across sector changes), although a handover may be planned 14 days ahead.
 */
function nextEventTakingEffect(ordered: readonly Effective[], after: Instant): Instant | null {
  // From the end: the relay asks after every event, and nearly always nothing lies ahead (one step, not a walk of the stream).
  let next: Instant | null = null;
  for (let i = ordered.length - 1; i >= 0 && ordered[i].effective > after; i -= 1) {
    if (!leavesTimelineAsItIs(ordered[i].event)) next = ordered[i].effective;
  }
  return next;
}

/** The instants at which the timeline as it stands at `after` reads differently, with no event taking effect. */
function changesWithin(t: Timeline): Instant[] {
  const instants: Instant[] = [];
  // R5.1: a registered refusal not ended is pending until 00:00 Danish time on the registration day + 7.
  for (const d of t.decisions.values()) if (d.made.data.basis === 'register' && d.withdrawnAt === undefined) instants.push(startOfDanishDay(registerEffectiveDate(d)));
  // R5.3/R5.3b: a wish for CPR holds from its stated time until the patient can be discharged after
  // improvement. Both are an event's own effective time today (a withdrawal's wish is stated at the
  // later of the withdrawal and the refusal, which the withdrawal never precedes): named here as
  // well, so that a change to how wishes are timed cannot slip past the feed.
  for (const w of t.wishes) {
    instants.push(w.statedAt);
    if (w.endedAt !== undefined) instants.push(w.endedAt);
  }
  return instants;
}

function earliestAfter(instants: ReadonlyArray<Instant | null>, after: Instant): Instant | null {
  let earliest: Instant | null = null;
  for (const i of instants) if (i !== null && i > after && (earliest === null || i < earliest)) earliest = i;
  return earliest;
}

/**
 * The status the feed publishes at `at` when time alone has changed what a receiver would notice
 * since `since` (the last instant the feed's answer was assessed), else null. Asked of the whole
 * stream as known: every event in it was recorded before the relay asks.
 */
export function statusChangedByTime(s: StreamStatus, patientId: string, since: Instant, at: Instant): ResuscitationStatus | null {
  const knownAt = Math.max(at, s.lastRecordedAt);
  const before = assessStream(s, { patientId, at: since, knownAt });
  const after = assessStream(s, { patientId, at, knownAt });
  return receiverWouldNotice(before, after) ? renderStatus(after) : null;
}
