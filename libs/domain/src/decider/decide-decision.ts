/** MakeDecision → DecisionMade: exceptions 3, 4 and 5 (R3.1, R4.1–R4.3, R5.1, R5.6). */
import { MakeDecision } from '../commands/commands';
import { NewEvent } from '../events/patient-event';
import { ageAt, ageOnDate } from '../patient/age';
import { instantOf } from '../time/danish-time';
import { Role } from '../vocabulary/primitives';
import { recordShowsPermanentlyIncompetent } from './competence';
import { DeciderState } from './decider-state';
import { isFrailtyAlone } from './frailty-alone';
import { Rejection, requireRole, ruleViolation } from './rejection';

const WHO_MAY_DECIDE: Record<MakeDecision['body']['basis'], { roles: readonly Role[]; rule: 'R3.1' | 'R4.2' | 'R5.6' }> = {
  physician: { roles: ['physician'], rule: 'R3.1' },
  // A wish told only to a nurse is not yet a refusal: the physician must assess and record it (R4.2).
  patient: { roles: ['physician'], rule: 'R4.2' },
  // Recording the register's answer: a health professional looked it up (R5.6); not staff working under one.
  register: { roles: ['physician', 'nurse', 'paramedic'], rule: 'R5.6' },
};

export function decideMakeDecision(cmd: MakeDecision, state: DeciderState): NewEvent[] | Rejection {
  const { body } = cmd;
  const who = WHO_MAY_DECIDE[body.basis];
  const refused =
    requireRole(cmd.by.role, who.roles, who.rule, `a ${body.basis} decision`) ??
    checkBasis(cmd, state);
  if (refused) return refused;
  const decisionId = body.decisionId ?? cmd.newDecisionId;
  if (state.decisions.has(decisionId) || state.activations.has(decisionId)) {
    return ruleViolation('R8.2', `decision ${decisionId} is already recorded; revise it instead`);
  }
  return [{ type: 'DecisionMade', data: { ...body, decisionId, oral: body.oral ?? false } }];
}

function checkBasis(cmd: MakeDecision, state: DeciderState): Rejection | null {
  const { body } = cmd;
  const birthDate = state.birthDate as string;
  switch (body.basis) {
    case 'physician':
      return body.grounds && body.grounds.length > 0
        ? null
        : ruleViolation('R3.1', 'a physician decision states at least one ground (irreversibly_dying, severe_disability, severe_suffering)');
    case 'patient':
      return checkPatientRefusal(cmd, birthDate) ?? checkCompetence(cmd, state);
    case 'register':
      return checkRegisterRefusal(cmd, birthDate);
  }
}

/** R4.1 age and understanding; R4.3 the refusal belongs to an illness situation. */
function checkPatientRefusal(cmd: MakeDecision, birthDate: string): Rejection | null {
  const { body } = cmd;
  if (!body.illnessSituation) {
    return ruleViolation('R4.3', "a patient's own refusal applies only in the illness situation it was made in: illnessSituation is required");
  }
  if (isFrailtyAlone(body.illnessSituation)) {
    return ruleViolation('R4.3', 'frailty of old age alone is not an illness situation: name the illness (diagnoses or description) the refusal belongs to');
  }
  const age = ageAt(birthDate, instantOf(body.decidedAt));
  if (age < 15) {
    return ruleViolation('R4.1', `the patient was ${age} at decidedAt: under 15 only the responsible physician can decide (R3.6)`);
  }
  if (age < 18 && body.patientUnderstandsConsequences !== true) {
    return ruleViolation('R4.1', `the patient was ${age}: aged 15–17 the physician must judge that the patient understands the consequences (patientUnderstandsConsequences: true)`);
  }
  return null;
}

/**
 * R4.7 A patient the record shows as permanently incompetent at decidedAt (a will activation's
 * assessment not withdrawn by then, or a registration found invalid for permanent incompetence,
 * competence.ts) cannot make a refusal; only the physician decides for them (R3).
 */
function checkCompetence(cmd: MakeDecision, state: DeciderState): Rejection | null {
  if (!recordShowsPermanentlyIncompetent(state, instantOf(cmd.body.decidedAt))) return null;
  return ruleViolation('R4.7', 'the record shows the patient as permanently incompetent at decidedAt: only the responsible physician can decide (basis physician)');
}

/**
 * The register of refusals opened with VEJ 9921/2024, »Denne vejledning har virkning fra 15. januar
 * 2025« (pkt. 8): no one can have registered before. An earlier date is a typo that would skip the
 * seven days (R5.1), like a livstestamente made after its last day (decide-wills.ts).
 */
const REGISTER_OPENED = '2025-01-15';

/** R5.1 the register is open to citizens aged 60+ on the day they registered, from the day it opened. */
function checkRegisterRefusal(cmd: MakeDecision, birthDate: string): Rejection | null {
  const { registeredAt } = cmd.body;
  if (!registeredAt) {
    return ruleViolation('R5.1', 'a registered refusal needs registeredAt: it takes effect 7 days after registration');
  }
  if (registeredAt < REGISTER_OPENED) {
    return ruleViolation('R5.1', `registeredAt ${registeredAt} lies before the register of refusals opened on ${REGISTER_OPENED}`);
  }
  const age = ageOnDate(birthDate, registeredAt);
  if (age < 60) {
    return ruleViolation('R5.1', `the citizen was ${age} on ${registeredAt}: only citizens aged 60 or more can register a refusal`);
  }
  return null;
}
