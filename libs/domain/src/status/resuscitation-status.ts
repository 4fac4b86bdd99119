/** The answer to "may we resuscitate?", shaped exactly as GET …/resuscitation-status (api.md). */
import { Role } from '../vocabulary/primitives';

export type Status = 'DNACPR' | 'ATTEMPT_CPR';
export type InstrumentKind = 'register' | 'physician' | 'patient' | 'testament';
export type InstrumentState = 'in_force' | 'pending' | 'lapsed' | 'withdrawn' | 'suspended' | 'advisory' | 'awaiting_relatives';

export type AttemptCprReason =
  | 'NO_PRIOR_DECISION'
  | 'DECISION_WITHDRAWN'
  | 'DECISION_LAPSED'
  | 'REGISTER_NOT_YET_EFFECTIVE'
  | 'TEMPORARILY_REVOKED'
  | 'TESTAMENT_ADVISORY_ONLY'
  | 'AWAITING_RELATIVES_ACCEPTANCE';

export type FlagCode =
  | 'REEVALUATION_REQUIRED'
  | 'WRITTEN_CONFIRMATION_PENDING'
  | 'REGISTER_PENDING'
  | 'CLARIFY_PATIENT_WISH'
  | 'TEMPORARY_REVOCATION_ACTIVE'
  | 'PATIENT_WISHES_CPR'
  | 'WILL_NOT_IN_REGISTRY'
  | 'MADE_WHILE_PERMANENTLY_INCOMPETENT';

export interface Flag {
  code: FlagCode;
  rule: string;
  /** What must be done, in clinical Danish. */
  detail: string;
  /** The instrument the flag is about, when it is about one. */
  instrumentId?: string;
}

export interface Recorder {
  name: string;
  role: Role;
  org: string;
}

export interface InstrumentView {
  kind: InstrumentKind;
  id: string;
  state: InstrumentState;
  since: string;
  rule: string;
  decidedAt: string;
  decidedBy: Recorder;
  /** Patient refusals and revocations: the illness situation they belong to (R4.3). */
  illnessSituationId?: string;
  /** Register refusals: the day the refusal takes effect (R5.1). */
  effectiveFrom?: string;
  /** Treatment wills: which kind and situation (R6.2). */
  testament?: { kind: string; situation: string };
  /** Physician decisions: the grounds (R3.1). */
  grounds?: string[];
  /** Will activations: the will-registry look-up the physician cited (R6.6). */
  lookupId?: string;
  /** Registered refusals found invalid (R5.5): the assessment and the report to Styrelsen for Patientsikkerhed. */
  declaredInvalid?: { assessment: string; incompetence: 'permanent' | 'temporary'; reportedToStps?: { at: string; reference?: string } };
}

/** R6.6 The latest documented look-up of the will registry. */
export interface WillLookupView {
  lookupId: string;
  at: string;
  result: 'found' | 'not_found';
  kind?: string;
  situations?: string[];
  conditionalOnRelatives?: boolean;
  lookedUpBy: Recorder;
}

export interface ResuscitationStatus {
  patientId: string;
  at: string;
  knownAt: string;
  version: number;
  status: Status;
  basis: InstrumentKind | null;
  statement: string;
  reason: AttemptCprReason | null;
  /** Plain-language explanation naming the rules that led to the answer. */
  explanation: string;
  decision: { decisionId: string; decidedAt: string; decidedBy: Recorder } | null;
  flags: Flag[];
  instruments: InstrumentView[];
  /** R6.6 the latest will-registry look-up known at `knownAt` and made by `at`, or null. */
  willLookup: WillLookupView | null;
}

/** R8.1 wording; codes only ever supplement it. */
export const STATEMENTS = {
  physician: 'Ingen lægelig indikation for genoplivningsforsøg ved hjertestop',
  patient: 'Patienten er habil og ønsker ikke genoplivningsforsøg ved hjertestop',
  register: 'Registreret fravalg af genoplivningsforsøg',
  behandlingstestamente: 'Behandlingstestamente trådt i kraft',
  livstestamente: 'Livstestamente trådt i kraft',
  attemptCpr: 'Genoplivning skal forsøges',
} as const;
