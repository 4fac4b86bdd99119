/**
 * The decider: a command and the patient's history in, one event or a refusal out.
 * Pure; every fact it needs (ids, the caller, the body, the record time) is passed in.
 */
import { PatientCommand } from '../commands/commands';
import { NewEvent } from '../events/patient-event';
import { parseCpr } from '../patient/cpr';
import { Instant, startOfDanishDay } from '../time/danish-time';
import { DeciderState } from './decider-state';
import { decideMakeDecision } from './decide-decision';
import { decideRevision } from './decide-revision';
import { decideConditionImprovement, decideHandover, decideTemporaryRevocation } from './decide-situations';
import { decideActivateTestament, decideWillLookup } from './decide-wills';
import { checkStatedTimes } from './stated-times';
import { invalid, isRejection, notFound, Rejection, ruleViolation } from './rejection';

export type Decision = NewEvent[] | Rejection;

/**
 * `now` is the moment the command is recorded (the edge reads the clock). Who may do it is
 * answered first (403); then whether its stated times can be true (R1.4); then the rules of
 * the command itself, judged at those times.
 */
export function decide(command: PatientCommand, state: DeciderState, now: Instant): Decision {
  if (command.type === 'RegisterPatient') return decideRegistration(command.body, state, now);
  if (!state.registered) return notFound('unknown patient');
  const decided = decidePatientCommand(command, state);
  if (isRejection(decided) && (decided.kind === 'role' || decided.kind === 'not_found')) return decided;
  return checkStatedTimes(command, state.birthDate, now) ?? decided;
}

/**
 * A patient's record holds at most this many decisions and will activations. Every status answer
 * — each lookup, each entry of the status feed — lists every instrument, so a record grown without
 * end would make every answer, and the feed, grow with it (a thousand decisions made feed entries
 * of 285 kB each, 140 MB for one patient). No patient's care comes near it, and it bounds only new
 * refusals: a wish for CPR, a withdrawal or anything else is never refused for it.
 */
export const MOST_INSTRUMENTS = 200;

function decidePatientCommand(command: Exclude<PatientCommand, { type: 'RegisterPatient' }>, state: DeciderState): Decision {
  switch (command.type) {
    case 'MakeDecision':
      return recordIsFull(state) ?? decideMakeDecision(command, state);
    case 'ReviseDecision':
      return decideRevision(command, state);
    case 'RecordHandover':
      return decideHandover(command);
    case 'RecordTemporaryRevocation':
      return decideTemporaryRevocation(command);
    case 'ActivateTestament':
      return recordIsFull(state) ?? decideActivateTestament(command, state);
    case 'RecordConditionImprovement':
      return decideConditionImprovement(command);
    case 'RecordWillLookup':
      return decideWillLookup(command);
  }
}

function recordIsFull(state: DeciderState): Rejection | null {
  if (state.decisions.size + state.activations.size < MOST_INSTRUMENTS) return null;
  return ruleViolation('R8.2', `the record already holds ${MOST_INSTRUMENTS} decisions and will activations: no patient's care needs more; ask the service's operators`);
}

/** A known patient is registered once; registering again changes nothing. A CPR of someone not yet born is invalid. */
function decideRegistration(body: { cpr: string; name: string }, state: DeciderState, now: Instant): Decision {
  const parsed = parseCpr(body.cpr);
  if (!parsed.ok) return invalid('cpr', parsed.reason);
  if (startOfDanishDay(parsed.cpr.birthDate) > now) return invalid('cpr', "the CPR number's birth date lies in the future");
  if (state.registered) return [];
  return [{ type: 'PatientRegistered', data: { cpr: parsed.cpr.digits, name: body.name, birthDate: parsed.cpr.birthDate } }];
}
