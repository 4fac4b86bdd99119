/**
 * The decider: a command and the patient's history in, one event or a refusal out.
 * Pure; every fact it needs (ids, the caller, the body) is in the command.
 */
import { PatientCommand } from '../commands/commands';
import { NewEvent } from '../events/patient-event';
import { parseCpr } from '../patient/cpr';
import { DeciderState } from './decider-state';
import { decideMakeDecision } from './decide-decision';
import { decideRevision } from './decide-revision';
import { decideActivateTestament, decideConditionImprovement, decideHandover, decideTemporaryRevocation } from './decide-situations';
import { invalid, notFound, Rejection } from './rejection';
import { Instant } from '../time/danish-time';

export type Decision = NewEvent[] | Rejection;

/** `now` is the moment the command is recorded (the edge reads the clock); rules about stated times compare with it. */
export function decide(command: PatientCommand, state: DeciderState, now: Instant): Decision {
  void now; // read by the rules on stated times (R1.4)
  if (command.type === 'RegisterPatient') return decideRegistration(command.body, state);
  if (!state.registered) return notFound('unknown patient');
  switch (command.type) {
    case 'MakeDecision':
      return decideMakeDecision(command, state);
    case 'ReviseDecision':
      return decideRevision(command, state);
    case 'RecordHandover':
      return decideHandover(command);
    case 'RecordTemporaryRevocation':
      return decideTemporaryRevocation(command);
    case 'ActivateTestament':
      return decideActivateTestament(command);
    case 'RecordConditionImprovement':
      return decideConditionImprovement(command);
  }
}

/** A known patient is registered once; registering again changes nothing. */
function decideRegistration(body: { cpr: string; name: string }, state: DeciderState): Decision {
  const parsed = parseCpr(body.cpr);
  if (!parsed.ok) return invalid('cpr', parsed.reason);
  if (state.registered) return [];
  return [{ type: 'PatientRegistered', data: { cpr: parsed.cpr.digits, name: body.name, birthDate: parsed.cpr.birthDate } }];
}
