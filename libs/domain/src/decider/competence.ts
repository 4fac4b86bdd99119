/**
 * R4.7 Whether the record shows the patient permanently incompetent at a moment, as the decider
 * knows the record: a will activation's assessment not withdrawn by then, or a registration found
 * invalid because the citizen was permanently incompetent when registering (R5.5) — from that
 * registration's day on. The status reads it the same way (status/competence.ts).
 */
import { Instant, startOfDanishDay } from '../time/danish-time';
import { DeciderState } from './decider-state';

export function recordShowsPermanentlyIncompetent(state: DeciderState, at: Instant): boolean {
  for (const a of state.activations.values()) {
    if (a.assessedAt <= at && (a.withdrawnAt === null || a.withdrawnAt > at)) return true;
  }
  for (const d of state.decisions.values()) {
    if (d.invalidForGood && startOfDanishDay(d.registeredAt as string) <= at) return true;
  }
  return false;
}
