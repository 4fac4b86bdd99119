/**
 * Commands as the decider sees them: the validated body, the caller, and any ids the edge
 * generated (the domain never invents randomness). Each command yields exactly one event.
 */
import { Actor } from '../vocabulary/primitives';
import {
  ActivateTestamentBody, MakeDecisionBody, RecordConditionImprovementBody, RecordHandoverBody,
  RecordTemporaryRevocationBody, RecordWillLookupBody, ReviseDecisionBody,
} from './command-bodies';

interface Base<T extends string, B> {
  type: T;
  by: Actor;
  body: B;
}

export type RegisterPatient = Base<'RegisterPatient', { cpr: string; name: string }>;
export type MakeDecision = Base<'MakeDecision', MakeDecisionBody> & { newDecisionId: string };
export type ReviseDecision = Base<'ReviseDecision', ReviseDecisionBody> & { decisionId: string };
export type RecordHandover = Base<'RecordHandover', RecordHandoverBody> & { newHandoverId: string };
export type RecordTemporaryRevocation = Base<'RecordTemporaryRevocation', RecordTemporaryRevocationBody>;
export type ActivateTestament = Base<'ActivateTestament', ActivateTestamentBody> & { newActivationId: string };
export type RecordWillLookup = Base<'RecordWillLookup', RecordWillLookupBody> & { newLookupId: string };
export type RecordConditionImprovement = Base<'RecordConditionImprovement', RecordConditionImprovementBody>;

export type PatientCommand =
  | RegisterPatient
  | MakeDecision
  | ReviseDecision
  | RecordHandover
  | RecordTemporaryRevocation
  | ActivateTestament
  | RecordConditionImprovement
  | RecordWillLookup;
