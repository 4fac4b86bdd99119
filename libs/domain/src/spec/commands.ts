/** Command builders for decider specs. */
import {
  ActivateTestament, MakeDecision, RecordConditionImprovement, RecordHandover, RecordTemporaryRevocation, RecordWillLookup, ReviseDecision,
} from '../commands/commands';
import { Role } from '../vocabulary/primitives';
import { actor, GP, HOSPITAL, nextId, NURSING_HOME } from './builders';

export const makeDecision = (body: Partial<MakeDecision['body']> & Pick<MakeDecision['body'], 'basis'>, role: Role = 'physician'): MakeDecision => ({
  type: 'MakeDecision', by: actor(role), newDecisionId: nextId(), body: { decidedAt: '2026-03-01T09:00:00+01:00', oral: false, ...body },
});

export const revise = (decisionId: string, action: ReviseDecision['body']['action'], role: Role = 'physician', revisedAt = '2026-03-05T09:00:00+01:00', extra: Partial<ReviseDecision['body']> = {}): ReviseDecision => ({
  type: 'ReviseDecision', by: actor(role), decisionId, body: { action, reason: 'vurderet', revisedAt, ...extra },
});

export const recordWillLookup = (body: Partial<RecordWillLookup['body']> & Pick<RecordWillLookup['body'], 'result'>, role: Role = 'nurse'): RecordWillLookup => ({
  type: 'RecordWillLookup', by: actor(role), newLookupId: nextId(), body: { at: '2026-03-05T09:00:00+01:00', ...body },
});

/** Recorded by staff of the site the patient leaves (R7.1), unless `body.from` says otherwise. */
export const recordHandover = (role: Role = 'nurse', body: Partial<RecordHandover['body']> = {}): RecordHandover => ({
  type: 'RecordHandover', by: actor(role, { org: (body.from ?? HOSPITAL).sor }), newHandoverId: nextId(),
  body: { kind: 'discharge', at: '2026-03-05T10:00:00+01:00', from: HOSPITAL, to: NURSING_HOME, generalPractitioner: GP, outOfHours: false, ...body },
});

export const revokeTemporarily = (body: Partial<RecordTemporaryRevocation['body']> & Pick<RecordTemporaryRevocation['body'], 'instrument'>, role: Role = 'care_worker'): RecordTemporaryRevocation => ({
  type: 'RecordTemporaryRevocation', by: actor(role),
  body: { illnessSituation: { id: 'pneumonia', description: 'Lungebetændelse' }, statedAt: '2026-03-05T10:00:00+01:00', ...body },
});

export const activateTestament = (body: Partial<ActivateTestament['body']> = {}, role: Role = 'physician'): ActivateTestament => ({
  type: 'ActivateTestament', by: actor(role), newActivationId: nextId(),
  body: { kind: 'behandlingstestamente', situation: 'irreversibly_dying', assessedAt: '2026-03-05T10:00:00+01:00', permanentlyIncompetent: true, conditionalOnRelatives: false, relativesAccepted: false, ...body },
});

export const recordImprovement = (role: Role = 'nurse', body: Partial<RecordConditionImprovement['body']> = {}): RecordConditionImprovement => ({
  type: 'RecordConditionImprovement', by: actor(role), body: { at: '2026-03-05T10:00:00+01:00', dischargeable: true, ...body },
});
