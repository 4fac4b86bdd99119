/** Handovers (R7), temporary revocations (R5.3, R6.4) and improvements (R3.4, R4.5, R6.8). */
import { RecordConditionImprovement, RecordHandover, RecordTemporaryRevocation } from '../commands/commands';
import { NewEvent } from '../events/patient-event';
import { invalid, Rejection, requireRole, ruleViolation } from './rejection';

/** Physicians and nurses hand over; the prehospital staff pass an admission on to the hospital (R7.2a). */
export function decideHandover(cmd: RecordHandover): NewEvent[] | Rejection {
  const refused = cmd.body.kind === 'admission'
    ? requireRole(cmd.by.role, ['physician', 'nurse', 'paramedic'], 'R7.2a', 'recording an admission')
    : requireRole(cmd.by.role, ['physician', 'nurse'], 'R7.1', 'recording a handover');
  if (refused) return refused;
  const { body } = cmd;
  if (body.from.sor === body.to.sor && body.from.ean === body.to.ean) {
    return invalid('to', 'a handover goes from one site to another: from and to must differ');
  }
  const handoverId = body.handoverId ?? cmd.newHandoverId;
  return [{ type: 'HandedOverTo', data: { ...body, handoverId, outOfHours: body.outOfHours ?? false } }];
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
