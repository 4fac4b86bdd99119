/**
 * R4.7, R5.5 What the record shows about the patient's competence at a moment: a physician's
 * assessment of permanent incompetence (every will activation carries one, R6.1) not withdrawn by
 * then, or a registration found invalid because the citizen was permanently incompetent when
 * registering. A refusal the patient is recorded as making after that contradicts the record —
 * »Varigt inhabile borgere kan ikke fravælge genoplivningsforsøg« (001) — whichever was entered
 * first, so the status reads it from the whole timeline, not from the order of recording.
 */
import { Instant, startOfDanishDay } from '../time/danish-time';
import { incompetenceOf, Timeline } from './timeline';

/** Since when the record shows the patient permanently incompetent at `at`; undefined when it does not. */
export function permanentlyIncompetentSince(t: Timeline, at: Instant): Instant | undefined {
  let since: Instant | undefined;
  const note = (from: Instant) => { if (from <= at && (since === undefined || from < since)) since = from; };
  for (const will of t.testaments.values()) {
    if (will.withdrawnAt === undefined || will.withdrawnAt > at) note(will.assessedFirstAt);
  }
  for (const d of t.decisions.values()) {
    if (d.declaredInvalid && incompetenceOf(d.declaredInvalid) === 'permanent') note(startOfDanishDay(d.made.data.registeredAt as string));
  }
  return since;
}
