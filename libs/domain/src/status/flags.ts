/** Flags say what someone must still do, or what is about to change, whatever the status is. */
import { toDanishIso } from '../time/danish-time';
import { Flag } from './resuscitation-status';
import { Instrument } from './instrument-states';
import { RevocationTrack } from './timeline';

export function flagsOf(instruments: readonly Instrument[], revocations: readonly RevocationTrack[]): Flag[] {
  const flags: Flag[] = [];
  for (const i of instruments) flags.push(...flagsOfInstrument(i));
  for (const r of revocations) {
    flags.push({
      code: 'TEMPORARY_REVOCATION_ACTIVE',
      rule: r.made.data.instrument === 'register' ? 'R5.3' : 'R6.4',
      detail: `the patient revoked the ${r.made.data.instrument} for illness situation "${r.made.data.illnessSituation.id}" on ${toDanishIso(r.statedAt)}; it applies until discharge after significant improvement (R5.3a: also to an instrument recorded later)`,
    });
  }
  return flags;
}

function flagsOfInstrument(i: Instrument): Flag[] {
  const { view } = i;
  const flags: Flag[] = [];
  if (view.state === 'in_force' && i.reevaluationRequiredSince !== undefined) {
    flags.push({ code: 'REEVALUATION_REQUIRED', rule: 'R3.4', detail: `significant improvement on ${toDanishIso(i.reevaluationRequiredSince)}: the decision stands until the responsible physician has re-evaluated it` });
  }
  if (view.state === 'in_force' && i.oralUnconfirmed) {
    flags.push({ code: 'WRITTEN_CONFIRMATION_PENDING', rule: 'R7.1', detail: `oral decision ${view.id} must be confirmed in writing as soon as possible` });
  }
  if (view.state === 'pending') {
    flags.push({ code: 'REGISTER_PENDING', rule: 'R5.1', detail: view.effectiveFrom as string });
  }
  if (view.state === 'lapsed') {
    flags.push({ code: 'CLARIFY_PATIENT_WISH', rule: 'R4.5', detail: "the patient's refusal lapsed on significant improvement: clarify whether the patient keeps the wish, and have the physician assess it anew" });
  }
  return flags;
}
