/** Handovers (R7), temporary revocations (R5.3, R6.4) and improvements (R3.4, R4.5, R6.8). */
import { RecordConditionImprovement, RecordHandover, RecordTemporaryRevocation } from '../commands/commands';
import { NewEvent } from '../events/patient-event';
import { invalid, Rejection, requireRole, ruleViolation } from './rejection';

/**
 * Physicians and nurses hand over from or to their own organisation; the prehospital staff pass an
 * admission on to the hospital (R7.2a) from wherever they found the patient. Messages go out in the
 * sending site's name and land in its EHR, so nobody else may record them.
 */
export function decideHandover(cmd: RecordHandover): NewEvent[] | Rejection {
  const { body, by } = cmd;
  const crewAdmission = body.kind === 'admission' && by.role === 'paramedic';
  const refused = body.kind === 'admission'
    ? requireRole(by.role, ['physician', 'nurse', 'paramedic'], 'R7.2a', 'recording an admission')
    : requireRole(by.role, ['physician', 'nurse'], 'R7.1', 'recording a handover');
  if (refused) return refused;
  if (!crewAdmission && by.org !== body.from.sor && by.org !== body.to.sor) return notAtEitherEnd();
  if (crewAdmission && body.to.sor === by.org) return invalid('to', 'the crew passes the admission on to the receiving hospital: to is the hospital, not the prehospital service');
  // The directory is keyed by SOR: two EANs under one SOR would still send the message to the site itself.
  if (body.from.sor === body.to.sor) return invalid('to', 'a handover goes from one site to another: from and to must differ');
  const handoverId = body.handoverId ?? cmd.newHandoverId;
  return [{ type: 'HandedOverTo', data: { ...body, handoverId, outOfHours: body.outOfHours ?? false } }];
}

/** 403 like a role refusal: the role may, but only for its own organisation's patients on the move. */
function notAtEitherEnd(): Rejection {
  return { kind: 'role', rule: 'R7.1', allowed: ['physician', 'nurse'], detail: 'a handover is recorded by staff of the site it leaves or the site it goes to (the token\'s org must be from.sor or to.sor)' };
}

/**
 * Anyone may hear it (R5.3: whatever the citizen's competence; staff under an authorised person
 * are health professionals too). It is never refused for want of a recorded instrument (R5.3a).
 * Changing a will temporarily needs a competent patient (R6.4).
 */
export function decideTemporaryRevocation(cmd: RecordTemporaryRevocation): NewEvent[] | Rejection {
  const { body } = cmd;
  if (body.instrument === 'testament' && body.patientCompetent !== true) {
    return ruleViolation('R6.4', 'a treatment will can be revoked temporarily only while the patient is competent (patientCompetent: true)');
  }
  return [{ type: 'TemporarilyRevoked', data: body }];
}

export function decideConditionImprovement(cmd: RecordConditionImprovement): NewEvent[] | Rejection {
  const refused = requireRole(cmd.by.role, ['physician', 'nurse'], 'R4.5', 'recording a significant improvement');
  if (refused) return refused;
  return [{ type: 'ConditionImproved', data: cmd.body }];
}
