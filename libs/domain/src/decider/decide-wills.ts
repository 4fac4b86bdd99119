/** Treatment and living wills (undtagelse 6): activations (R6.1–R6.3, R6.1a) and will-registry look-ups (R6.6). */
import { ActivateTestament, RecordWillLookup } from '../commands/commands';
import { NewEvent } from '../events/patient-event';
import { addYears, ageAt, ageOnDate } from '../patient/age';
import { instantOf } from '../time/danish-time';
import { DeciderState } from './decider-state';
import { Rejection, requireRole, ruleViolation } from './rejection';

/** »Livstestamenter kunne oprettes indtil 1. januar 2019« (VEJ 9921/2024, note 14): 31 December 2018 was the last day. */
const LAST_DAY_OF_LIVING_WILLS = '2018-12-31';

export function decideActivateTestament(cmd: ActivateTestament, state: DeciderState): NewEvent[] | Rejection {
  const refused =
    requireRole(cmd.by.role, ['physician'], 'R6.1', 'assessing that a will has taken effect') ??
    checkKindAndSituation(cmd) ??
    checkAge(cmd, state.birthDate as string) ??
    checkCitedLookup(cmd, state);
  if (refused) return refused;
  const { body } = cmd;
  const activationId = body.activationId ?? cmd.newActivationId;
  if (state.activations.has(activationId) || state.decisions.has(activationId)) {
    return ruleViolation('R8.2', `activation ${activationId} is already recorded`);
  }
  return [{
    type: 'TestamentActivated',
    data: { ...body, activationId, conditionalOnRelatives: body.conditionalOnRelatives ?? false, relativesAccepted: body.relativesAccepted ?? false },
  }];
}

/** R6.2 which situations each kind covers; R6.3 which may depend on the relatives' acceptance. */
function checkKindAndSituation(cmd: ActivateTestament): Rejection | null {
  const { kind, situation, conditionalOnRelatives } = cmd.body;
  if (kind === 'livstestamente' && situation === 'severe_suffering') {
    return ruleViolation('R6.2', 'a livstestamente covers only irreversibly_dying and severe_disability');
  }
  if (conditionalOnRelatives && kind === 'livstestamente') {
    return ruleViolation('R6.3', "only a behandlingstestamente can be conditional on the relatives' acceptance");
  }
  if (conditionalOnRelatives && situation === 'irreversibly_dying') {
    return ruleViolation('R6.3', "the irreversibly dying situation cannot be made conditional on the relatives' acceptance");
  }
  return null;
}

/**
 * R6.1a A will is made by a competent person aged 18 or more: a patient under 18 cannot have one,
 * and one who turned 18 on or after 1 January 2019 cannot have made a livstestamente.
 */
function checkAge(cmd: ActivateTestament, birthDate: string): Rejection | null {
  const age = ageAt(birthDate, instantOf(cmd.body.assessedAt));
  if (age < 18) return ruleViolation('R6.1', `the patient was ${age} at assessedAt: only a person aged 18 or more can have made a will`);
  const adultFrom = addYears(birthDate, 18);
  if (cmd.body.kind === 'livstestamente' && ageOnDate(birthDate, LAST_DAY_OF_LIVING_WILLS) < 18) {
    return ruleViolation('R6.1', `the patient turned 18 on ${adultFrom}: livstestamenter could only be made until 1 January 2019`);
  }
  return null;
}

/** R6.6 An activation that cites a look-up must agree with what the registry answered. */
function checkCitedLookup(cmd: ActivateTestament, state: DeciderState): Rejection | null {
  const { lookupId, kind, situation, conditionalOnRelatives } = cmd.body;
  if (lookupId === undefined) return null;
  const lookup = state.willLookups.get(lookupId);
  if (!lookup) return ruleViolation('R6.6', `no will-registry look-up ${lookupId} is recorded for this patient`);
  if (lookup.result === 'not_found') return ruleViolation('R6.6', 'the cited look-up found no will in the registry');
  if (lookup.kind !== kind) return ruleViolation('R6.6', `the cited look-up found a ${lookup.kind}, not a ${kind}`);
  if (lookup.situations && !lookup.situations.includes(situation)) {
    return ruleViolation('R6.6', `the will found covers ${lookup.situations.join(', ')}, not ${situation}`);
  }
  // A will the registry shows as conditional must not bind without the relatives' acceptance (R6.3).
  if (lookup.conditionalOnRelatives === true && !conditionalOnRelatives && situation !== 'irreversibly_dying') {
    return ruleViolation('R6.6', "the will found is conditional on the relatives' acceptance: record the activation as conditionalOnRelatives");
  }
  return null;
}

/** R6.6 The look-up is documented by a health professional who may assess it: physicians and nurses. */
export function decideWillLookup(cmd: RecordWillLookup): NewEvent[] | Rejection {
  const refused = requireRole(cmd.by.role, ['physician', 'nurse'], 'R6.6', 'documenting a will-registry look-up');
  if (refused) return refused;
  const { lookupId, ...rest } = cmd.body;
  return [{ type: 'WillRegistryLookedUp', data: { lookupId: lookupId ?? cmd.newLookupId, ...rest } }];
}
